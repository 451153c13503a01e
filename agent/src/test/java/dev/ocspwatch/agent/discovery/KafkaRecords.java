package dev.ocspwatch.agent.discovery;

import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.Topic;
import dev.ocspwatch.common.kafka.TopicSpec;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.lab.kafka.InProcessKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reading what discovery wrote, straight from the broker: every record of a topic up to its current end. */
final class KafkaRecords {
    private KafkaRecords() {
    }

    /** One record as read back, with where and when the broker put it. */
    record Read<V>(String key, V value, int partition, long offset, long brokerTime) {
    }

    /** Discovery's topics, created with append-time timestamps so tests can tell which record the broker took first. */
    static void createTopics(InProcessKafka kafka) {
        kafka.createTopics(Topics.discovery().stream().map(t -> {
            Map<String, String> configs = new HashMap<>(t.configs());
            configs.put("message.timestamp.type", "LogAppendTime");
            return new TopicSpec(t.name(), 3, configs);
        }).toList());
    }

    /** Every record of {@code topic} from the beginning up to the end offsets as of now, in partition then offset order. */
    static <V> List<Read<V>> readAll(InProcessKafka kafka, Topic<String, V> topic) {
        List<Read<V>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaSettings.of(kafka.bootstrapServers())
                .consumer("discovery-test-reader", null), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic.name() + " to its end within 30 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    out.add(new Read<>(topic.key(record.key()), topic.value(record.value()), record.partition(), record.offset(),
                            record.timestamp()));
                }
            }
        }
        return out;
    }

    /** The end offsets of {@code topic} now, per partition. */
    static Map<Integer, Long> endOffsets(InProcessKafka kafka, Topic<?, ?> topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaSettings.of(kafka.bootstrapServers())
                .consumer("discovery-test-offsets", null), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<Integer, Long> out = new HashMap<>();
            consumer.endOffsets(partitions, Duration.ofSeconds(30)).forEach((p, o) -> out.put(p.partition(), o));
            return out;
        }
    }
}
