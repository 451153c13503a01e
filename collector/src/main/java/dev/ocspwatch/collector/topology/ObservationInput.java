package dev.ocspwatch.collector.topology;

import dev.ocspwatch.collector.state.ProbeSummary;
import java.time.Instant;

/**
 * What the tracker takes of one record on {@code ocspwatch.observations}: the few fields a
 * verdict needs, and the record's bytes as they arrived (the evidence). {@code slimCuts} are the
 * byte ranges, in pairs of start and end, that {@link #slim()} removes, or null
 * when the reader could not note them (then the slim copy is made token by token).
 */
record ObservationInput(String observationId, String certificateId, Instant publishedAt, ProbeSummary summary, byte[] json,
                        int[] slimCuts) {

    /** The JSON without the probe's raw bytes, response details and lints: a copy of the bytes around them. */
    byte[] slim() {
        if (slimCuts == null) {
            return SlimEvidence.of(json);
        }
        int removed = 0;
        for (int i = 0; i < slimCuts.length; i += 2) {
            removed += slimCuts[i + 1] - slimCuts[i];
        }
        byte[] out = new byte[json.length - removed];
        int from = 0;
        int to = 0;
        for (int i = 0; i < slimCuts.length; i += 2) {
            System.arraycopy(json, from, out, to, slimCuts[i] - from);
            to += slimCuts[i] - from;
            from = slimCuts[i + 1];
        }
        System.arraycopy(json, from, out, to, json.length - from);
        return out;
    }
}
