package dev.ocspwatch.collector.evidence;

import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.probe.ProbeResult;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One probe's number and its raw files, decoded: the single place that names them, so the
 * report's pointers, {@code reproduce.sh} and the zip's entries always agree. The number is
 * the probe's 1-based position among all observations (send order), unique in a bundle, so
 * two regions whose names sanitize alike still cannot collide.
 *
 * @param requestPath path inside the bundle, or null if no readable request was kept
 * @param responsePath likewise for the response
 * @param problems what could not be used, for the report ("raw response unreadable: ...")
 */
record RawFiles(int number, Observation observation, String requestPath, byte[] request,
                String responsePath, byte[] response, List<String> problems) {

    static List<RawFiles> of(List<Observation> observations) {
        List<RawFiles> all = new ArrayList<>(observations.size());
        for (int i = 0; i < observations.size(); i++) {
            all.add(of(i + 1, observations.get(i)));
        }
        return List.copyOf(all);
    }

    static RawFiles of(int number, Observation observation) {
        ProbeResult probe = observation.probe();
        String stem = "raw/" + SafeName.of(observation.region()) + "/" + Utc.file(probe.sentAt()) + "-"
                + SafeName.of(probe.method()) + "-" + number;
        List<String> problems = new ArrayList<>();
        byte[] request = decode(probe.requestBase64(), "request", problems);
        byte[] response = decode(probe.responseBase64(), "response", problems);
        return new RawFiles(number, observation, request == null ? null : stem + "-request.der", request,
                response == null ? null : stem + "-response.der", response, List.copyOf(problems));
    }

    boolean keptAny() {
        return requestPath != null || responsePath != null;
    }

    /** Null when absent or not base64; the latter is noted, never thrown: one bad record must not sink a bundle. */
    private static byte[] decode(String base64, String what, List<String> problems) {
        if (base64 == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            problems.add("raw " + what + " bytes unreadable (not base64: " + e.getMessage() + ")");
            return null;
        }
    }
}
