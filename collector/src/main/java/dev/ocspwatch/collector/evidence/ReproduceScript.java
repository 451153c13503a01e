package dev.ocspwatch.collector.evidence;

import dev.ocspwatch.collector.query.CertificateEvidence;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code reproduce.sh}: every distinct probe repeated with openssl and curl, then every
 * recorded response decoded. Untrusted text reaches it only as quoted arguments or as
 * comments flattened to one line (see {@link ShellCommand}). No {@code set -e}: one responder
 * that fails must not stop the others from being asked.
 */
final class ReproduceScript {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private ReproduceScript() {
    }

    static String text(CertificateEvidence evidence, List<RawFiles> probes, String generator) {
        StringBuilder out = new StringBuilder();
        out.append("#!/bin/sh\n");
        comment(out, "Repeats the OCSP probes of certificate " + evidence.certificateId() + ", as recorded by "
                + (generator == null ? "ocspwatch (version unknown)" : generator) + ".");
        comment(out, "Needs openssl and curl. Run it from this folder; new answers go to " + Reproductions.FOLDER + "/.");
        IssuerFile issuer = IssuerFile.of(evidence);
        if (issuer != null) {
            comment(out, OpensslCommands.ISSUER_FILE + " here is the issuing CA's certificate (SHA-256 " + issuer.sha256()
                    + "): commands without -reqin rebuild the request from it, and every response's signature is checked"
                    + " against it (\"Response verify OK\" or \"Response Verify Failure\").");
        } else {
            String spki = spki(evidence.certificateId());
            comment(out, "Commands without -reqin need " + OpensslCommands.ISSUER_FILE + ", the issuing CA's certificate"
                    + (spki == null ? "." : ": https://crt.sh/?spkisha256=" + spki));
        }
        out.append("set -u\nmkdir -p ").append(Reproductions.FOLDER).append("\n");
        List<Reproductions> reproductions = Reproductions.of(probes, issuer != null);
        if (reproductions.isEmpty()) {
            comment(out, "No probes were recorded: nothing to repeat.");
        }
        for (Reproductions reproduction : reproductions) {
            out.append('\n');
            comment(out, reproduction.number() + ". " + reproduction.method() + " " + reproduction.url() + ", as probe"
                    + (reproduction.probes().size() == 1 ? " " : "s ")
                    + reproduction.probes().stream().map(n -> "#" + n).collect(Collectors.joining(", ")));
            reproduction.commands().forEach(c -> out.append(c.script()).append('\n'));
        }
        List<RawFiles> responses = probes.stream().filter(p -> p.responsePath() != null).toList();
        if (!responses.isEmpty()) {
            out.append('\n');
            comment(out, "The responses as the agents received them");
            for (RawFiles probe : responses) {
                out.append("echo ").append(ShellCommand.quote("== probe #" + probe.number() + ": " + probe.responsePath()))
                        .append('\n');
                ShellCommand decode = issuer == null ? OpensslCommands.show(probe.responsePath())
                        : OpensslCommands.verify(probe.responsePath(), probe.observation().probe().sentAt());
                out.append(decode.line()).append('\n');
            }
        }
        return out.toString();
    }

    private static void comment(StringBuilder out, String text) {
        out.append("# ").append(ShellCommand.oneLine(text)).append('\n');
    }

    private static String spki(String certificateId) {
        int colon = certificateId.indexOf(':');
        String hash = colon < 0 ? "" : certificateId.substring(0, colon);
        return SHA256.matcher(hash).matches() ? hash : null;
    }
}
