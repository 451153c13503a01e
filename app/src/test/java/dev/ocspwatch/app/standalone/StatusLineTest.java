package dev.ocspwatch.app.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusLineTest {
    @Test
    void sumsEachFamilyAcrossItsTagsAndCountsViolationsApart() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Gauge.builder("ocspwatch_discovery_behind_entries", () -> 40).tag("log", "a").register(registry);
        Gauge.builder("ocspwatch_discovery_behind_entries", () -> 0).tag("log", "b").register(registry);
        registry.counter("ocspwatch_discovery_published", "log", "a").increment(7);
        registry.counter("ocspwatch_discovery_published", "log", "b").increment(3);
        registry.counter("ocspwatch_prober_probes", "outcome", "GOOD").increment(25);
        registry.counter("ocspwatch_collector_verdicts", "issuer", "x", "verdict", "COMPLIANT").increment(8);
        registry.counter("ocspwatch_collector_verdicts", "issuer", "x", "verdict", "VIOLATION").increment(2);

        StatusLine line = StatusLine.of(registry);

        assertEquals(new StatusLine(2, 40, 10, 0, 25, 10, 2), line);
        assertEquals("  2026-11-23T12:00:01Z  logs 2 (40 entries behind)  certificates 10  rejected 0  probes 25  verdicts 10  violations 2",
                line.format(Instant.parse("2026-11-23T12:00:01.750Z")));
    }
}
