package dev.ocspwatch.collector.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts' Prometheus metrics. Targets are tagged by name, never by URL (a webhook URL can be
 * a secret); reasons are a small set ({@code http-<status>}, {@code timeout}, {@code connection}),
 * so the series stay few.
 *
 * <ul>
 *   <li>{@code ocspwatch_alerts_violations_total}: new violations read, one per alert whatever the number of targets</li>
 *   <li>{@code ocspwatch_alerts_sent_total{target}}: alerts a target acknowledged with a 2xx</li>
 *   <li>{@code ocspwatch_alerts_failed_total{target,reason}}: alerts a target refused or that were given up</li>
 *   <li>{@code ocspwatch_alerts_retried_total{target,reason}}: attempts that failed and were tried again</li>
 *   <li>{@code ocspwatch_alerts_abandoned_total{target}}: deliveries stopped by shutdown, to be sent after the next start</li>
 *   <li>{@code ocspwatch_alerts_duplicates_total}: repeats of an alert already delivered or in flight in this run, dropped</li>
 *   <li>{@code ocspwatch_alerts_rejected_total{reason}}: records on {@code ocspwatch.verdicts} that could not be read, skipped</li>
 *   <li>{@code ocspwatch_alerts_in_flight}: alerts being delivered</li>
 * </ul>
 */
final class AlertMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(AlertMetrics.class);

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void violation() {
        counter("ocspwatch_alerts_violations", "new violations read from ocspwatch.verdicts").increment();
    }

    void sent(String target) {
        counter("ocspwatch_alerts_sent", "alerts acknowledged by a target", "target", target).increment();
    }

    void failed(String target, String reason) {
        counter("ocspwatch_alerts_failed", "alerts refused by a target or given up", "target", target, "reason", reason).increment();
    }

    void retried(String target, String reason) {
        counter("ocspwatch_alerts_retried", "attempts that failed and were tried again", "target", target, "reason", reason).increment();
    }

    void abandoned(String target) {
        counter("ocspwatch_alerts_abandoned", "deliveries stopped by shutdown, sent again after the next start", "target", target)
                .increment();
    }

    void duplicate() {
        counter("ocspwatch_alerts_duplicates", "repeats of an alert already delivered or in flight, dropped").increment();
    }

    /** A record that could not be read; the first of each reason is logged with its detail, later ones only counted. */
    void rejected(String reason, String detail) {
        boolean[] first = {false};
        counters.computeIfAbsent(key("ocspwatch_alerts_rejected", "reason", reason), k -> {
            first[0] = true;
            return Counter.builder("ocspwatch_alerts_rejected").description("verdict records skipped because they could not be read")
                    .tags("reason", reason).register(registry);
        }).increment();
        if (first[0]) {
            LOG.warn("skipping a record on the verdicts topic: {}: {} (further ones are only counted)", reason, detail);
        }
    }

    void inFlightGauge(Supplier<Number> value) {
        Gauge.builder("ocspwatch_alerts_in_flight", value).description("alerts being delivered").register(registry);
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(key(name, tags), k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }

    private static String key(String name, String... tags) {
        return name + "|" + String.join("|", tags);
    }
}
