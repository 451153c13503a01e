package dev.ocspwatch.common.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ocspwatch.common.outcome.Outcome;
import java.time.Instant;
import java.util.Map;

/**
 * One region's part of a verdict.
 *
 * @param counted probes sent at or after the deadline and within the watch window: what the verdict is made of
 * @param outcomes how many counted probes had each outcome
 * @param firstAuthoritativeAt send time of the region's first authoritative answer, any kind of probe, or null
 * @param timeToFirstAuthoritativeMs from publication to {@code firstAuthoritativeAt}, or null
 * @param flapping answered authoritatively and later non-authoritatively by the responder (lagging replicas)
 * @param firstFailure the region's first counted probe answered non-authoritatively or not at all
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegionVerdict(
        String region,
        RegionStatus status,
        int counted,
        Map<Outcome, Integer> outcomes,
        Instant firstAuthoritativeAt,
        Long timeToFirstAuthoritativeMs,
        boolean flapping,
        ProbeRef firstFailure) {

    public RegionVerdict {
        outcomes = outcomes == null ? Map.of() : Map.copyOf(outcomes);
    }
}
