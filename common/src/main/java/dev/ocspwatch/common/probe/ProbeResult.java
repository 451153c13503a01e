package dev.ocspwatch.common.probe;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ocspwatch.common.ocsp.ResponseDetails;
import dev.ocspwatch.common.ocsp.lint.LintFinding;
import dev.ocspwatch.common.outcome.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one OCSP fetch saw: what was asked where, each network step and its timing, the
 * HTTP answer with its caching headers, the outcome with its reason and the response's
 * details, and the raw bytes both ways (base64) so a bug report can be reproduced. The same
 * record is the core of the agent's observations and of {@code ocspwatch check --json}.
 *
 * @param url the responder URL from the certificate (or the command line)
 * @param requestUrl what was actually requested: the GET URL with the encoded request, or the POST URL
 * @param method {@code GET} or {@code POST}
 * @param kind {@code standard}, or a conformance probe: {@code sha256-certid}, {@code unissued-serial}
 * @param serial the serial asked about, lower-case hex
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProbeResult(
        String url,
        String requestUrl,
        String method,
        String kind,
        String certIdHash,
        String serial,
        Instant sentAt,
        List<String> resolvedAddresses,
        String connectedAddress,
        List<String> redirects,
        ProbeTimings timings,
        Integer httpStatus,
        Map<String, String> headers,
        Integer bodyBytes,
        Outcome outcome,
        String reason,
        ResponseDetails details,
        List<LintFinding> lints,
        String requestBase64,
        String responseBase64) {

    public ProbeResult {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(outcome, "outcome");
        resolvedAddresses = resolvedAddresses == null ? List.of() : List.copyOf(resolvedAddresses);
        redirects = redirects == null ? List.of() : List.copyOf(redirects);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        lints = lints == null ? List.of() : List.copyOf(lints);
    }
}
