package dev.ocspwatch.collector.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.verdict.ProbeRef;
import java.time.Instant;
import java.util.Comparator;

/**
 * What the verdict needs of one observation, kept for every probe of a certificate in flight:
 * small enough that an hour's watch from three regions stays a few kilobytes. The raw bytes and
 * response details of the probes that matter live in the evidence store.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProbeSummary(
        String observationId,
        String region,
        String agentId,
        ProbeKind kind,
        String method,
        String url,
        Instant sentAt,
        Outcome outcome,
        Integer httpStatus,
        String reason,
        boolean late) {
    private static final int MAX_REASON = 200;

    /** By send time, then id: the order every decision reads probes in, whatever order they arrived. */
    public static final Comparator<ProbeSummary> BY_SEND_TIME = Comparator.comparing(ProbeSummary::sentAt,
            Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(ProbeSummary::observationId);

    public static ProbeSummary of(Observation o) {
        return of(o.observationId(), o.region(), o.agentId(), o.kind(), o.probe().method(), o.probe().url(), o.probe().sentAt(),
                o.outcome(), o.probe().httpStatus(), o.probe().reason(), o.late());
    }

    /** From an observation's fields, read without building the whole {@code Observation}; a long reason is cut. */
    public static ProbeSummary of(String observationId, String region, String agentId, ProbeKind kind, String method, String url,
                                  Instant sentAt, Outcome outcome, Integer httpStatus, String reason, boolean late) {
        if (reason != null && reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON) + "…";
        }
        return new ProbeSummary(observationId, region, agentId, kind, method, url, sentAt, outcome, httpStatus, reason, late);
    }

    public ProbeRef ref() {
        return new ProbeRef(observationId, region, agentId, method, url, sentAt, outcome, httpStatus, reason);
    }
}
