package dev.ocspwatch.collector.alert;

import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.kafka.VerdictRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a webhook alert for every new VIOLATION on {@code ocspwatch.verdicts}, to every target,
 * once. The consumer runs on its own thread (polling blocks; the event loop must not), the
 * deliveries on Vert.x ({@link WebhookSender}), and their results come back to the consumer's
 * thread through a queue, so all bookkeeping is single-threaded.
 *
 * <p>At-least-once, without repeats: an offset is committed only once every alert up to it was
 * delivered or given up, so a crash or restart loses none; alerts finished out of order are
 * listed in the commit's metadata ({@link PartitionProgress}) and not sent again. What remains
 * is the window between a delivery and its commit (commits follow within a poll, about 100 ms),
 * which the {@code Idempotency-Key} lets receivers close. Within a run, a repeat of an alert
 * delivered or in flight (the collector writing a revision again, a rebalance) is dropped by
 * its {@code certificateId#revision} key.
 */
public final class ViolationAlerts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ViolationAlerts.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final KafkaSettings kafka;
    private final AlertSettings settings;
    private final WebhookSender sender;
    private final AlertMetrics metrics;
    private final Promise<Void> ready = Promise.promise();
    private final LinkedBlockingQueue<Finished> finishedQueue = new LinkedBlockingQueue<>();
    private final Map<String, List<Waiter>> inFlight = new HashMap<>();
    private final RecentKeys delivered;
    private final AtomicInteger inFlightCount = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closing;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private AssignedPartitions partitions;
    private boolean paused;

    /** An alert's offset waiting for its delivery. */
    private record Waiter(TopicPartition partition, long offset) {
    }

    /** Every target's answer to one alert. */
    private record Finished(String key, List<Delivery> deliveries) {
    }

    public ViolationAlerts(Vertx vertx, KafkaSettings kafka, AlertSettings settings, MeterRegistry registry) {
        this(kafka, settings, new WebhookSender(vertx, settings, registry));
    }

    ViolationAlerts(KafkaSettings kafka, AlertSettings settings, WebhookSender sender) {
        this.kafka = kafka;
        this.settings = settings;
        this.sender = sender;
        this.metrics = sender.metrics();
        this.delivered = new RecentKeys(settings.rememberDelivered());
        this.thread = new Thread(this::run, "ocspwatch-alerts-" + INSTANCES.incrementAndGet());
        this.thread.setDaemon(true);
        metrics.inFlightGauge(inFlightCount::get);
    }

    /**
     * Starts reading; the future completes once the group has assigned this reader its
     * partitions and their starting positions are fixed (at once when no target is configured).
     */
    public Future<Void> start() {
        if (!settings.enabled()) {
            LOG.info("no alert webhook configured: violation alerts are off");
            ready.tryComplete();
            return ready.future();
        }
        LOG.info("violation alerts to {}", settings.targets());
        thread.start();
        return ready.future();
    }

    /** Alerts being delivered now. */
    public int inFlight() {
        return inFlightCount.get();
    }

    private void run() {
        try {
            Properties properties = kafka.consumer(thread.getName(), settings.consumerGroup());
            // A group with no committed offset starts at the end by default: the topic is compacted and holds every
            // certificate's latest verdict, so a fresh install reading it from the start would alert about every old
            // VIOLATION at once, burying the next real one. Old violations are on the dashboard; an existing group
            // resumes from its commit whatever this says.
            properties.put("auto.offset.reset", settings.autoOffsetReset());
            properties.put("partition.assignment.strategy", CooperativeStickyAssignor.class.getName());
            consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            partitions = new AssignedPartitions(consumer, ready::tryComplete);
            consumer.subscribe(List.of(Topics.VERDICTS.name()), partitions);
            while (!closing) {
                drainFinished(0);
                pauseWhileFull();
                Set<TopicPartition> deferred = new HashSet<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (deferred.contains(partition)) {
                        continue;
                    }
                    if (inFlight.size() >= settings.maxInFlight()) {
                        consumer.seek(partition, record.offset()); // read again once there is room: the bound is exact
                        deferred.add(partition);
                        continue;
                    }
                    handle(partition, record);
                }
                drainFinished(0);
                partitions.commitAll(false);
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("violation alerts stopped reading {}: {}", Topics.VERDICTS.name(), e.toString(), e);
            ready.tryFail(e);
        } finally {
            shutdown();
        }
    }

    private void handle(TopicPartition partition, ConsumerRecord<byte[], byte[]> record) {
        PartitionProgress at = partitions.of(partition);
        at.read(record.offset());
        if (at.finishedBefore(record.offset())) {
            return; // delivered (or given up) before a restart or rebalance: the commit's metadata says so
        }
        VerdictRecord verdict;
        try {
            verdict = Topics.VERDICTS.value(record.value());
        } catch (RuntimeException e) {
            metrics.rejected("malformed-record", partition + " offset " + record.offset() + ": " + e.getMessage());
            return;
        }
        if (verdict == null || !verdict.newViolation()) {
            return; // a tombstone, or no change worth an alert (still a violation, or not one)
        }
        AlertMessage message = AlertMessage.of(verdict, settings.publicBaseUrl());
        String key = message.idempotencyKey();
        Waiter waiter = new Waiter(partition, record.offset());
        if (delivered.contains(key)) {
            metrics.duplicate();
            at.finished(record.offset());
            return;
        }
        at.started(record.offset());
        List<Waiter> waiting = inFlight.get(key);
        if (waiting != null) {
            metrics.duplicate();
            waiting.add(waiter); // committed once the delivery already under way finishes
            return;
        }
        metrics.violation();
        inFlight.put(key, new ArrayList<>(List.of(waiter)));
        inFlightCount.set(inFlight.size());
        List<Future<Delivery>> deliveries = settings.targets().stream().map(target -> sender.send(target, message)).toList();
        Future.join(deliveries).onComplete(ar -> finishedQueue.add(new Finished(key, deliveries.stream().map(Future::result).toList())));
    }

    /** Applies delivery results, waiting up to {@code waitMs} for the first. */
    private void drainFinished(long waitMs) {
        try {
            Finished next = waitMs > 0 ? finishedQueue.poll(waitMs, TimeUnit.MILLISECONDS) : finishedQueue.poll();
            while (next != null) {
                List<Waiter> waiters = inFlight.remove(next.key());
                inFlightCount.set(inFlight.size());
                if (waiters != null && next.deliveries().stream().allMatch(Delivery::finished)) {
                    delivered.add(next.key());
                    waiters.forEach(w -> partitions.finished(w.partition(), w.offset()));
                } // abandoned at shutdown: stays pending, so uncommitted, so sent after the next start
                next = finishedQueue.poll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Bounds the alerts in flight: a receiver down for minutes makes the reader wait, not the heap grow. */
    private void pauseWhileFull() {
        boolean full = inFlight.size() >= settings.maxInFlight();
        if (full) {
            consumer.pause(consumer.assignment()); // also pauses partitions assigned since the last pause
            paused = true;
        } else if (paused) {
            consumer.resume(consumer.paused());
            paused = false;
        }
    }

    /** Waits a bounded time for deliveries in flight, abandons the rest (uncommitted), commits, leaves the group. */
    private void shutdown() {
        try {
            if (consumer == null) {
                return;
            }
            long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
            while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
                drainFinished(Math.max(1, Math.min(100, (deadline - System.nanoTime()) / 1_000_000)));
            }
            if (!inFlight.isEmpty()) {
                LOG.warn("{} alerts still being delivered at shutdown: they are sent again after the next start", inFlight.size());
            }
            sender.abandon();
            if (partitions != null) {
                partitions.commitAll(true);
            }
        } finally {
            sender.close();
            if (consumer != null) {
                try {
                    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
                } catch (RuntimeException e) {
                    LOG.debug("closing the alerts consumer: {}", e.toString());
                }
            }
            ready.tryFail("closed before it started");
        }
    }

    /**
     * Stops reading: waits up to {@code closeTimeout} for deliveries in flight, commits what was
     * delivered, and leaves the group. Alerts still undelivered are sent after the next start.
     */
    @Override
    public void close() {
        closing = true;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread.isAlive()) {
            try {
                thread.join(settings.closeTimeout().toMillis() + 30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            sender.close();
        }
    }
}
