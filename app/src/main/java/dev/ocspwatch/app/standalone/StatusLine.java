package dev.ocspwatch.app.standalone;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * One line of what a long-running process has done so far, from its own metrics: what an
 * operator glancing at the console wants (is it following logs, probing, deciding?) without a
 * log flood. {@code ocspwatch standalone} prints one a minute.
 */
record StatusLine(long logs, long behindEntries, long published, long rejected, long probes, long verdicts, long violations) {

    static StatusLine of(MeterRegistry registry) {
        return new StatusLine(
                registry.find("ocspwatch_discovery_behind_entries").gauges().size(),
                (long) registry.find("ocspwatch_discovery_behind_entries").gauges().stream().mapToDouble(Gauge::value).filter(v -> v > 0).sum(),
                count(registry, "ocspwatch_discovery_published", null, null),
                count(registry, "ocspwatch_discovery_rejects", null, null),
                count(registry, "ocspwatch_prober_probes", null, null),
                count(registry, "ocspwatch_collector_verdicts", null, null),
                count(registry, "ocspwatch_collector_verdicts", "verdict", "VIOLATION"));
    }

    String format(Instant now) {
        return String.format(Locale.ROOT, "  %s  logs %d (%d entries behind)  certificates %d  rejected %d  probes %d  verdicts %d  violations %d",
                now.truncatedTo(ChronoUnit.SECONDS), logs, behindEntries, published, rejected, probes, verdicts, violations);
    }

    private static long count(MeterRegistry registry, String name, String tag, String value) {
        var search = registry.find(name);
        if (tag != null) {
            search = search.tag(tag, value);
        }
        return (long) search.counters().stream().mapToDouble(Counter::count).sum();
    }
}
