package dev.ocspwatch.agent.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.agent.testing.Signal;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.lab.kafka.InProcessKafka;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.world.LabCa;
import dev.ocspwatch.lab.world.World;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

class DiscoveryAgentSmokeTest {
    @Test
    void publishesEveryCertificateTheLabIssuesThroughBothApis() throws Exception {
        // egress-blocked.yaml: rsa-ca and ecdsa-ca name OCSP responders, crl-only-ca does not (its faults concern OCSP egress, not CT)
        Vertx vertx = Vertx.vertx();
        try (InProcessKafka kafka = InProcessKafka.startTemporary()) {
            kafka.createTopics(Topics.discovery().stream().map(t -> t.spec(3)).toList());
            Scenario scenario = Scenario.load(Path.of("../config/scenarios/egress-blocked.yaml"));
            World world = vertx.executeBlocking(() -> World.start(vertx, scenario, Clock.systemUTC()), false).compose(f -> f)
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            try (world) {
                DiscoverySettings settings = new DiscoverySettings(world.logListUrl(), null, null, List.of(),
                        new FollowerSettings(Duration.ofMillis(200), 64, 2, Duration.ofMillis(300), 5), null, null);
                SimpleMeterRegistry registry = new SimpleMeterRegistry();
                DiscoveryAgent agent = new DiscoveryAgent(settings, KafkaSettings.of(kafka.bootstrapServers()), registry,
                        Clock.systemUTC(), "ocspwatch-test");
                vertx.deployVerticle(agent).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
                assertEquals(2, agent.followers().size(), "both lab logs from the lab's log list");
                // Logs from a list are followed from their head: issue only once each follower knows where that is.
                Signal.await(() -> agent.followers().values().stream().allMatch(f -> f.nextIndex() >= 0), Duration.ofSeconds(30),
                        "followers at their heads");

                List<String> withoutOcsp = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    withoutOcsp.add(world.issueNow("crl-only-ca", false).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                            .certificateId());
                }
                Map<String, LabCa.Issued> issued = new HashMap<>();
                for (int i = 0; i < 6; i++) {
                    LabCa.Issued one = world.issueNow(i % 2 == 0 ? "rsa-ca" : "ecdsa-ca", false)
                            .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                    issued.put(one.certificateId(), one);
                }
                Map<String, CertificateRecord> seen = consume(kafka, issued.size(), Duration.ofSeconds(30));
                assertEquals(issued.keySet(), seen.keySet());
                String crlOnlyIssuer = withoutOcsp.get(0).substring(0, withoutOcsp.get(0).indexOf(':'));
                // counted once the batch holding them was acknowledged
                Signal.await(() -> withoutOcspCount(registry, crlOnlyIssuer) >= 4, Duration.ofSeconds(30), "counted without OCSP");
                assertEquals(4, withoutOcspCount(registry, crlOnlyIssuer), "2 precertificates without OCSP, in each of the 2 logs");
                assertTrue(seen.keySet().stream().noneMatch(withoutOcsp::contains), "nothing to probe: not sent");
                for (CertificateRecord record : seen.values()) {
                    assertTrue(record.precert());
                    assertEquals(1, record.ocspUrls().size());
                    assertTrue(record.timestamp() > Instant.now().minusSeconds(120).toEpochMilli());
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static double withoutOcspCount(SimpleMeterRegistry registry, String issuer) {
        Counter counter = registry.find("ocspwatch_discovery_without_ocsp").tags("issuer", issuer).counter();
        return counter == null ? 0 : counter.count();
    }

    private static Map<String, CertificateRecord> consume(InProcessKafka kafka, int wanted, Duration within) {
        Map<String, CertificateRecord> seen = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaSettings.of(kafka.bootstrapServers()).consumer("test", "test"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.CERTIFICATES.name()));
            long deadline = System.nanoTime() + within.toNanos();
            while (seen.size() < wanted && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    CertificateRecord value = Topics.CERTIFICATES.value(record.value());
                    seen.put(value.certificateId(), value);
                }
            }
        }
        return seen;
    }
}
