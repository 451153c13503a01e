package dev.ocspwatch.collector.alert;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions of {@code ocspwatch.verdicts} this reader holds and the {@link PartitionProgress}
 * of each: read back from the group's commit when a partition arrives, committed when it leaves
 * and as alerts finish. Used only on the consumer's thread (rebalance callbacks run inside poll).
 */
final class AssignedPartitions implements ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(AssignedPartitions.class);

    private final Consumer<byte[], byte[]> consumer;
    private final Runnable onAssigned;
    private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();

    /** @param onAssigned run after every assignment, once positions are fixed */
    AssignedPartitions(Consumer<byte[], byte[]> consumer, Runnable onAssigned) {
        this.consumer = consumer;
        this.onAssigned = onAssigned;
    }

    /** The progress of a partition a record came from. */
    PartitionProgress of(TopicPartition partition) {
        return progress.computeIfAbsent(partition, p -> PartitionProgress.resume(null));
    }

    /** An alert finished; ignored if its partition has moved to another reader (which sends it again). */
    void finished(TopicPartition partition, long offset) {
        PartitionProgress at = progress.get(partition);
        if (at != null) {
            at.finished(offset);
        }
    }

    void commitAll(boolean sync) {
        commit(progress.keySet(), sync);
    }

    private void commit(Collection<TopicPartition> partitions, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> points = new HashMap<>();
        for (TopicPartition partition : partitions) {
            PartitionProgress at = progress.get(partition);
            OffsetAndMetadata point = at == null ? null : at.commitPoint();
            if (point != null) {
                points.put(partition, point);
            }
        }
        if (points.isEmpty()) {
            return;
        }
        if (!sync) {
            points.forEach((p, point) -> progress.get(p).committed(point)); // optimistic; undone if the commit fails
            consumer.commitAsync(points, (offsets, error) -> {
                if (error != null) {
                    LOG.debug("commit failed, tried again: {}", error.toString());
                    offsets.keySet().stream().map(progress::get).filter(Objects::nonNull).forEach(PartitionProgress::commitFailed);
                }
            });
            return;
        }
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                consumer.commitSync(points, Duration.ofSeconds(10));
                points.forEach((p, point) -> progress.get(p).committed(point));
                return;
            } catch (WakeupException e) {
                // the wakeup from close() arrived after the last poll and fired here: it is spent now, so try once more
            } catch (RuntimeException e) {
                LOG.warn("could not commit alert progress {}: {}; the next reader may send those alerts again", points, e.toString());
                return;
            }
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), Duration.ofSeconds(30));
            for (TopicPartition partition : partitions) {
                progress.put(partition, PartitionProgress.resume(committed.get(partition)));
                consumer.position(partition, Duration.ofSeconds(30)); // a new group starts at the end as of now, not at the first fetch
            }
            LOG.info("violation alerts read {}", partitions);
        }
        onAssigned.run();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        commit(partitions, true);
        partitions.forEach(progress::remove);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        partitions.forEach(progress::remove); // owned by another reader already: nothing may be committed
    }
}
