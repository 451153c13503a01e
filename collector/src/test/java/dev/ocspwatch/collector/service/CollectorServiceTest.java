package dev.ocspwatch.collector.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.collector.metrics.CollectorMetrics;
import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.collector.query.VerdictPage;
import dev.ocspwatch.collector.query.VerdictQuery;
import dev.ocspwatch.collector.verdict.DecisionSettings;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.kafka.Topic;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.probe.ProbeResult;
import dev.ocspwatch.common.verdict.DecisionStage;
import dev.ocspwatch.common.verdict.Verdict;
import dev.ocspwatch.lab.kafka.InProcessKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector as a Kafka Streams application on a real in-process broker, exactly-once:
 * verdicts reach the topic and the view, and a collector killed mid-run and restarted on an
 * empty state directory (state rebuilt from the changelogs) reaches the same verdicts, each
 * revision emitted once.
 */
class CollectorServiceTest {
    private static final String ISSUER = "b".repeat(64);
    private static final String URL = "http://ocsp.example.test/";
    /** Deadline 3 s, grace 0.5 s, window 4 s: a certificate's life in under 10 s; a violation's evidence kept 10 minutes. */
    private static final DecisionSettings SETTINGS = new DecisionSettings(Duration.ofSeconds(3), Duration.ofMillis(500),
            Duration.ofSeconds(4), Duration.ofSeconds(30), Duration.ofMinutes(10), List.of("north", "south"), Duration.ofMillis(100),
            Duration.ofMillis(500), 100);

    private static InProcessKafka kafka;
    private static KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void startBroker() {
        kafka = InProcessKafka.startTemporary();
        kafka.createTopics(Topics.collector().stream().map(t -> t.spec(3)).toList());
        producer = new KafkaProducer<>(KafkaSettings.of(kafka.bootstrapServers()).producer("collector-test"), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    @AfterAll
    static void stopBroker() {
        if (producer != null) {
            producer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static <K, V> void send(Topic<K, V> topic, K key, V value) {
        try {
            producer.send(topic.record(key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CollectorService collector(String applicationId, Path stateDir, CollectorMetrics metrics) throws InterruptedException {
        CollectorService service = new CollectorService(new CollectorStreamsSettings(applicationId, stateDir, 1, 1, 0, null),
                KafkaSettings.of(kafka.bootstrapServers()), SETTINGS, metrics);
        service.start();
        assertTrue(service.awaitRunning(Duration.ofSeconds(60)), "not RUNNING: " + service.state());
        return service;
    }

    private static Observation observation(String id, Instant published, String region, Instant sentAt, Outcome outcome, int n) {
        ProbeResult probe = new ProbeResult(URL, URL, n % 2 == 0 ? "GET" : "POST", "standard", "sha1", id.substring(65), sentAt,
                List.of("192.0.2.7"), "192.0.2.7:80", List.of(), null, 200, Map.of("age", "3"), 400, outcome, "test", null, List.of(),
                "MEUw", "MIIB");
        return new Observation(id + "/" + region + "/" + n, id, ISSUER, region, region + "-1", ProbeKind.DEADLINE, published,
                published.plus(SETTINGS.deadline()), sentAt, false, probe);
    }

    @Test
    void aCollectorKilledMidRunAndRestartedOnEmptyStateReachesTheSameVerdictsEmittingEachRevisionOnce(@TempDir Path dir) throws Exception {
        String app = "collector-restart";
        Instant published = Instant.now();
        Map<String, Verdict> expected = new TreeMap<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String id = ISSUER + ":" + Integer.toHexString(0x1000 + i);
            ids.add(id);
            send(Topics.CERTIFICATES, id, new CertificateRecord(id, id.substring(65), ISSUER, "CN=c" + i, "CN=Restart CA", false,
                    published.toEpochMilli(), "bG9n", "log", i, null, null, List.of(), List.of(URL), List.of(), published));
            Instant atDeadline = published.plus(SETTINGS.deadline()).plusMillis(100);
            Outcome south = i % 3 == 0 ? Outcome.UNAUTHORIZED : i % 3 == 1 ? Outcome.GOOD : Outcome.CONNECT_FAILURE;
            send(Topics.OBSERVATIONS, id, observation(id, published, "north", atDeadline, Outcome.GOOD, 0));
            send(Topics.OBSERVATIONS, id, observation(id, published, "south", atDeadline, south, 1));
            expected.put(id, i % 3 == 0 ? Verdict.VIOLATION : i % 3 == 1 ? Verdict.COMPLIANT : Verdict.INCONCLUSIVE);
        }
        CollectorMetrics metrics = new CollectorMetrics(new SimpleMeterRegistry());
        CollectorService first = collector(app, dir.resolve("first"), metrics);
        VerdictReader reader = new VerdictReader();
        await(() -> reader.poll().size() >= 8, Duration.ofSeconds(30), () -> "first decisions: " + reader.all().size());
        first.close(Duration.ZERO); // as a crash would: whatever it had not committed is aborted

        // While it is down, a watch probe fails for every fourth certificate.
        for (int i = 0; i < ids.size(); i += 4) {
            String id = ids.get(i);
            send(Topics.OBSERVATIONS, id, observation(id, published, "north", published.plus(SETTINGS.deadline()).plusSeconds(2),
                    Outcome.TRY_LATER, 2));
            expected.put(id, Verdict.VIOLATION);
        }
        CollectorService second = collector(app, dir.resolve("second"), new CollectorMetrics(new SimpleMeterRegistry()));
        try {
            await(() -> {
                reader.poll();
                return ids.stream().allMatch(id -> reader.latest(id) != null && reader.latest(id).stage() == DecisionStage.FINAL);
            }, Duration.ofSeconds(60), () -> "not all final: " + reader.all().size() + " records");
            Map<String, Verdict> finals = new TreeMap<>();
            ids.forEach(id -> finals.put(id, reader.latest(id).verdict()));
            assertEquals(expected, finals);
            for (String id : ids) {
                List<Integer> revisions = reader.of(id).stream().map(VerdictRecord::revision).toList();
                for (int r = 0; r < revisions.size(); r++) {
                    assertEquals(r + 1, revisions.get(r), () -> id + ": revisions " + revisions);
                }
                assertEquals(1, reader.of(id).stream().filter(v -> v.stage() == DecisionStage.FINAL).count(), id);
            }
            // The view on the restarted instance holds the same latest verdicts, and the state of each certificate.
            await(() -> second.view().verdicts(new VerdictQuery(null, null, null, null, null, null, null, 500)).items().size() == 24,
                    Duration.ofSeconds(30), () -> "view incomplete");
            VerdictPage violations = second.view().verdicts(new VerdictQuery(Verdict.VIOLATION, "restart ca", "ocsp.example.test", "south",
                    null, null, null, 5));
            assertEquals(5, violations.items().size());
            assertTrue(violations.items().stream().allMatch(v -> v.verdict() == Verdict.VIOLATION));
            // South failed for every third certificate (UNAUTHORIZED) and could not connect for others: 10 violations in all have south failing.
            VerdictPage rest = second.view().verdicts(new VerdictQuery(Verdict.VIOLATION, "restart ca", "ocsp.example.test", "south", null,
                    null, violations.next(), 500));
            assertEquals(5, rest.items().size());
            assertTrue(rest.items().stream().noneMatch(violations.items()::contains), "pages overlap");
            assertEquals(null, rest.next());
            CertificateEvidence evidence = second.view().certificate(ids.get(0)).orElseThrow();
            assertEquals(3, evidence.observations().size());
            assertEquals(Verdict.VIOLATION, evidence.verdict().verdict());
            assertTrue(second.view().health().ready());
        } finally {
            second.close();
        }
    }

    /** Reads ocspwatch.verdicts as committed (read_committed: aborted transactions are never seen). */
    private static final class VerdictReader {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<VerdictRecord> all = new ArrayList<>();
        private final Map<String, List<VerdictRecord>> byId = new HashMap<>();

        VerdictReader() {
            consumer = new KafkaConsumer<>(KafkaSettings.of(kafka.bootstrapServers()).consumer("verdict-reader", null),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.VERDICTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        List<VerdictRecord> poll() {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                VerdictRecord v = Topics.VERDICTS.value(record.value());
                all.add(v);
                byId.computeIfAbsent(v.certificateId(), k -> new ArrayList<>()).add(v);
            }
            return all;
        }

        List<VerdictRecord> all() {
            return all;
        }

        List<VerdictRecord> of(String id) {
            return byId.getOrDefault(id, List.of());
        }

        VerdictRecord latest(String id) {
            List<VerdictRecord> records = of(id);
            return records.isEmpty() ? null : records.get(records.size() - 1);
        }
    }

    private static void await(BooleanSupplier condition, Duration within, Supplier<String> message) {
        long until = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertFalse(System.nanoTime() > until, message);
            Thread.onSpinWait();
        }
    }
}
