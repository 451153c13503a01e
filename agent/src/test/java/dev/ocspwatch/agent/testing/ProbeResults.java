package dev.ocspwatch.agent.testing;

import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.probe.ProbeResult;
import dev.ocspwatch.common.probe.ProbeTimings;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Hand-built {@link ProbeResult}s for tests of what is derived from probes (findings, exit codes). */
public final class ProbeResults {
    public static final Map<String, String> OCSP_CONTENT_TYPE = Map.of("content-type", "application/ocsp-response");

    private ProbeResults() {
    }

    /** A probe that got an HTTP 200 with the proper content type: an answer the responder gave. */
    public static ProbeResult answered(String url, String method, String kind, Outcome outcome) {
        return of(url, method, kind, "1001", 200, OCSP_CONTENT_TYPE, outcome);
    }

    /** A probe that got no HTTP answer at all (transport or policy). */
    public static ProbeResult unanswered(String url, String method, String kind, Outcome outcome) {
        return of(url, method, kind, "1001", null, Map.of(), outcome);
    }

    public static ProbeResult of(String url, String method, String kind, String serial, Integer httpStatus,
                                 Map<String, String> headers, Outcome outcome) {
        return new ProbeResult(url, url, method, kind, "SHA1", serial, Instant.parse("2025-03-01T12:00:00Z"),
                List.of("192.0.2.1"), httpStatus == null ? null : "192.0.2.1:80", List.of(), ProbeTimings.NONE, httpStatus,
                headers, httpStatus == null ? null : 100, outcome, outcome.name().toLowerCase(java.util.Locale.ROOT),
                null, List.of(), "MAA=", null);
    }
}
