package dev.ocspwatch.agent.prober;

import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.outcome.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prober's Prometheus metrics: probes by outcome and responder host, probe latency per host
 * (a histogram with fixed buckets, so a thousand hosts stay a bounded number of series), late
 * probes by kind, certificates rejected by reason (each reason logged once, then counted), and
 * gauges for the schedule, the probes waiting on politeness, the observations held for Kafka,
 * whether reading is paused, and the lag behind {@code ocspwatch.certificates}.
 */
final class ProberMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(ProberMetrics.class);
    private static final Duration[] BUCKETS = {Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final java.util.List<Gauge> gauges = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final MeterRegistry registry;
    private final String region;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    ProberMetrics(MeterRegistry registry, String region) {
        this.registry = registry;
        this.region = region;
    }

    void probed(String host, Outcome outcome, double totalMs) {
        counters.computeIfAbsent("probe|" + host + "|" + outcome, k -> Counter.builder("ocspwatch_prober_probes")
                .description("probes made, by outcome and responder host").tags("region", region, "host", host, "outcome", outcome.name())
                .register(registry)).increment();
        timers.computeIfAbsent(host, h -> Timer.builder("ocspwatch_prober_probe_duration").description("time from sending a probe to its judged answer")
                .tags("region", region, "host", h).serviceLevelObjectives(BUCKETS).register(registry))
                .record(Duration.ofNanos((long) (totalMs * 1_000_000)));
    }

    void late(ProbeKind kind) {
        counters.computeIfAbsent("late|" + kind, k -> Counter.builder("ocspwatch_prober_late_probes")
                .description("probes sent later than the schedule allowed").tags("region", region, "kind", kind.name())
                .register(registry)).increment();
    }

    /** A certificate the prober could not schedule; the first of each reason is logged with its detail. */
    void rejected(String reason, String detail) {
        boolean[] first = {false}; // set by the one thread whose computeIfAbsent made the counter
        counters.computeIfAbsent("reject|" + reason, k -> {
            first[0] = true;
            return Counter.builder("ocspwatch_prober_rejected").description("certificates not scheduled, by reason")
                    .tags("region", region, "reason", reason).register(registry);
        }).increment();
        if (first[0]) {
            LOG.warn("not probing: {}: {} (further ones are only counted)", reason, detail);
        }
    }

    /** A certificate whose watch window had already ended when it was read: nothing to probe. */
    void expired(boolean replayed) {
        counters.computeIfAbsent("expired|" + replayed, k -> Counter.builder("ocspwatch_prober_expired")
                .description("certificates read after their watch window ended (replayed: read while rebuilding schedules)")
                .tags("region", region, "replayed", String.valueOf(replayed)).register(registry)).increment();
    }

    void gauge(String name, String description, Supplier<Number> value) {
        gauges.add(Gauge.builder(name, value).description(description).tag("region", region).register(registry));
    }

    /**
     * Removes this agent's gauges: a registry hands back an existing gauge of the same name and
     * tags, so an agent started again in the same process (a redeploy) would otherwise be
     * reported through the stopped one's.
     */
    void removeGauges() {
        gauges.forEach(registry::remove);
        gauges.clear();
    }

    double count(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
