package dev.ocspwatch.collector.topology;

import dev.ocspwatch.collector.metrics.CollectorMetrics;
import dev.ocspwatch.collector.state.CertificateState;
import dev.ocspwatch.collector.state.EarliestProbe;
import dev.ocspwatch.collector.state.ProbeSummary;
import dev.ocspwatch.collector.verdict.DecisionSettings;
import dev.ocspwatch.collector.verdict.DecisionTimes;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.verdict.DecisionStage;
import dev.ocspwatch.common.verdict.Verdict;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each certificate's state from {@code ocspwatch.certificates} and
 * {@code ocspwatch.observations} (co-partitioned by certificate id) and decides it on time.
 *
 * <p>A wall-clock punctuator takes each certificate whose next step is due: the first decision
 * at deadline plus grace, the final one at the window's end plus grace, then dropping the state
 * after its retention. A step waits while the collector is still reading records older than its
 * due time (the task's stream time is behind it and input is not idle): after an outage the
 * backlog is read before anything is decided from it, so a restart reaches the verdicts an
 * uninterrupted run would have. Between the first and final decision, every new observation
 * decides again at once and a changed verdict is a new record.
 *
 * <p>Whether an input is too late is judged by record timestamps, never by the wall clock, so
 * replaying the same records gives the same state.
 */
final class CertificateTracker implements Processor<String, byte[], String, VerdictRecord> {
    private static final int MAX_STEPS_PER_PUNCTUATION = 20_000;
    private final DecisionSettings settings;
    private final CollectorMetrics metrics;
    private ProcessorContext<String, VerdictRecord> context;
    private KeyValueStore<String, CertificateState> states;
    private DueIndex due;
    private CertificateRecords records;
    private ProbeStore probes;
    private EvidenceStore evidence;
    private Decider decider;
    private long lastInputAt;

    CertificateTracker(DecisionSettings settings, CollectorMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, VerdictRecord> context) {
        this.context = context;
        this.states = context.getStateStore(StoreNames.CERTIFICATES);
        this.due = new DueIndex(context.getStateStore(StoreNames.DUE));
        this.records = new CertificateRecords(context.getStateStore(StoreNames.CERTIFICATE_RECORDS));
        this.probes = new ProbeStore(context.getStateStore(StoreNames.PROBES));
        this.evidence = new EvidenceStore(context.getStateStore(StoreNames.EVIDENCE));
        this.decider = new Decider(settings, metrics, context, records);
        this.lastInputAt = context.currentSystemTimeMs();
        context.schedule(settings.punctuateEvery(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        lastInputAt = context.currentSystemTimeMs();
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        if (topic.equals(Topics.CERTIFICATES.name())) {
            certificate(record);
        } else {
            observation(record);
        }
    }

    private void certificate(Record<String, byte[]> record) {
        CertificateRecord c = Intake.certificate(record, metrics);
        if (c == null) {
            return;
        }
        Instant published = Instant.ofEpochMilli(c.timestamp());
        CertificateState state = states.get(c.certificateId());
        if (state == null) {
            if (record.timestamp() > settings.times(published).windowEnd().toEpochMilli()) {
                metrics.rejected("expired-on-arrival", () -> c.certificateId() + " published " + published
                        + " was put on the topic after its watch window ended");
                return;
            }
            state = CertificateState.empty(c.certificateId());
        }
        Set<String> urls = new LinkedHashSet<>(state.ocspUrls());
        urls.addAll(c.ocspUrls());
        long earliest = state.certificateTimestamp();
        if (earliest == 0 || c.timestamp() < earliest) {
            records.put(c.certificateId(), record.value());
            earliest = c.timestamp();
        }
        update(state.withCertificate(earliest, earlier(state.publishedAt(), published), List.copyOf(urls)));
    }

    private void observation(Record<String, byte[]> record) {
        ObservationInput o = Intake.observation(record, metrics);
        if (o == null) {
            return;
        }
        String id = o.certificateId();
        CertificateState state = states.get(id);
        if (state == null) {
            long tooLate = settings.times(o.publishedAt()).finalDecision().plus(settings.retention()).toEpochMilli();
            if (record.timestamp() > tooLate) {
                metrics.rejected("after-retention", () -> "observation " + o.observationId() + " of " + id
                        + " arrived after the certificate's state was dropped");
                return;
            }
            state = CertificateState.empty(id);
        }
        ProbeSummary summary = o.summary();
        if (probes.has(id, summary)) {
            metrics.duplicate();
            return;
        }
        Instant published = earlier(state.publishedAt(), o.publishedAt());
        if (state.probeCount() >= settings.maxProbesPerCertificate()) {
            metrics.rejected("probe-bound", () -> id + " has " + settings.maxProbesPerCertificate() + " probes already");
            update(state.withDropped(published));
            return;
        }
        EarliestProbe earliest = EarliestAuthoritative.in(state.earliestAuthoritative(), summary.region());
        evidence.add(o, earliest);
        probes.add(id, summary);
        List<String> urls = state.ocspUrls();
        if (!urls.contains(summary.url())) {
            urls = new ArrayList<>(urls);
            urls.add(summary.url());
        }
        update(state.withProbe(published, urls, EarliestAuthoritative.with(state.earliestAuthoritative(), summary)));
        metrics.observation();
    }

    /** Reschedules the certificate's next step for its (possibly moved) times, decides again if decided before, and stores it. */
    private void update(CertificateState state) {
        if (state.publishedAt() != null) {
            DecisionTimes times = settings.times(state.publishedAt());
            if (state.stage() != null) {
                DecisionStage stage = state.stage() == DecisionStage.FINAL ? DecisionStage.FINAL : DecisionStage.WATCH;
                state = decider.decide(state, probes.of(state.certificateId()), times, stage, false, null);
            }
            state = reschedule(state, nextStep(state, times));
        }
        states.put(state.certificateId(), state);
    }

    private Instant nextStep(CertificateState state, DecisionTimes times) {
        if (state.stage() == null) {
            return times.firstDecision();
        }
        if (state.stage() != DecisionStage.FINAL) {
            return times.finalDecision();
        }
        return decider.dropAt(state, times);
    }

    private CertificateState reschedule(CertificateState state, Instant exact) {
        Instant next = exact.truncatedTo(ChronoUnit.MILLIS); // the due index keeps milliseconds; scaled story times have nanoseconds
        if (next.equals(state.dueAt())) {
            return state;
        }
        due.schedule(state.dueAt(), next, state.certificateId());
        return state.withDue(next);
    }

    private void punctuate(long nowMs) {
        boolean idle = nowMs - lastInputAt >= settings.quietInput().toMillis();
        long streamTime = context.currentStreamTimeMs();
        Instant now = Instant.ofEpochMilli(nowMs);
        for (String key : due.dueBy(now, MAX_STEPS_PER_PUNCTUATION)) {
            Instant dueAt = DueIndex.due(key);
            if (!idle && streamTime < dueAt.toEpochMilli()) {
                break; // records from before it was due may still be unread
            }
            String id = DueIndex.certificateId(key);
            CertificateState state = states.get(id);
            if (state == null || !dueAt.equals(state.dueAt())) {
                due.schedule(dueAt, null, id); // left behind by a reschedule that crashed half-way: harmless, removed
                continue;
            }
            step(state, settings.times(state.publishedAt()), dueAt);
        }
    }

    private void step(CertificateState state, DecisionTimes times, Instant dueAt) {
        if (state.stage() == DecisionStage.FINAL) {
            due.schedule(state.dueAt(), null, state.certificateId());
            evidence.deleteAll(state.certificateId());
            probes.deleteAll(state.certificateId());
            records.delete(state.certificateId());
            states.delete(state.certificateId());
            return;
        }
        DecisionStage stage = state.stage() == null ? DecisionStage.DEADLINE : DecisionStage.FINAL;
        CertificateState decided = decider.decide(state, probes.of(state.certificateId()), times, stage, true, dueAt);
        if (decided.verdict() == Verdict.NOT_APPLICABLE) {
            decided = decided.decided(DecisionStage.FINAL, decided.verdict(), decided.revision(), decided.fingerprint());
        }
        states.put(decided.certificateId(), reschedule(decided, nextStep(decided, times)));
    }

    private static Instant earlier(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
