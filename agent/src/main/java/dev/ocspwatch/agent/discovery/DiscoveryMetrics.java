package dev.ocspwatch.agent.discovery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery's Prometheus metrics, per log: entries read, certificates published, duplicates and
 * filtered-out skipped, rejects by reason, and how far behind the log's head it is (entries, and
 * seconds since the CT timestamp of the last entry read while behind). Certificates without an
 * OCSP URL are counted per issuer. Each new (log, reason) of reject is logged once; the count
 * tells the rest.
 */
public final class DiscoveryMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryMetrics.class);

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Long> lastTimestamp = new ConcurrentHashMap<>();

    public DiscoveryMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    public void read(String log, long entries, long lastEntryTimestamp) {
        counter("ocspwatch_discovery_entries", "log", log, "entries read from the log").increment(entries);
        lastTimestamp.put(log, lastEntryTimestamp);
    }

    public void published(String log) {
        counter("ocspwatch_discovery_published", "log", log, "certificates published to Kafka").increment();
    }

    public void duplicate(String log) {
        counter("ocspwatch_discovery_duplicates", "log", log, "certificates skipped as recently published").increment();
    }

    public void filtered(String log) {
        counter("ocspwatch_discovery_filtered", "log", log, "certificates the filters left out").increment();
    }

    public void withoutOcsp(String issuerSpkiSha256) {
        counter("ocspwatch_discovery_without_ocsp", "issuer", issuerSpkiSha256,
                "certificates naming no OCSP responder, per issuer (not probed)").increment();
    }

    public void reject(Reject reject) {
        String key = reject.log() + "|" + reject.reason();
        Counter counter = registry.find("ocspwatch_discovery_rejects").tags("log", reject.log(), "reason", reject.reason()).counter();
        if (counter == null) {
            LOG.warn("{}: rejected {} at index {}: {} (further rejects of this kind are only counted)",
                    reject.log(), reject.reason(), reject.index(), reject.detail());
        }
        counters.computeIfAbsent(key, k -> Counter.builder("ocspwatch_discovery_rejects").description("entries and tree heads rejected, by reason")
                .tags("log", reject.log(), "reason", reject.reason()).register(registry)).increment();
    }

    /** Gauges that read a follower's position. */
    public void watch(LogFollower follower) {
        String log = follower.log().name();
        gauge("ocspwatch_discovery_behind_entries", log, follower,
                f -> f.treeSize() < 0 || f.nextIndex() < 0 ? 0 : Math.max(0, f.treeSize() - f.nextIndex()),
                "entries between the last one read and the log's head");
        gauge("ocspwatch_discovery_behind_seconds", log, follower, f -> {
            Long last = lastTimestamp.get(log);
            boolean behind = f.treeSize() >= 0 && f.nextIndex() >= 0 && f.nextIndex() < f.treeSize();
            return behind && last != null ? Math.max(0, (clock.millis() - last) / 1000.0) : 0;
        }, "seconds since the CT timestamp of the last entry read, while behind the head");
    }

    private <T> void gauge(String name, String log, T target, ToDoubleFunction<T> value, String description) {
        Gauge.builder(name, target, value).description(description).tag("log", log).register(registry);
    }

    private Counter counter(String name, String tag, String value, String description) {
        return counters.computeIfAbsent(name + "|" + value, k -> Counter.builder(name).description(description).tag(tag, value)
                .register(registry));
    }
}
