package dev.ocspwatch.common.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ocspwatch.common.outcome.Outcome;
import java.time.Instant;

/**
 * One observation named in a verdict (the first failing probe, say): enough to find it among
 * the evidence and to quote it in a bug report without the raw bytes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProbeRef(
        String observationId,
        String region,
        String agentId,
        String method,
        String url,
        Instant sentAt,
        Outcome outcome,
        Integer httpStatus,
        String reason) {
}
