package dev.ocspwatch.agent.prober;

import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.IssuerRecord;
import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code ocspwatch.issuers} (every partition, from the start: issuers are few and every
 * agent needs all) and {@code ocspwatch.certificates} (in the region's consumer group) on its
 * own thread, and hands what it reads to the scheduler's context.
 *
 * <p><b>Rebuilding schedules from the topic.</b> The schedule is kept nowhere but in memory, so
 * whenever this agent is assigned a partition (at start, or when another agent of the region
 * died or left) it seeks ({@link ScheduleRebuild}), by timestamp, to {@code now - (deadline + watchWindow) - 1 minute} and
 * reads forward. This is correct because a certificate record's Kafka timestamp is the moment
 * discovery sent it (CreateTime), which is never earlier than the certificate's CT timestamp:
 * every record before that offset belongs to a certificate whose watch window has ended, and
 * every certificate that may still need a probe is at or after it. The minute of slack absorbs
 * clock differences between discovery and prober hosts. Records below the partition's end at
 * assignment are marked replayed: the agent cannot know which of their probes were made, so a
 * deadline already past is probed at once (marked late when it is) and never missed; at worst
 * one is made twice. Committed offsets are kept only so that lag shows in Kafka's tools.
 *
 * <p>Backpressure: while the scheduler does not want more, or handed-over certificates are still
 * waiting for the context, the assigned partitions are paused (the consumer keeps its group
 * membership by polling) and resumed once it does.
 */
final class CertificateFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateFeed.class);
    private static final int MAX_HANDED_OVER = 10_000;
    private static final long REFRESH_MS = 5_000;

    private final KafkaSettings kafka;
    private final ProberSettings settings;
    private final ProbeScheduler scheduler;
    private final Context context;
    private final IssuerDirectory issuers;
    private final ProberMetrics metrics;
    private final Promise<Void> ready = Promise.promise();
    private final AtomicInteger handedOver = new AtomicInteger();
    private final AtomicLong lag = new AtomicLong();
    private final Map<TopicPartition, Long> replayUntil = new HashMap<>();
    private final ScheduleRebuild rebuild;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean paused;
    private volatile KafkaConsumer<byte[], byte[]> certificates;
    private volatile KafkaConsumer<byte[], byte[]> issuerReader;

    CertificateFeed(KafkaSettings kafka, ProberSettings settings, ProbeScheduler scheduler, Context context, IssuerDirectory issuers,
                    ProberMetrics metrics, Clock clock) {
        this.kafka = kafka;
        this.settings = settings;
        this.scheduler = scheduler;
        this.context = context;
        this.issuers = issuers;
        this.metrics = metrics;
        this.rebuild = new ScheduleRebuild(settings.schedule().horizon(), clock, settings.agentId());
        this.thread = new Thread(this::run, "ocspwatch-prober-feed-" + settings.region());
        this.thread.setDaemon(true);
    }

    /** Starts reading; the future completes once every issuer known so far was read and the group joined. */
    Future<Void> start() {
        thread.start();
        return ready.future();
    }

    boolean paused() {
        return paused;
    }

    /** Certificate records not yet read by this agent on its partitions (refreshed every few seconds). */
    long lag() {
        return lag.get();
    }

    private void run() {
        try {
            issuerReader = new KafkaConsumer<>(kafka.consumer("ocspwatch-prober-" + settings.agentId() + "-issuers", null),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            readAllIssuers();
            Properties properties = kafka.consumer("ocspwatch-prober-" + settings.agentId(), settings.consumerGroup());
            properties.put("partition.assignment.strategy", CooperativeStickyAssignor.class.getName());
            properties.put("max.poll.records", "1000");
            certificates = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            certificates.subscribe(List.of(Topics.CERTIFICATES.name()), new Rebuild());
            ready.tryComplete();
            loop();
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.error("the prober's Kafka reader stopped: {}", e.toString(), e);
            }
            ready.tryFail(e);
        } finally {
            if (certificates != null) {
                certificates.close(Duration.ofSeconds(5));
            }
            if (issuerReader != null) {
                issuerReader.close(Duration.ofSeconds(5));
            }
        }
    }

    private void readAllIssuers() {
        List<PartitionInfo> partitions = List.of();
        while (partitions.isEmpty() && !closed) {
            partitions = issuerReader.partitionsFor(Topics.ISSUERS.name(), Duration.ofSeconds(30));
            if (partitions.isEmpty()) {
                LOG.warn("topic {} does not exist yet; waiting for it", Topics.ISSUERS.name());
            }
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        issuerReader.assign(assigned);
        issuerReader.seekToBeginning(assigned);
        Map<TopicPartition, Long> end = issuerReader.endOffsets(assigned, Duration.ofSeconds(30));
        while (!closed && assigned.stream().anyMatch(p -> issuerReader.position(p, Duration.ofSeconds(30)) < end.get(p))) {
            readIssuers(Duration.ofMillis(200));
        }
    }

    /** Returns whether a new issuer was read. */
    private boolean readIssuers(Duration wait) {
        boolean added = false;
        for (ConsumerRecord<byte[], byte[]> record : issuerReader.poll(wait)) {
            try {
                String key = Topics.ISSUERS.key(record.key());
                IssuerRecord value = Topics.ISSUERS.value(record.value());
                boolean known = issuers.get(key) != null;
                String refusal = issuers.put(key, value);
                if (refusal != null) {
                    metrics.rejected("bad-issuer-record", refusal);
                } else {
                    added |= !known;
                }
            } catch (RuntimeException e) {
                metrics.rejected("bad-issuer-record", "offset " + record.offset() + ": " + e.getMessage());
            }
        }
        return added;
    }

    private void loop() {
        long nextRefresh = 0;
        while (!closed) {
            boolean wanted = scheduler.wantsMore() && handedOver.get() < MAX_HANDED_OVER;
            Set<TopicPartition> assignment = certificates.assignment();
            if (!wanted) {
                certificates.pause(assignment); // also pauses partitions assigned since the last pause
                paused = true;
            } else if (paused) {
                certificates.resume(certificates.paused());
                paused = false;
            }
            List<CertificateArrival> arrivals = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : certificates.poll(Duration.ofMillis(100))) {
                CertificateArrival arrival = arrival(record);
                if (arrival != null) {
                    arrivals.add(arrival);
                }
            }
            if (!arrivals.isEmpty()) {
                handedOver.addAndGet(arrivals.size());
                context.runOnContext(v -> {
                    handedOver.addAndGet(-arrivals.size());
                    scheduler.accept(arrivals);
                });
            }
            if (readIssuers(Duration.ZERO)) {
                context.runOnContext(v -> scheduler.issuersArrived());
            }
            long now = System.currentTimeMillis();
            if (now >= nextRefresh) {
                nextRefresh = now + REFRESH_MS;
                try {
                    refreshLagAndCommit();
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    // A slow broker only delays the lag figure and the commit; reading goes on.
                    LOG.warn("could not refresh the lag behind {}: {}", Topics.CERTIFICATES.name(), e.toString());
                }
            }
        }
    }

    private CertificateArrival arrival(ConsumerRecord<byte[], byte[]> record) {
        CertificateRecord value;
        try {
            value = Topics.CERTIFICATES.value(record.value());
        } catch (RuntimeException e) {
            metrics.rejected("malformed-record", "partition " + record.partition() + " offset " + record.offset() + ": " + e.getMessage());
            return null;
        }
        if (value == null || value.certificateId() == null) {
            metrics.rejected("malformed-record", "partition " + record.partition() + " offset " + record.offset() + ": empty value");
            return null;
        }
        Long until = replayUntil.get(new TopicPartition(record.topic(), record.partition()));
        return new CertificateArrival(record.partition(), value, until != null && record.offset() < until);
    }

    private void refreshLagAndCommit() {
        Set<TopicPartition> assignment = certificates.assignment();
        if (assignment.isEmpty()) {
            lag.set(0);
            return;
        }
        Map<TopicPartition, Long> end = certificates.endOffsets(assignment, Duration.ofSeconds(5));
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        long behind = 0;
        for (TopicPartition partition : assignment) {
            long position = certificates.position(partition, Duration.ofSeconds(5));
            positions.put(partition, new OffsetAndMetadata(position));
            behind += Math.max(0, end.getOrDefault(partition, position) - position);
        }
        lag.set(behind);
        certificates.commitAsync(positions, null);
    }

    /** Seeks each newly assigned partition back to the oldest record that may still need a probe. */
    private final class Rebuild implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            replayUntil.putAll(rebuild.seek(certificates, partitions));
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            dropped(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            dropped(partitions);
        }

        private void dropped(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Set<Integer> numbers = new HashSet<>();
            partitions.forEach(p -> {
                numbers.add(p.partition());
                replayUntil.remove(p);
            });
            context.runOnContext(v -> scheduler.revoked(numbers));
        }
    }

    @Override
    public void close() {
        closed = true;
        if (certificates != null) {
            certificates.wakeup();
        }
        if (issuerReader != null) {
            issuerReader.wakeup();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
