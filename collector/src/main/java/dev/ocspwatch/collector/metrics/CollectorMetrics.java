package dev.ocspwatch.collector.metrics;

import dev.ocspwatch.common.kafka.VerdictRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's meters (Prometheus names): observations taken into state, verdicts by issuer and
 * verdict, decision latency, records rejected by reason (each reason logged once, then only
 * counted), duplicates.
 * Stream threads call it concurrently.
 */
public final class CollectorMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorMetrics.class);
    private final MeterRegistry registry;
    private final Timer decisionLatency;
    private final Counter duplicates;
    private final Counter observations;
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<String, Counter> verdicts = new ConcurrentHashMap<>();

    public CollectorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.decisionLatency = Timer.builder("ocspwatch_collector_decision_latency")
                .description("from a decision's due time (deadline or window end, plus grace) to its verdict record")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(registry);
        this.duplicates = Counter.builder("ocspwatch_collector_duplicate_observations")
                .description("observations delivered again (at-least-once), dropped by observation id").register(registry);
        this.observations = Counter.builder("ocspwatch_collector_observations")
                .description("observations taken into a certificate's state (not duplicates, not rejected)").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void rejected(String reason, Supplier<String> detail) {
        Counter counter = rejected.computeIfAbsent(reason, r -> Counter.builder("ocspwatch_collector_rejected")
                .description("input records not taken into state, by reason").tag("reason", r).register(registry));
        if (counter.count() == 0) {
            LOG.warn("rejected a record ({}): {}; further ones are only counted in ocspwatch_collector_rejected", reason, detail.get());
        }
        counter.increment();
    }

    public double rejectedCount(String reason) {
        Counter counter = rejected.get(reason);
        return counter == null ? 0 : counter.count();
    }

    public void observation() {
        observations.increment();
    }

    public double observationCount() {
        return observations.count();
    }

    public void duplicate() {
        duplicates.increment();
    }

    public double duplicateCount() {
        return duplicates.count();
    }

    /** A verdict record emitted; {@code late} is how long after its due time, or null for a change not made on schedule. */
    public void verdict(VerdictRecord verdict, Duration late) {
        String issuer = verdict.issuerSubject() == null ? "unknown" : verdict.issuerSubject();
        String key = issuer + '\u0000' + verdict.verdict();
        verdicts.computeIfAbsent(key, k -> Counter.builder("ocspwatch_collector_verdicts").description("verdict records emitted")
                .tag("issuer", issuer).tag("verdict", verdict.verdict().name()).register(registry)).increment();
        if (late != null) {
            decisionLatency.record(late.isNegative() ? Duration.ZERO : late);
        }
    }

    public Timer decisionLatency() {
        return decisionLatency;
    }
}
