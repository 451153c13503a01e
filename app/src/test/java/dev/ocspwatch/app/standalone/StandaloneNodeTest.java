package dev.ocspwatch.app.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.app.cli.Await;
import dev.ocspwatch.app.config.StandaloneConfig;
import dev.ocspwatch.app.deploy.LabConfigs;
import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.verdict.Verdict;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.world.World;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ocspwatch standalone} as its configuration file sets it up (the lab's logs named by URL,
 * its responders pinned under {@code prober.hosts}, a rehearsal deadline), against the lab:
 * certificates get decided, the dashboard port serves the agent's and the collector's metrics,
 * and a restart on the same directory keeps every verdict and carries on.
 */
class StandaloneNodeTest {
    private static final Path SCENARIOS = Path.of("../config/scenarios");

    @Test
    void decidesCertificatesAndARestartOnTheSameDirectoryKeepsTheVerdicts(@TempDir Path directory) throws Exception {
        Scenario scenario = Scenario.load(SCENARIOS, "healthy");
        Vertx vertx = Vertx.vertx();
        World world = Await.result(World.start(vertx, scenario, Clock.systemUTC()));
        try {
            String region = scenario.regions().get(0).name();
            Path file = new LabConfigs(scenario, world, null, directory).standalone(region, directory.resolve("data"));
            StandaloneConfig config = StandaloneConfig.load(file, Map.of());
            Map<String, VerdictRecord> before;
            try (StandaloneNode node = StandaloneNode.start(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), null)) {
                world.startIssuing();
                before = awaitVerdicts(node, v -> v.size() >= 3, Instant.now().plusSeconds(90));
                assertTrue(before.values().stream().allMatch(v -> v.verdict() == Verdict.COMPLIANT), before::toString);
                String metrics = get(node.collector().port(), "/metrics");
                assertTrue(metrics.contains("ocspwatch_prober_probes_total"), "the agent's metrics on the dashboard port");
                assertTrue(metrics.contains("ocspwatch_collector_"), "and the collector's");
            }
            try (StandaloneNode again = StandaloneNode.start(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), null)) {
                Map<String, VerdictRecord> after = awaitVerdicts(again, v -> v.keySet().containsAll(before.keySet()) && v.size() > before.size(),
                        Instant.now().plusSeconds(90));
                for (VerdictRecord earlier : before.values()) {
                    VerdictRecord now = after.get(earlier.certificateId());
                    assertTrue(now.revision() >= earlier.revision(), () -> earlier.certificateId() + " went back to revision " + now.revision());
                    assertEquals(Verdict.COMPLIANT, now.verdict());
                }
            }
        } finally {
            world.close();
            Await.result(vertx.close());
        }
    }

    private static Map<String, VerdictRecord> awaitVerdicts(StandaloneNode node, Predicate<Map<String, VerdictRecord>> enough, Instant until) {
        while (true) {
            Map<String, VerdictRecord> verdicts = new HashMap<>();
            node.collector().service().view().forEachVerdict(v -> verdicts.put(v.certificateId(), v));
            if (enough.test(verdicts)) {
                return verdicts;
            }
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("only " + verdicts.size() + " verdicts by " + until + ": " + verdicts.keySet());
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // polling the collector's view
        }
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path);
        return response.body();
    }
}
