package dev.ocspwatch.agent.discovery;

import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.LogCheckpoint;
import dev.ocspwatch.common.kafka.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Discovery's progress per log, kept in the compacted topic {@code ocspwatch.discovery-checkpoints}.
 *
 * <p>Why Kafka and not a local file: the discovery agent then holds no state of its own, so it
 * can be restarted or moved to another machine and resume where the last one stopped; the
 * checkpoint lives next to the data it describes, in a system that already replicates; and
 * compaction keeps exactly one record per log. A checkpoint is written only after the batch it
 * covers was acknowledged by the brokers, so a crash repeats at most that batch and never skips.
 */
public final class CheckpointStore {
    private final KafkaSettings kafka;
    private final Producer<byte[], byte[]> producer;

    public CheckpointStore(KafkaSettings kafka, Producer<byte[], byte[]> producer) {
        this.kafka = kafka;
        this.producer = producer;
    }

    /** Every log's latest checkpoint, read from the start of the topic to its end (blocking). */
    public Map<String, LogCheckpoint> load() {
        Map<String, LogCheckpoint> latest = new HashMap<>();
        try (KafkaConsumer<String, LogCheckpoint> consumer = new KafkaConsumer<>(kafka.consumer("ocspwatch-checkpoints-reader", null),
                Topics.DISCOVERY_CHECKPOINTS.keySerde().deserializer(), Topics.DISCOVERY_CHECKPOINTS.valueSerde().deserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(Topics.DISCOVERY_CHECKPOINTS.name(), Duration.ofSeconds(30));
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(30));
            while (assigned.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                for (ConsumerRecord<String, LogCheckpoint> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), record.value());
                    }
                }
            }
        }
        return latest;
    }

    /** Sends a checkpoint; the caller may wait on the result. */
    public Future<RecordMetadata> save(LogCheckpoint checkpoint) {
        return producer.send(Topics.DISCOVERY_CHECKPOINTS.record(checkpoint.logId(), checkpoint));
    }
}
