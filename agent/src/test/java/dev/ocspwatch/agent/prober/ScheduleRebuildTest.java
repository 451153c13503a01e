package dev.ocspwatch.agent.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ScheduleRebuildTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Duration HORIZON = Duration.ofMinutes(45);
    private static final TopicPartition P0 = new TopicPartition("ocspwatch.certificates", 0);
    private static final long OLD = NOW.minus(HORIZON).minus(ScheduleRebuild.SLACK).minusSeconds(1).toEpochMilli();
    private static final long RECENT = NOW.minusSeconds(30).toEpochMilli();

    private final ScheduleRebuild rebuild = new ScheduleRebuild(HORIZON, Clock.fixed(NOW, ZoneOffset.UTC), "eu-1");

    @Test
    void seeksToTheFirstRecordWithinTheHorizonAndMarksEverythingBelowTheEndReplayed() {
        PartitionLog log = new PartitionLog(OLD, OLD, RECENT, RECENT);

        Map<TopicPartition, Long> replayUntil = rebuild.seek(log.consumer, List.of(P0));

        assertEquals(2, log.consumer.position(P0));
        assertEquals(Map.of(P0, 4L), replayUntil);
    }

    @Test
    void startsAtTheEndWhenEveryRecordIsOlderThanTheHorizon() {
        PartitionLog log = new PartitionLog(OLD, OLD, OLD);

        Map<TopicPartition, Long> replayUntil = rebuild.seek(log.consumer, List.of(P0));

        assertEquals(3, log.consumer.position(P0));
        assertEquals(Map.of(P0, 3L), replayUntil);
    }

    @Test
    void startsAtZeroOnAnEmptyPartition() {
        PartitionLog log = new PartitionLog();

        assertEquals(Map.of(P0, 0L), rebuild.seek(log.consumer, List.of(P0)));
        assertEquals(0, log.consumer.position(P0));
    }

    @Test
    void neverSkipsACertificateDiscoveryAppendsWhileTheAgentLooksUpOffsets() {
        // The race that lost a freshly started agent's first certificate: the record arrives
        // between the two broker lookups, whichever is made first.
        PartitionLog log = new PartitionLog(OLD, OLD);
        log.appendAfterFirstLookup(RECENT);

        Map<TopicPartition, Long> replayUntil = rebuild.seek(log.consumer, List.of(P0));

        assertEquals(2, log.consumer.position(P0), "the new record at offset 2 must be read");
        assertEquals(Map.of(P0, 2L), replayUntil, "and read as new, not replayed");
    }

    @Test
    void startsAtTheEndReadFirstWhenTheRecordFoundByTimeArrivedAfterIt() {
        PartitionLog log = new PartitionLog(OLD);
        log.appendAfterFirstLookup(OLD, RECENT);

        rebuild.seek(log.consumer, List.of(P0));

        assertEquals(1, log.consumer.position(P0));
    }

    @Test
    void returnsNothingForNoPartitions() {
        assertEquals(Map.of(), rebuild.seek(new PartitionLog().consumer, List.of()));
    }

    /** One partition's record timestamps, answering the two lookups the rebuild makes. */
    private static final class PartitionLog {
        private final List<Long> timestamps = new ArrayList<>();
        private final List<Long> appendLater = new ArrayList<>();
        private int lookups;
        final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest") {
            @Override
            public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout) {
                Map<TopicPartition, Long> end = Map.of(P0, (long) timestamps.size());
                lookedUp();
                return end;
            }

            @Override
            public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> query, Duration timeout) {
                Map<TopicPartition, OffsetAndTimestamp> found = new HashMap<>();
                for (int offset = 0; offset < timestamps.size(); offset++) {
                    if (timestamps.get(offset) >= query.get(P0)) {
                        found.put(P0, new OffsetAndTimestamp(offset, timestamps.get(offset)));
                        break;
                    }
                }
                lookedUp();
                return found;
            }
        };

        PartitionLog(long... timestamps) {
            for (long timestamp : timestamps) {
                this.timestamps.add(timestamp);
            }
            consumer.assign(List.of(P0));
        }

        void appendAfterFirstLookup(long... later) {
            for (long timestamp : later) {
                appendLater.add(timestamp);
            }
        }

        private void lookedUp() {
            if (++lookups == 1) {
                timestamps.addAll(appendLater);
            }
        }
    }
}
