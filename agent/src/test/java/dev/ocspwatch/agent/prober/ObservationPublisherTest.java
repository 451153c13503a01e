package dev.ocspwatch.agent.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.agent.testing.ProbeResults;
import dev.ocspwatch.agent.testing.Signal;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.outcome.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The prober's way to Kafka: bounded, never dropping, and in order, with a real broker that goes away and comes back. */
class ObservationPublisherTest {
    private static final String ISSUER = "ab".repeat(32);
    private static ProberLab lab;

    @BeforeAll
    static void startBroker() {
        lab = ProberLab.start(Map.of());
    }

    @AfterAll
    static void stopBroker() {
        if (lab != null) {
            lab.close();
        }
    }

    private static Observation observation(String id) {
        Instant now = Instant.now();
        return new Observation(id, ISSUER + ":" + Integer.toHexString(id.hashCode() & 0xffff), ISSUER, "publisher-test",
                "publisher-test-1", ProbeKind.DISCOVERY, now, now.plusSeconds(20), now, false,
                ProbeResults.answered("http://ocsp.test/", "GET", "standard", Outcome.GOOD));
    }

    private static List<String> publish(ObservationPublisher publisher, String prefix, int count) {
        List<String> ids = IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
        ids.forEach(id -> publisher.publish(observation(id)));
        return ids;
    }

    /**
     * The broker stops for a while: what the agent publishes meanwhile is held (the producer's own
     * batches may expire after 2 s; then the publisher sends them again), the bound turns full,
     * and once the broker is back everything held arrives and the hold drains.
     */
    @Test
    void holdsEveryObservationWhileKafkaIsAwayAndDeliversAllWhenItIsBack() {
        Properties properties = lab.kafkaSettings().producer("publisher-test");
        properties.put("request.timeout.ms", "1000");
        properties.put("delivery.timeout.ms", "2000");
        properties.put("reconnect.backoff.max.ms", "200");
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
        ObservationPublisher publisher = new ObservationPublisher(producer, 100);
        List<String> ids = new ArrayList<>();
        try {
            ids.addAll(publish(publisher, "before", 20));
            Signal.await(() -> publisher.held() == 0, Duration.ofSeconds(30), () -> "held before the stop: " + publisher.held());

            lab.kafka().stop();
            Signal.await(() -> connections(producer) == 0, Duration.ofSeconds(30), "the producer still has a connection to the broker");
            double closed = producerMetric(producer, "connection-close-total");
            ids.addAll(publish(publisher, "away", 50));
            // Away for a while: ten reconnection attempts refused (at most 200 ms apart), or a send already expired.
            Signal.await(() -> producerMetric(producer, "connection-close-total") >= closed + 10 || publisher.retried() > 0,
                    Duration.ofSeconds(30), "the producer never tried to reconnect");
            assertEquals(50, publisher.held(), "held while away");
            assertFalse(publisher.full());
            ids.addAll(publish(publisher, "still-away", 50));
            assertEquals(100, publisher.held(), "held while away");
            assertTrue(publisher.full(), "full at its capacity of 100");

            lab.kafka().restart();
            Signal.await(() -> publisher.held() == 0, Duration.ofSeconds(60), () -> "held after the restart: " + publisher.held());
            assertFalse(publisher.full());
            assertEquals(120, publisher.sent(), "each observation acknowledged once");
            lab.observations().awaitCaughtUp();
            Map<String, Integer> copies = lab.observations().copies();
            List<String> lost = ids.stream().filter(id -> !copies.containsKey(id)).toList();
            assertEquals(List.of(), lost, "observations lost");
            int duplicates = ids.stream().mapToInt(id -> copies.get(id) - 1).sum();
            System.out.println("broker away and back: " + ids.size() + " observations, " + publisher.retried() + " sends retried, "
                    + duplicates + " duplicates on the topic");
        } finally {
            if (!lab.kafka().running()) {
                lab.kafka().restart();
            }
            publisher.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Sends that fail go back ahead of everything newer, in the order they were first sent: a
     * region's probes of one certificate stay in the order they were made. The failure and the
     * acknowledgements are scripted with a MockProducer.
     */
    @Test
    void failedSendsAreSentAgainAheadOfNewerOnesInTheirOriginalOrder() {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        ObservationPublisher publisher = new ObservationPublisher(producer, 100);
        try {
            publish(publisher, "first", 4);
            Signal.await(() -> producer.history().size() == 4, Duration.ofSeconds(10), () -> "sent " + producer.history().size());
            for (int i = 0; i < 3; i++) {
                assertTrue(producer.errorNext(new TimeoutException("expired in the accumulator")));
            }
            assertTrue(producer.completeNext()); // first-3 made it
            publish(publisher, "later", 2);
            Signal.await(() -> producer.history().size() == 9, Duration.ofSeconds(10), () -> "sent " + sentIds(producer));
            assertEquals(List.of("first-0", "first-1", "first-2", "first-3", "first-0", "first-1", "first-2", "later-0", "later-1"),
                    sentIds(producer));
            while (producer.completeNext()) {
                // acknowledge the rest
            }
            assertEquals(0, publisher.held());
            assertEquals(6, publisher.sent());
            assertEquals(3, publisher.retried());
            assertEquals(Set.of("first-0", "first-1", "first-2", "first-3", "later-0", "later-1"), Set.copyOf(sentIds(producer)));
        } finally {
            publisher.close(Duration.ofSeconds(5));
        }
    }

    private static double producerMetric(KafkaProducer<byte[], byte[]> producer, String name) {
        return producer.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("producer-metrics") && e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).findFirst().orElse(Double.NaN);
    }

    private static double connections(KafkaProducer<byte[], byte[]> producer) {
        return producerMetric(producer, "connection-count");
    }

    private static List<String> sentIds(MockProducer<byte[], byte[]> producer) {
        return producer.history().stream().map(r -> Topics.OBSERVATIONS.value(r.value()).observationId()).collect(Collectors.toList());
    }
}
