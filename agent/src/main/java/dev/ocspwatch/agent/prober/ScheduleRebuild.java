package dev.ocspwatch.agent.prober;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where reading starts on a newly assigned partition of {@code ocspwatch.certificates}: the first
 * record sent at or after {@code now - horizon - slack}, found by timestamp (see
 * {@link CertificateFeed} for why this is correct).
 *
 * <p>The partition's end is read <em>before</em> the time lookup. Discovery keeps appending while
 * an agent joins; had the end been read after a lookup that found nothing, a record appended
 * between the two would lie below the offset sought to and never be read (this lost the first
 * certificate of a freshly started agent now and then). Read first, the end is at or below every
 * record appended later, so the worst case is reading forward from it.
 */
final class ScheduleRebuild {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRebuild.class);
    static final Duration SLACK = Duration.ofMinutes(1);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);

    private final Duration horizon;
    private final Clock clock;
    private final String agentId;

    ScheduleRebuild(Duration horizon, Clock clock, String agentId) {
        this.horizon = horizon;
        this.clock = clock;
        this.agentId = agentId;
    }

    /**
     * Seeks every partition to the oldest record that may still need a probe and returns, per
     * partition, the end offset at assignment: records below it are replayed.
     */
    Map<TopicPartition, Long> seek(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> replayUntil = new HashMap<>();
        if (partitions.isEmpty()) {
            return replayUntil;
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, LOOKUP_TIMEOUT);
        long from = Math.max(0, clock.millis() - horizon.toMillis() - SLACK.toMillis());
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, from));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, LOOKUP_TIMEOUT);
        for (TopicPartition partition : partitions) {
            long endAtAssignment = end.getOrDefault(partition, 0L);
            OffsetAndTimestamp at = found.get(partition);
            // A record found by time may have been appended after the end was read: start at
            // whichever is lower, so neither it nor anything before it is skipped.
            long offset = at == null ? endAtAssignment : Math.min(at.offset(), endAtAssignment);
            consumer.seek(partition, offset);
            replayUntil.put(partition, endAtAssignment);
            if (offset < endAtAssignment) {
                LOG.info("{}: rebuilding the schedule of {} from offset {} ({} records)", agentId, partition, offset,
                        endAtAssignment - offset);
            }
        }
        return replayUntil;
    }
}
