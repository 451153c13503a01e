package dev.ocspwatch.agent.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.LogCheckpoint;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.lab.kafka.InProcessKafka;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checkpoints on the compacted topic: the latest per log comes back, whatever was written before, from any partition. */
class CheckpointStoreTest {
    static InProcessKafka kafka;
    static KafkaProducer<byte[], byte[]> producer;
    static CheckpointStore store;

    @BeforeAll
    static void start() {
        kafka = InProcessKafka.startTemporary();
        KafkaRecords.createTopics(kafka); // three partitions: load must read them all
        KafkaSettings settings = KafkaSettings.of(kafka.bootstrapServers());
        producer = new KafkaProducer<>(settings.producer("checkpoint-test"), new ByteArraySerializer(), new ByteArraySerializer());
        store = new CheckpointStore(settings, producer);
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        kafka.close();
    }

    private static LogCheckpoint checkpoint(String logId, long next) {
        return new LogCheckpoint(logId, "log " + logId, "http://" + logId + ".test/", next, next + 10,
                Instant.parse("2025-06-01T00:00:00Z").plus(next, ChronoUnit.SECONDS));
    }

    @Test
    void loadsTheLatestCheckpointOfEveryLogAndForgetsDeletedOnes() throws Exception {
        assertTrue(store.load().isEmpty(), "nothing before the first save");
        for (long next = 1; next <= 50; next++) {
            for (String log : new String[] {"log-a", "log-b", "log-c", "log-d"}) {
                store.save(checkpoint(log, log.equals("log-b") ? next * 2 : next));
            }
        }
        store.save(checkpoint("log-e", 7)).get();
        producer.send(Topics.DISCOVERY_CHECKPOINTS.record("log-d", null)).get(); // a tombstone: the log was dropped

        Map<String, LogCheckpoint> loaded = store.load();
        assertEquals(Map.of("log-a", checkpoint("log-a", 50), "log-b", checkpoint("log-b", 100), "log-c", checkpoint("log-c", 50),
                "log-e", checkpoint("log-e", 7)), loaded);
        assertFalse(loaded.containsKey("log-d"));
        assertTrue(KafkaRecords.readAll(kafka, Topics.DISCOVERY_CHECKPOINTS).stream().map(KafkaRecords.Read::partition)
                .distinct().count() > 1, "the test spreads checkpoints over several partitions");

        store.save(checkpoint("log-a", 51)).get();
        assertEquals(51, store.load().get("log-a").nextIndex(), "a later save wins on the next load");
    }
}
