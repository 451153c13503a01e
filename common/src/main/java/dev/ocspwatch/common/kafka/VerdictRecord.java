package dev.ocspwatch.common.kafka;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.verdict.DecisionStage;
import dev.ocspwatch.common.verdict.ProbeRef;
import dev.ocspwatch.common.verdict.RegionVerdict;
import dev.ocspwatch.common.verdict.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The collector's decision on one certificate: the value on {@code ocspwatch.verdicts}
 * (compacted, keyed by {@link #certificateId()}). Every change is a new record with a higher
 * {@link #revision()}; the last one stands.
 *
 * @param publishedAt the earliest CT timestamp seen for the certificate
 * @param deadline {@code publishedAt} plus the deadline (15 minutes outside simulations)
 * @param windowEnd end of the watch window: probes sent later do not count
 * @param reason one line a person reads first
 * @param outcomes counted probes by outcome, all regions
 * @param firstFailure the first counted probe, any region, answered non-authoritatively or not at all
 * @param flapping some region was answered authoritatively and later not
 * @param pathProblems regions that failed only at the transport level while another region was answered authoritatively
 * @param revision 1 for the first decision, one more for every change
 * @param previousVerdict the verdict of the revision before, null on the first: a new VIOLATION is one whose previous verdict was not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerdictRecord(
        String certificateId,
        String serial,
        String issuerSpkiSha256,
        String issuerSubject,
        String subject,
        List<String> ocspUrls,
        String logName,
        Long logIndex,
        Instant publishedAt,
        Instant deadline,
        Instant windowEnd,
        Verdict verdict,
        DecisionStage stage,
        String reason,
        Map<Outcome, Integer> outcomes,
        List<RegionVerdict> regions,
        ProbeRef firstFailure,
        boolean flapping,
        List<String> pathProblems,
        Instant decidedAt,
        int revision,
        Verdict previousVerdict) {

    public VerdictRecord {
        Objects.requireNonNull(certificateId, "certificateId");
        Objects.requireNonNull(verdict, "verdict");
        ocspUrls = ocspUrls == null ? List.of() : List.copyOf(ocspUrls);
        outcomes = outcomes == null ? Map.of() : Map.copyOf(outcomes);
        regions = regions == null ? List.of() : List.copyOf(regions);
        pathProblems = pathProblems == null ? List.of() : List.copyOf(pathProblems);
    }

    /** A VIOLATION that was not one before: what alerts are sent for, once. */
    @JsonIgnore
    public boolean newViolation() {
        return verdict == Verdict.VIOLATION && previousVerdict != Verdict.VIOLATION;
    }
}
