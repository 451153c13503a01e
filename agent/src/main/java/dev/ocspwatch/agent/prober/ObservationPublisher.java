package dev.ocspwatch.agent.prober;

import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.Topics;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends observations to {@code ocspwatch.observations} from its own thread, so a Kafka that is
 * away (a producer blocking on metadata, batches expiring) never touches the event loop. An
 * observation is held from {@link #publish} until the brokers acknowledge it; one whose send
 * fails goes back to the front of the queue and is sent again after a pause, so nothing is lost
 * while the agent runs (delivery is at-least-once; each observation carries a unique id). The
 * queue is ordered by publication, so sends that failed go again in the order they were first
 * published (producer callbacks report failures in any order), ahead of anything newer. The
 * bound is on what is held: when full, the scheduler starts no probe and reading pauses.
 */
final class ObservationPublisher implements ObservationSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ObservationPublisher.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final Producer<byte[], byte[]> producer;
    private final int capacity;
    private final PriorityBlockingQueue<Pending> queue = new PriorityBlockingQueue<>(64, Comparator.comparingLong(Pending::sequence));
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final Thread thread;
    private volatile boolean closing;
    private volatile long pauseUntilNanos;
    private volatile boolean failing;

    private record Pending(long sequence, Observation observation) {
    }

    ObservationPublisher(Producer<byte[], byte[]> producer, int capacity) {
        this.producer = producer;
        this.capacity = capacity;
        this.thread = new Thread(this::run, "ocspwatch-observation-publisher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void publish(Observation observation) {
        held.incrementAndGet();
        queue.add(new Pending(sequence.getAndIncrement(), observation));
    }

    @Override
    public boolean full() {
        return held.get() >= capacity;
    }

    /** Observations taken and not yet acknowledged. */
    int held() {
        return held.get();
    }

    int capacity() {
        return capacity;
    }

    long sent() {
        return sent.get();
    }

    /** Sends that failed and were queued again. */
    long retried() {
        return retried.get();
    }

    private void run() {
        while (!closing || !queue.isEmpty()) {
            try {
                long pause = pauseUntilNanos - System.nanoTime();
                if (pause > 0) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(pause, 100_000_000L)); // the publisher's own thread: backing off from a failing Kafka
                    continue;
                }
                Pending next = queue.poll(100, TimeUnit.MILLISECONDS);
                if (next != null && pauseUntilNanos - System.nanoTime() > 0) {
                    queue.add(next); // a send failed while this thread waited: back off first, then go in order
                } else if (next != null) {
                    send(next);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void send(Pending pending) {
        Observation observation = pending.observation();
        ProducerRecord<byte[], byte[]> record;
        try {
            record = Topics.OBSERVATIONS.record(observation.certificateId(), observation);
        } catch (RuntimeException e) {
            // Cannot happen for a record the agent built; if it does, it is counted and logged, not retried forever.
            held.decrementAndGet();
            LOG.error("cannot serialize observation {} of {}: {}", observation.observationId(), observation.certificateId(), e.toString());
            return;
        }
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    held.decrementAndGet();
                    sent.incrementAndGet();
                    if (failing) {
                        failing = false;
                        LOG.info("observations reach Kafka again ({} held)", held.get());
                    }
                } else {
                    requeue(pending, error);
                }
            });
        } catch (RuntimeException e) {
            requeue(pending, e); // send() itself gave up (metadata never came, producer fenced or closed)
        }
    }

    private void requeue(Pending pending, Exception error) {
        retried.incrementAndGet();
        pauseUntilNanos = System.nanoTime() + RETRY_PAUSE.toNanos(); // before it is queued, or it could be taken back at once
        queue.add(pending);
        if (!failing) {
            failing = true;
            LOG.warn("observations cannot reach Kafka, holding them and trying again: {}", error.toString());
        }
    }

    /** Sends what is held for up to {@code timeout}, then closes; what could not be sent is logged with its count. */
    void close(Duration timeout) {
        closing = true;
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
        producer.close(timeout);
        if (held.get() > 0) {
            LOG.warn("{} observations were not acknowledged by Kafka before shutdown; a restart probes those certificates again",
                    held.get());
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
