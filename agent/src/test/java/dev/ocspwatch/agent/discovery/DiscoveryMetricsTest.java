package dev.ocspwatch.agent.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Discovery's metrics, read from a Micrometer registry as Prometheus would. */
class DiscoveryMetricsTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    /** A follower that never reads, whose position the test sets. */
    private static final class StillFollower extends LogFollower {
        StillFollower(CtLog log) {
            super(null, null, log, FollowerSettings.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC), null, AT_HEAD);
        }

        void at(long treeSize, long next) {
            this.treeSize = treeSize;
            this.next = next;
        }

        @Override
        protected void poll() {
        }

        @Override
        protected void catchUp() {
        }
    }

    private static double counter(SimpleMeterRegistry registry, String name, String... tags) {
        return registry.find(name).tags(tags).counter().count();
    }

    @Test
    void countsPerLogPerIssuerAndPerReason() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DiscoveryMetrics metrics = new DiscoveryMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));
        metrics.read("log-a", 256, NOW.toEpochMilli());
        metrics.read("log-a", 10, NOW.toEpochMilli());
        metrics.read("log-b", 3, NOW.toEpochMilli());
        metrics.published("log-a");
        metrics.duplicate("log-a");
        metrics.duplicate("log-a");
        metrics.filtered("log-b");
        metrics.withoutOcsp("issuer-1");
        metrics.withoutOcsp("issuer-1");
        metrics.withoutOcsp("issuer-2");
        metrics.reject(new Reject("log-a", 5, "malformed-entry", "x"));
        metrics.reject(new Reject("log-a", 6, "malformed-entry", "y"));
        metrics.reject(new Reject("log-a", -1, "sth-signature", "z"));
        metrics.reject(new Reject("log-b", 7, "malformed-entry", "w"));

        assertEquals(266, counter(registry, "ocspwatch_discovery_entries", "log", "log-a"));
        assertEquals(3, counter(registry, "ocspwatch_discovery_entries", "log", "log-b"));
        assertEquals(1, counter(registry, "ocspwatch_discovery_published", "log", "log-a"));
        assertEquals(2, counter(registry, "ocspwatch_discovery_duplicates", "log", "log-a"));
        assertEquals(1, counter(registry, "ocspwatch_discovery_filtered", "log", "log-b"));
        assertEquals(2, counter(registry, "ocspwatch_discovery_without_ocsp", "issuer", "issuer-1"));
        assertEquals(1, counter(registry, "ocspwatch_discovery_without_ocsp", "issuer", "issuer-2"));
        assertEquals(2, counter(registry, "ocspwatch_discovery_rejects", "log", "log-a", "reason", "malformed-entry"));
        assertEquals(1, counter(registry, "ocspwatch_discovery_rejects", "log", "log-a", "reason", "sth-signature"));
        assertEquals(1, counter(registry, "ocspwatch_discovery_rejects", "log", "log-b", "reason", "malformed-entry"));
    }

    @Test
    void tellsHowFarBehindTheHeadAFollowerIs() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DiscoveryMetrics metrics = new DiscoveryMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));
        CtLog log = DiscoveryPublisherTest.log("behind-log");
        StillFollower follower = new StillFollower(log);
        metrics.watch(follower);
        java.util.function.Supplier<Double> entries = () -> registry.find("ocspwatch_discovery_behind_entries").tags("log", "behind-log")
                .gauge().value();
        java.util.function.Supplier<Double> seconds = () -> registry.find("ocspwatch_discovery_behind_seconds").tags("log", "behind-log")
                .gauge().value();

        assertEquals(0, entries.get(), "no tree head yet");
        follower.at(1000, 400);
        metrics.read("behind-log", 400, NOW.minus(Duration.ofSeconds(90)).toEpochMilli());
        assertEquals(600, entries.get());
        assertEquals(90, seconds.get(), "since the CT timestamp of the last entry read");
        follower.at(1000, 1000);
        assertEquals(0, entries.get());
        assertEquals(0, seconds.get(), "caught up");
    }
}
