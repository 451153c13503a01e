package dev.ocspwatch.lab.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.kafka.TopicSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real KRaft broker in this JVM: the broker every integration test and the standalone mode use. */
class InProcessKafkaTest {
    private static final TopicSpec EVENTS = new TopicSpec("events", 3, Map.of());
    private static final TopicSpec LATEST = new TopicSpec("latest", 2, Map.of("cleanup.policy", "compact"));

    @Test
    void createsTopicsWithTheAskedPartitionsAndConfigs() throws Exception {
        try (InProcessKafka kafka = InProcessKafka.startTemporary(); Admin admin = kafka.admin()) {
            kafka.createTopics(List.of(EVENTS, LATEST));
            kafka.createTopics(List.of(EVENTS)); // a second call leaves existing topics alone

            Map<String, TopicDescription> topics = admin.describeTopics(List.of("events", "latest")).allTopicNames().get(30, TimeUnit.SECONDS);
            assertEquals(3, topics.get("events").partitions().size());
            assertEquals(2, topics.get("latest").partitions().size());
            ConfigResource latest = new ConfigResource(ConfigResource.Type.TOPIC, "latest");
            assertEquals("compact", admin.describeConfigs(List.of(latest)).all().get(30, TimeUnit.SECONDS)
                    .get(latest).get("cleanup.policy").value());
            assertTrue(kafka.bootstrapServers().startsWith("127.0.0.1:"), "loopback only");
        }
    }

    @Test
    void keepsRecordsInAConfiguredDirectoryAcrossARestartAndANewInstance(@TempDir Path directory) throws Exception {
        try (InProcessKafka kafka = InProcessKafka.start(directory, 0, Map.of())) {
            kafka.createTopics(List.of(EVENTS));
            produce(kafka, "first");
            kafka.stop();
            assertFalse(kafka.running());
            kafka.restart();
            produce(kafka, "second");
            assertEquals(List.of("first", "second"), consumeAll(kafka));
        }
        assertTrue(Files.exists(directory.resolve("meta.properties")), "a configured directory is kept");
        try (InProcessKafka again = InProcessKafka.start(directory, 0, Map.of())) {
            assertEquals(List.of("first", "second"), consumeAll(again), "a new broker on the same directory has the data");
        }
    }

    @Test
    void deletesATemporaryDirectoryOnClose() {
        Path directory;
        try (InProcessKafka kafka = InProcessKafka.startTemporary()) {
            directory = kafka.directory();
            assertTrue(Files.isDirectory(directory));
        }
        assertFalse(Files.exists(directory));
    }

    private static void produce(InProcessKafka kafka, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "enable.idempotence", "true", "acks", "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("events", 0, "key", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> consumeAll(InProcessKafka kafka) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "auto.offset.reset", "earliest", "enable.auto.commit", "false"), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition("events", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            List<String> values = new ArrayList<>();
            while (consumer.position(partition, Duration.ofSeconds(30)) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
