package dev.ocspwatch.collector.topology;

import dev.ocspwatch.collector.metrics.CollectorMetrics;
import dev.ocspwatch.collector.state.CertificateState;
import dev.ocspwatch.collector.state.ProbeSummary;
import dev.ocspwatch.collector.verdict.Decision;
import dev.ocspwatch.collector.verdict.DecisionSettings;
import dev.ocspwatch.collector.verdict.DecisionTimes;
import dev.ocspwatch.collector.verdict.VerdictEvaluator;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.verdict.DecisionStage;
import dev.ocspwatch.common.verdict.RegionVerdict;
import dev.ocspwatch.common.verdict.Verdict;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Makes a decision for a certificate's state and forwards a verdict record when it is new. */
final class Decider {
    private final DecisionSettings settings;
    private final CollectorMetrics metrics;
    private final ProcessorContext<String, VerdictRecord> context;
    private final CertificateRecords records;
    private final MessageDigest digest;

    Decider(DecisionSettings settings, CollectorMetrics metrics, ProcessorContext<String, VerdictRecord> context, CertificateRecords records) {
        this.records = records;
        this.settings = settings;
        this.metrics = metrics;
        this.context = context;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Decides from the certificate's {@code probes} in send order; forwards a verdict record if {@code always} (a scheduled decision) or if the
     * decision changed. {@code dueAt} is the scheduled time, for the latency metric.
     */
    CertificateState decide(CertificateState state, List<ProbeSummary> probes, DecisionTimes times, DecisionStage stage, boolean always,
                            Instant dueAt) {
        Decision decision = VerdictEvaluator.decide(!state.ocspUrls().isEmpty(), probes, times, settings.regions());
        String fingerprint = fingerprint(decision, times);
        if (!always && fingerprint.equals(state.fingerprint())) {
            return state;
        }
        long now = context.currentSystemTimeMs();
        int revision = state.revision() + 1;
        CertificateRecord c = records.get(state.certificateId()); // null if only observations came
        VerdictRecord record = new VerdictRecord(state.certificateId(), c == null ? serialOf(state.certificateId()) : c.serial(),
                c == null ? issuerOf(state.certificateId()) : c.issuerSpkiSha256(), c == null ? null : c.issuerSubject(),
                c == null ? null : c.subject(), state.ocspUrls(), c == null ? null : c.logName(), c == null ? null : c.logIndex(),
                times.publishedAt(), times.deadline(), times.windowEnd(), decision.verdict(), stage, decision.reason(), decision.outcomes(),
                decision.regions(), decision.firstFailure(), decision.flapping(), decision.pathProblems(), Instant.ofEpochMilli(now),
                revision, state.verdict());
        context.forward(new Record<>(state.certificateId(), record, now));
        metrics.verdict(record, dueAt == null ? null : Duration.ofMillis(now - dueAt.toEpochMilli()));
        return state.decided(stage, decision.verdict(), revision, fingerprint);
    }

    /** When a decided certificate's state is dropped: retention after its last scheduled decision, longer for a violation. */
    Instant dropAt(CertificateState state, DecisionTimes times) {
        Instant last = state.verdict() == Verdict.NOT_APPLICABLE ? times.firstDecision() : times.finalDecision();
        return last.plus(state.verdict() == Verdict.VIOLATION ? settings.violationRetention() : settings.retention());
    }

    /**
     * What makes a decision different enough to be a new record: the verdict, each region's
     * status, the first failure, flapping, path problems and the publication time. Counts and
     * times to first answer grow with every probe; they ride along with the next record (the
     * final one at the latest) instead of making one each. Every observation after the first
     * decision computes this, so it is a length-prefixed string hashed with one digest per task
     * rather than a JSON document.
     */
    private String fingerprint(Decision decision, DecisionTimes times) {
        StringBuilder text = new StringBuilder(128);
        field(text, decision.verdict().name());
        for (RegionVerdict r : decision.regions()) {
            field(text, r.region());
            field(text, r.status().name() + (r.flapping() ? "~" : ""));
        }
        field(text, "|");
        field(text, decision.firstFailure() == null ? null : decision.firstFailure().observationId());
        field(text, Boolean.toString(decision.flapping()));
        for (String problem : decision.pathProblems()) {
            field(text, problem);
        }
        field(text, "|");
        field(text, times.publishedAt().toString());
        digest.reset();
        return Base64.getEncoder().encodeToString(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Length, colon, text: no two different lists of fields read the same. */
    private static void field(StringBuilder text, String value) {
        if (value == null) {
            text.append("-;");
        } else {
            text.append(value.length()).append(':').append(value);
        }
    }

    private static String serialOf(String certificateId) {
        int colon = certificateId.indexOf(':');
        return colon < 0 ? null : certificateId.substring(colon + 1);
    }

    private static String issuerOf(String certificateId) {
        int colon = certificateId.indexOf(':');
        return colon < 0 ? null : certificateId.substring(0, colon);
    }
}
