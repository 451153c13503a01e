package dev.ocspwatch.agent.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ocspwatch.common.probe.ProbeTimings;
import java.time.Instant;
import java.util.Map;

/**
 * One CRL distribution point, checked: fetched, parsed, signature checked against the issuer,
 * current or not, and whether the certificate's serial is on it.
 *
 * @param result NOT_LISTED, LISTED, UNAVAILABLE (not fetched: {@code fetchOutcome} says why),
 *     MALFORMED, WRONG_ISSUER, BAD_SIGNATURE, NOT_CURRENT, or SKIPPED (a scheme ocspwatch does not fetch, e.g. ldap)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CrlReport(
        String url,
        String result,
        String message,
        String fetchOutcome,
        Integer httpStatus,
        Integer bytes,
        ProbeTimings timings,
        Map<String, String> headers,
        String issuer,
        Boolean signatureValid,
        Instant thisUpdate,
        Instant nextUpdate,
        String crlNumber,
        Integer entries,
        Instant revocationTime,
        String revocationReason) {
}
