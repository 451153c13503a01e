package dev.ocspwatch.collector.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.collector.api.ApiServer;
import dev.ocspwatch.collector.api.ApiSettings;
import dev.ocspwatch.collector.dashboard.HeadlessChromium;
import dev.ocspwatch.collector.metrics.CollectorMetrics;
import dev.ocspwatch.collector.query.VerdictQuery;
import dev.ocspwatch.collector.verdict.DecisionSettings;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.probe.ProbeResult;
import dev.ocspwatch.lab.kafka.InProcessKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in headless Chromium against a running collector (real broker, Kafka Streams,
 * the API over its interactive queries): the violations it decided are what the page lists.
 * Skipped, never passed, without Chromium.
 */
class CollectorDashboardTest {
    private static final String ISSUER = "d".repeat(64);
    private static final String URL = "http://ocsp.dashboard.test/";

    @Test
    void theDashboardListsTheViolationsARunningCollectorDecided(@TempDir Path dir) throws Exception {
        var binary = HeadlessChromium.find();
        Assumptions.assumeTrue(binary.isPresent(), "no chromium, chromium-browser or google-chrome on PATH");
        HeadlessChromium chromium = new HeadlessChromium(binary.get(), Files.createDirectories(Path.of("target", "chromium")));
        DecisionSettings settings = DecisionSettings.DEFAULT.scaledTo(Duration.ofSeconds(2)).withWindow(Duration.ofMillis(300),
                Duration.ofSeconds(60)).withRegions(List.of("north", "south"));
        Vertx vertx = Vertx.vertx();
        try (InProcessKafka kafka = InProcessKafka.startTemporary();
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaSettings.of(kafka.bootstrapServers()).producer("dashboard-test"),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            kafka.createTopics(Topics.collector().stream().map(t -> t.spec(2)).toList());
            Instant published = Instant.now();
            for (int i = 0; i < 4; i++) {
                String id = ISSUER + ":" + Integer.toHexString(0xa0 + i);
                producer.send(Topics.CERTIFICATES.record(id, new CertificateRecord(id, id.substring(65), ISSUER, "CN=dash" + i + ".test",
                        "CN=Dashboard CA", false, published.toEpochMilli(), "bG9n", "log", i, null, null, List.of(), List.of(URL), List.of(),
                        published))).get(30, TimeUnit.SECONDS);
                for (String region : List.of("north", "south")) {
                    Outcome outcome = region.equals("south") && i % 2 == 0 ? Outcome.UNAUTHORIZED : Outcome.GOOD;
                    Instant sent = published.plusSeconds(2).plusMillis(50);
                    ProbeResult probe = new ProbeResult(URL, URL, "POST", "standard", "sha1", id.substring(65), sent, List.of("192.0.2.9"),
                            "192.0.2.9:80", List.of(), null, 200, Map.of(), 300, outcome, "test", null, List.of(), null, null);
                    producer.send(Topics.OBSERVATIONS.record(id, new Observation(id + region, id, ISSUER, region, region + "-1",
                            ProbeKind.DEADLINE, published, published.plusSeconds(2), sent, false, probe))).get(30, TimeUnit.SECONDS);
                }
            }
            try (CollectorService collector = new CollectorService(CollectorStreamsSettings.of(dir), KafkaSettings.of(kafka.bootstrapServers()),
                    settings, new CollectorMetrics(new SimpleMeterRegistry()))) {
                collector.start();
                assertTrue(collector.awaitRunning(Duration.ofSeconds(60)));
                VerdictQuery all = new VerdictQuery(null, null, null, null, null, null, null, 10);
                long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (collector.view().verdicts(all).items().size() < 4) {
                    assertFalse(System.nanoTime() > until, "the collector did not decide all four");
                    Thread.onSpinWait();
                }
                ApiServer api = ApiServer.create(vertx, collector.view(), new ApiSettings("127.0.0.1", 0, null, null), null);
                int port = api.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                String base = "http://127.0.0.1:" + port + "/";
                String dom = chromium.dumpDom(base);
                int table = dom.indexOf("<table id=\"violations\"");
                String violations = dom.substring(table, dom.indexOf("</table>", table));
                assertEquals(2, violations.split("<tr ", -1).length - 1, violations);
                assertTrue(violations.contains("CN=Dashboard CA") && violations.contains("south: RESPONDER_FAILURE"), violations);
                assertTrue(violations.contains(ISSUER + ":a0") && violations.contains(ISSUER + ":a2"), violations);
                chromium.screenshot(base, Path.of("target", "screenshots", "running-collector.png"));
                String one = chromium.dumpDom(base + "#/certificates/" + ISSUER + ":a0");
                assertTrue(one.contains(">VIOLATION</span>"), "the certificate view of a violation");
                api.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
