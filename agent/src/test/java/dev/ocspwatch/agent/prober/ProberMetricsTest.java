package dev.ocspwatch.agent.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.outcome.Outcome;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The prober's counters and histogram, read back from a registry as Prometheus would. */
class ProberMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ProberMetrics metrics = new ProberMetrics(registry, "eu-west");

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void anAgentStartedAgainReportsItsOwnGaugesNotTheStoppedOnes() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProberMetrics first = new ProberMetrics(registry, "eu-west");
        first.gauge("ocspwatch_prober_watched_certificates", "watched", () -> 7);
        first.removeGauges();
        ProberMetrics second = new ProberMetrics(registry, "eu-west");
        second.gauge("ocspwatch_prober_watched_certificates", "watched", () -> 3);
        assertEquals(3, registry.find("ocspwatch_prober_watched_certificates").tag("region", "eu-west").gauge().value());
    }

    @Test
    void countsProbesByRegionHostAndOutcome() {
        metrics.probed("ocsp.a.test", Outcome.GOOD, 12);
        metrics.probed("ocsp.a.test", Outcome.GOOD, 15);
        metrics.probed("ocsp.a.test", Outcome.UNAUTHORIZED, 9);
        metrics.probed("ocsp.b.test:8080", Outcome.TIMEOUT, 10_000);

        assertEquals(2, counter("ocspwatch_prober_probes", "region", "eu-west", "host", "ocsp.a.test", "outcome", "GOOD"));
        assertEquals(1, counter("ocspwatch_prober_probes", "host", "ocsp.a.test", "outcome", "UNAUTHORIZED"));
        assertEquals(1, counter("ocspwatch_prober_probes", "host", "ocsp.b.test:8080", "outcome", "TIMEOUT"));
        assertEquals(3, registry.find("ocspwatch_prober_probes").counters().size());
        assertEquals(2, metrics.count("ocspwatch_prober_probes", "outcome", "GOOD"));
        assertEquals(0, metrics.count("ocspwatch_prober_probes", "outcome", "REVOKED"), "a series never made reads as zero");
    }

    @Test
    void recordsProbeDurationsPerHostInFixedBuckets() {
        metrics.probed("ocsp.a.test", Outcome.GOOD, 30);
        metrics.probed("ocsp.a.test", Outcome.UNKNOWN, 3_000);
        metrics.probed("ocsp.b.test", Outcome.GOOD, 5);

        Timer a = registry.get("ocspwatch_prober_probe_duration").tags("region", "eu-west", "host", "ocsp.a.test").timer();
        assertEquals(2, a.count());
        assertEquals(3_030, a.totalTime(TimeUnit.MILLISECONDS), 0.001);
        CountAtBucket[] buckets = a.takeSnapshot().histogramCounts();
        List<Double> bounds = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        for (CountAtBucket bucket : buckets) {
            bounds.add(bucket.bucket(TimeUnit.MILLISECONDS));
            counts.add(bucket.count());
        }
        assertEquals(List.of(25.0, 50.0, 100.0, 250.0, 500.0, 1_000.0, 2_500.0, 5_000.0, 10_000.0), bounds);
        assertEquals(List.of(0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 2.0), counts, "cumulative, as Prometheus buckets are");
        assertEquals(1, registry.get("ocspwatch_prober_probe_duration").tags("host", "ocsp.b.test").timer().count());
    }

    @Test
    void exposesTheSameNineBucketsPerHostToPrometheus() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProberMetrics metrics = new ProberMetrics(prometheus, "eu-west");
        metrics.probed("ocsp.a.test", Outcome.GOOD, 30);
        String text = prometheus.scrape();
        long buckets = Arrays.stream(text.split("\n"))
                .filter(line -> line.startsWith("ocspwatch_prober_probe_duration_seconds_bucket{") && line.contains("host=\"ocsp.a.test\""))
                .count();
        assertEquals(10, buckets, "nine fixed buckets and +Inf:\n" + text);
        assertTrue(text.contains("ocspwatch_prober_probes_total{host=\"ocsp.a.test\",outcome=\"GOOD\",region=\"eu-west\"} 1"), text);
    }

    @Test
    void countsLateProbesByKind() {
        metrics.late(ProbeKind.DEADLINE);
        metrics.late(ProbeKind.DEADLINE);
        metrics.late(ProbeKind.WATCH);
        assertEquals(2, counter("ocspwatch_prober_late_probes", "region", "eu-west", "kind", "DEADLINE"));
        assertEquals(1, counter("ocspwatch_prober_late_probes", "kind", "WATCH"));
        assertEquals(0, metrics.count("ocspwatch_prober_late_probes", "kind", "DISCOVERY"));
    }

    @Test
    void countsExpiredCertificatesByWhetherTheyWereReplayed() {
        metrics.expired(true);
        metrics.expired(true);
        metrics.expired(false);
        assertEquals(2, counter("ocspwatch_prober_expired", "region", "eu-west", "replayed", "true"));
        assertEquals(1, counter("ocspwatch_prober_expired", "replayed", "false"));
    }

    @Test
    void registersGaugesWithTheRegion() {
        AtomicInteger watched = new AtomicInteger(3);
        metrics.gauge("ocspwatch_prober_watched_certificates", "certificates on the schedule", watched::get);
        watched.set(7);
        assertEquals(7, registry.get("ocspwatch_prober_watched_certificates").tags("region", "eu-west").gauge().value());
    }

    @Test
    void countsRejectsByReasonAndLogsTheFirstOfEachReasonOnce() {
        String log = stderrOf(() -> {
            metrics.rejected("issuer-missing", "cert-1 waited too long");
            metrics.rejected("issuer-missing", "cert-2 waited too long");
            metrics.rejected("malformed-record", "serial \"xyz\" is not hex");
            metrics.rejected("issuer-missing", "cert-3 waited too long");
        });
        assertEquals(3, counter("ocspwatch_prober_rejected", "region", "eu-west", "reason", "issuer-missing"));
        assertEquals(1, counter("ocspwatch_prober_rejected", "reason", "malformed-record"));
        assertEquals(1, occurrences(log, "not probing: issuer-missing: "), log);
        assertTrue(log.contains("cert-1 waited too long"), "the first one's detail is logged: " + log);
        assertTrue(!log.contains("cert-2") && !log.contains("cert-3"), log);
        assertEquals(1, occurrences(log, "not probing: malformed-record: serial \"xyz\" is not hex"), log);
    }

    @Test
    void logsAReasonOnceEvenWhenThreadsRejectAtTheSameTime() throws Exception {
        int threads = 8;
        int reasons = 200;
        CyclicBarrier together = new CyclicBarrier(threads);
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        String log = stderrOf(() -> {
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    try {
                        for (int r = 0; r < reasons; r++) {
                            together.await(10, TimeUnit.SECONDS);
                            metrics.rejected("reason-" + r, "detail");
                        }
                    } catch (Exception e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                });
                workers.add(worker);
                worker.start();
            }
            for (Thread worker : workers) {
                try {
                    worker.join(30_000);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        });
        assertEquals(List.of(), failures);
        for (int r = 0; r < reasons; r++) {
            assertEquals(threads, counter("ocspwatch_prober_rejected", "reason", "reason-" + r));
            assertEquals(1, occurrences(log, "not probing: reason-" + r + ": "), "reason-" + r);
        }
    }

    /** What slf4j-simple (configured to System.err) wrote while {@code action} ran. */
    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
