package dev.ocspwatch.collector.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.collector.alert.WebhookReceiver.Reply;
import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.verdict.Verdict;
import dev.ocspwatch.lab.kafka.InProcessKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alerts from a real broker (the in-process KRaft Kafka) to a real loopback receiver. Records
 * go to partition 0 so their order is known: once the last one's alert arrived and nothing is
 * in flight, every earlier record was handled.
 */
class ViolationAlertsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicInteger GROUPS = new AtomicInteger();
    private static InProcessKafka kafka;
    private static KafkaSettings settings;
    private static Producer<byte[], byte[]> producer;
    private static Vertx vertx;
    private WebhookReceiver receiver;
    private MeterRegistry registry;
    private ViolationAlerts alerts;

    @BeforeAll
    static void startBroker() {
        kafka = InProcessKafka.start(null, 0, Map.of());
        kafka.createTopics(List.of(Topics.VERDICTS.spec(3)));
        settings = KafkaSettings.of(kafka.bootstrapServers());
        producer = new KafkaProducer<>(settings.producer("alerts-test"), new ByteArraySerializer(), new ByteArraySerializer());
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopBroker() {
        producer.close();
        Await.result(vertx.close(), WAIT);
        kafka.close();
    }

    @BeforeEach
    void startReceiver() {
        receiver = WebhookReceiver.start(vertx);
    }

    @AfterEach
    void stop() {
        if (alerts != null) {
            alerts.close();
        }
        receiver.close();
    }

    private AlertSettings alertSettings(String group, String offsetReset) {
        WebhookTarget target = new WebhookTarget("receiver", receiver.url("/hook"), WebhookFormat.GENERIC, "test-token", null);
        return AlertSettings.defaults(List.of(target), "https://ocspwatch.test")
                .withRetry(new RetryPolicy(1_000, Duration.ofMillis(5), Duration.ofMillis(50), 0))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300))
                .withConsumer(group, offsetReset);
    }

    private static String newGroup() {
        return "alerts-test-" + GROUPS.incrementAndGet();
    }

    /** Starts a reader with a registry of its own, and waits until it has its partitions. */
    private ViolationAlerts start(AlertSettings alertSettings) {
        registry = new SimpleMeterRegistry();
        alerts = new ViolationAlerts(vertx, settings, alertSettings, registry);
        Await.result(alerts.start(), WAIT);
        return alerts;
    }

    private static void produce(VerdictRecord verdict) {
        ProducerRecord<byte[], byte[]> record = Topics.VERDICTS.record(verdict.certificateId(), verdict);
        send(record.key(), record.value());
    }

    private static void send(byte[] key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.VERDICTS.name(), 0, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not produce: " + e, e);
        }
    }

    private static String key(String serial, int revision) {
        return Verdicts.id(serial) + "#" + revision;
    }

    /** Waits for {@code serial}'s alert and for every delivery to end, then returns the accepted alerts by key with their counts. */
    private Map<String, Long> afterAlertFor(String serial, int revision) {
        Await.until(() -> receiver.acceptedKeys().contains(key(serial, revision)) && alerts.inFlight() == 0, WAIT,
                () -> "accepted: " + receiver.acceptedKeys() + ", in flight " + alerts.inFlight());
        return receiver.acceptedKeys().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private double count(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void alertsOncePerNewViolationAndNeverForOtherChanges() {
        start(alertSettings(newGroup(), "latest"));

        produce(Verdicts.verdict("a1", 1, Verdict.COMPLIANT, null));
        produce(Verdicts.violation("a1", 2, Verdict.COMPLIANT)); // alert
        produce(Verdicts.violation("a1", 3, Verdict.VIOLATION)); // still a violation: no alert
        produce(Verdicts.verdict("b1", 1, Verdict.INCONCLUSIVE, null));
        produce(Verdicts.verdict("c1", 1, Verdict.NOT_APPLICABLE, null));
        produce(Verdicts.violation("d1", 1, null)); // alert: a first decision
        produce(Verdicts.violation("b1", 2, Verdict.INCONCLUSIVE)); // alert
        produce(Verdicts.violation("a1", 2, Verdict.COMPLIANT)); // the same revision written again: dropped
        produce(Verdicts.violation("z1", 1, null)); // alert, last

        assertEquals(Map.of(key("a1", 2), 1L, key("d1", 1), 1L, key("b1", 2), 1L, key("z1", 1), 1L), afterAlertFor("z1", 1));
        assertEquals(4, count("ocspwatch_alerts_violations"));
        assertEquals(4, count("ocspwatch_alerts_sent", "target", "receiver"));
        assertEquals(1, count("ocspwatch_alerts_duplicates"));
        WebhookReceiver.Received first = receiver.accepted().get(0);
        assertEquals("Bearer test-token", first.headers().get("authorization"));
        assertEquals("ocspwatch.violation", first.json().get("event").asText());
        assertEquals(key("a1", 2), first.json().get("idempotencyKey").asText());
    }

    @Test
    void malformedRecordsAreCountedAndSkipped() {
        start(alertSettings(newGroup(), "latest"));

        send("x".getBytes(StandardCharsets.UTF_8), "not json".getBytes(StandardCharsets.UTF_8));
        send("y".getBytes(StandardCharsets.UTF_8), "{\"serial\":\"01\",\"verdict\":\"VIOLATION\"}".getBytes(StandardCharsets.UTF_8));
        send("z".getBytes(StandardCharsets.UTF_8), null); // a tombstone: legal on a compacted topic, not an error
        produce(Verdicts.violation("m1", 1, null));

        assertEquals(Map.of(key("m1", 1), 1L), afterAlertFor("m1", 1));
        assertEquals(2, count("ocspwatch_alerts_rejected", "reason", "malformed-record"));
    }

    @Test
    void aNewGroupStartsAtTheLatestVerdictsUnlessToldToReadHistory() {
        produce(Verdicts.violation("h1", 1, null)); // history: before any reader
        start(alertSettings(newGroup(), "latest"));
        produce(Verdicts.violation("n1", 1, null));

        assertEquals(Map.of(key("n1", 1), 1L), afterAlertFor("n1", 1), "no alert about history");

        alerts.close();
        start(alertSettings(newGroup(), "earliest"));
        assertTrue(afterAlertFor("h1", 1).containsKey(key("h1", 1)), "earliest reads the history");
    }

    /**
     * The receiver refuses one alert (503) while accepting those after it; the reader is closed
     * with it undelivered. The next reader in the group sends it, and none of those delivered
     * before, although they lie above the committed offset.
     */
    @Test
    void afterARestartAnUndeliveredAlertIsSentAndNoDeliveredOneIsRepeated() {
        String group = newGroup();
        receiver.rule(body -> body.contains("\"serial\":\"r2\"") ? Reply.status(503) : null);
        ViolationAlerts first = start(alertSettings(group, "latest"));
        produce(Verdicts.violation("r1", 1, null));
        produce(Verdicts.violation("r2", 1, null)); // undelivered at close
        produce(Verdicts.violation("r3", 1, null));
        Await.until(() -> receiver.acceptedKeys().containsAll(List.of(key("r1", 1), key("r3", 1)))
                && receiver.received().stream().filter(r -> r.idempotencyKey().equals(key("r2", 1))).count() >= 2, WAIT,
                () -> "received: " + receiver.received().stream().map(r -> r.idempotencyKey() + "=" + r.answered()).toList());

        first.close();
        assertEquals(1, count("ocspwatch_alerts_abandoned", "target", "receiver"));
        receiver.rule(body -> null); // the receiver is fixed
        start(alertSettings(group, "latest"));
        produce(Verdicts.violation("r4", 1, null));

        assertEquals(Map.of(key("r1", 1), 1L, key("r2", 1), 1L, key("r3", 1), 1L, key("r4", 1), 1L), afterAlertFor("r4", 1));
    }

    @Test
    void anAlertPendingWhileTheReceiverIsDownAtCloseIsSentAfterTheRestart() {
        String group = newGroup();
        ViolationAlerts first = start(alertSettings(group, "latest"));
        produce(Verdicts.violation("s1", 1, null));
        Await.until(() -> receiver.acceptedKeys().contains(key("s1", 1)), WAIT, () -> "accepted: " + receiver.acceptedKeys());
        receiver.down();
        produce(Verdicts.violation("s2", 1, null));
        Await.until(() -> count("ocspwatch_alerts_retried", "target", "receiver", "reason", "connection") >= 1, WAIT,
                () -> "no failed attempt to reach the receiver");

        first.close();
        receiver.up();
        start(alertSettings(group, "latest"));

        assertEquals(Map.of(key("s1", 1), 1L, key("s2", 1), 1L), afterAlertFor("s2", 1));
    }

    /** With one alert allowed in flight, the next waits in Kafka until the first is delivered. */
    @Test
    void atMostMaxInFlightAlertsAreBeingDelivered() {
        AtomicInteger refusals = new AtomicInteger(3);
        receiver.rule(body -> body.contains("\"serial\":\"f1\"") && refusals.getAndDecrement() > 0 ? Reply.status(503) : null);
        AlertSettings base = alertSettings(newGroup(), "latest").withRetry(new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(100), 0));
        start(new AlertSettings(base.targets(), base.publicBaseUrl(), base.retry(), base.requestTimeout(), base.consumerGroup(),
                base.autoOffsetReset(), 1, 100, base.closeTimeout()));
        produce(Verdicts.violation("f1", 1, null));
        produce(Verdicts.violation("f2", 1, null));

        assertEquals(Map.of(key("f1", 1), 1L, key("f2", 1), 1L), afterAlertFor("f2", 1));
        List<String> order = receiver.received().stream().map(WebhookReceiver.Received::idempotencyKey).toList();
        assertEquals(List.of(key("f1", 1), key("f1", 1), key("f1", 1), key("f1", 1), key("f2", 1)), order,
                "f2 is sent only after f1 was delivered");
    }
}
