package dev.ocspwatch.collector.evidence;

import dev.ocspwatch.common.probe.ProbeResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The distinct probes of a certificate and the commands that repeat each: a region probes the
 * same URL with the same request every few minutes, and one command per distinct request is
 * what a reader can use. In order of first appearance, so the output is stable.
 *
 * @param number 1-based, names the reproduced response file
 * @param probes the probe numbers (see {@link RawFiles}) this request stands for
 */
record Reproductions(int number, String method, String url, List<Integer> probes, List<ShellCommand> commands) {

    static final String FOLDER = "reproduced";

    /** @param withIssuer the bundle holds {@code issuer.pem}: commands check signatures against it */
    static List<Reproductions> of(List<RawFiles> files, boolean withIssuer) {
        Map<String, List<RawFiles>> groups = new LinkedHashMap<>();
        for (RawFiles file : files) {
            groups.computeIfAbsent(key(file.observation().probe()), k -> new ArrayList<>()).add(file);
        }
        List<Reproductions> all = new ArrayList<>();
        for (List<RawFiles> group : groups.values()) {
            int number = all.size() + 1;
            // Prefer a probe whose request bytes were kept: then the command sends exactly those.
            RawFiles chosen = group.stream().filter(f -> f.requestPath() != null).findFirst().orElse(group.get(0));
            ProbeResult probe = chosen.observation().probe();
            List<ShellCommand> commands = OpensslCommands.reproduce(probe, chosen.requestPath(),
                    FOLDER + "/response-" + number + ".der", withIssuer);
            all.add(new Reproductions(number, upper(probe.method()), probe.url(),
                    group.stream().map(RawFiles::number).toList(), commands));
        }
        return List.copyOf(all);
    }

    /**
     * Same method, URL and CertID: the same question. Not the request bytes: they are kept only
     * for some probes, and a nonce would make every one differ.
     */
    private static String key(ProbeResult probe) {
        return upper(probe.method()) + "\n" + probe.url() + "\n" + probe.certIdHash() + "\n" + probe.serial();
    }

    private static String upper(String method) {
        return method == null ? "" : method.toUpperCase(Locale.ROOT);
    }
}
