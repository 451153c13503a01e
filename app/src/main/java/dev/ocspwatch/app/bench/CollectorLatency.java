package dev.ocspwatch.app.bench;

import dev.ocspwatch.collector.metrics.CollectorMetrics;
import dev.ocspwatch.collector.service.CollectorService;
import dev.ocspwatch.collector.service.CollectorStreamsSettings;
import dev.ocspwatch.collector.verdict.DecisionSettings;
import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.verdict.DecisionStage;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Decision latency: a running collector while certificates are published live, each with its
 * discovery probes, its deadline probes (GET and POST from every region, sent just after the
 * deadline) and watch probes every 3 s, so input never pauses; first decisions fall due spread
 * over the run. Per certificate: the verdict record's timestamp (when the punctuator decided) and
 * its arrival at a read_committed consumer (when a reader can see it), each minus the due time
 * {@code deadline + grace} taken from the record itself.
 */
final class CollectorLatency {
    private static final long WATCH_EVERY_MS = 3_000;

    private CollectorLatency() {
    }

    record Result(int certificates, int decided, List<Long> decidedMs, List<Long> visibleMs, HistogramSnapshot timer, long records,
                  double seconds, long maxSendLagMs) {
    }

    private record Event(long atMs, ProducerRecord<byte[], byte[]> record) {
    }

    static Result run(KafkaSettings kafka, Path stateDirectory, DecisionSettings decisions, CollectorLoad load, int certificates,
                      Duration spread) throws Exception {
        CollectorMetrics metrics = new CollectorMetrics(new SimpleMeterRegistry());
        try (CollectorService service = new CollectorService(new CollectorStreamsSettings("bench-latency", stateDirectory, 1, 1, 0, null),
                kafka, decisions, metrics);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producer("bench-live"), new ByteArraySerializer(),
                     new ByteArraySerializer());
             KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(kafka.consumer("bench-verdicts", null), new ByteArrayDeserializer(),
                     new ByteArrayDeserializer())) {
            service.start();
            if (!service.awaitRunning(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the collector did not start: " + service.state());
            }
            List<TopicPartition> partitions = reader.partitionsFor(Topics.VERDICTS.name()).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            reader.poll(Duration.ofMillis(100));

            long t0 = System.currentTimeMillis() + 1_000;
            List<Event> events = schedule(load, decisions, certificates, spread, t0);
            long lastDue = t0 + spread.toMillis() + decisions.deadline().plus(decisions.grace()).toMillis();
            Map<String, Long> decided = new HashMap<>();
            Map<String, Long> visible = new HashMap<>();
            AtomicLong maxLag = new AtomicLong();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread publisher = new Thread(() -> publish(producer, events, maxLag), "bench-live-publisher");
            publisher.setUncaughtExceptionHandler((t, e) -> failed.set(e));
            publisher.start();
            long until = lastDue + 30_000;
            while (decided.size() < certificates && System.currentTimeMillis() < until) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(20))) {
                    long arrived = System.currentTimeMillis();
                    VerdictRecord v = Topics.VERDICTS.value(record.value());
                    if (v.stage() == DecisionStage.DEADLINE && !decided.containsKey(v.certificateId())) {
                        long due = v.deadline().plus(decisions.grace()).toEpochMilli();
                        decided.put(v.certificateId(), record.timestamp() - due);
                        visible.put(v.certificateId(), arrived - due);
                    }
                }
            }
            publisher.join(60_000);
            if (failed.get() != null) {
                throw new IllegalStateException("the live publisher failed: " + failed.get(), failed.get());
            }
            return new Result(certificates, decided.size(), new ArrayList<>(decided.values()), new ArrayList<>(visible.values()),
                    metrics.decisionLatency().takeSnapshot(), events.size(), (events.get(events.size() - 1).atMs() - t0) / 1e3, maxLag.get());
        }
    }

    /** Sends each record at its time, noting how far behind schedule it got at worst: latency is honest only if it kept up. */
    private static void publish(KafkaProducer<byte[], byte[]> producer, List<Event> events, AtomicLong maxLag) {
        try {
            for (Event e : events) {
                long wait = e.atMs() - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait); // the load's own schedule
                }
                maxLag.accumulateAndGet(System.currentTimeMillis() - e.atMs(), Math::max);
                producer.send(e.record());
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Certificate {@code i} is published at {@code t0 + i * spread / n} (its CT timestamp), found
     * at once; three discovery probes 200 ms later; at its deadline six probes (GET and POST per
     * region) within 250 ms, before the grace ends; then one watch probe every 3 s, regions in
     * turn, until 5 s after the last first decision is due. One certificate in 20 gets
     * {@code unknown} from one region at the deadline (a violation).
     */
    private static List<Event> schedule(CollectorLoad load, DecisionSettings decisions, int n, Duration spread, long t0) {
        List<Event> events = new ArrayList<>();
        long deadline = decisions.deadline().toMillis();
        long end = t0 + spread.toMillis() + deadline + decisions.grace().toMillis() + 5_000;
        for (int c = 0; c < n; c++) {
            long published = t0 + c * spread.toMillis() / n;
            Instant at = Instant.ofEpochMilli(published);
            String id = load.certificateId(c);
            events.add(new Event(published, Topics.CERTIFICATES.record(id, load.certificate(c, at))));
            for (int r = 0; r < CollectorLoad.REGIONS.size(); r++) {
                long sent = published + 200 + 20L * r;
                events.add(event(load, c, at, decisions, r, ProbeKind.DISCOVERY, "GET", sent, c % 10 < 3 ? Outcome.UNKNOWN : Outcome.GOOD));
                for (String method : List.of("GET", "POST")) {
                    sent = published + deadline + 50 + 20L * r + (method.equals("POST") ? 100 : 0);
                    events.add(event(load, c, at, decisions, r, ProbeKind.DEADLINE, method, sent,
                            c % 20 == 3 && r == 2 ? Outcome.UNKNOWN : Outcome.GOOD));
                }
            }
            int k = 0;
            for (long sent = published + deadline + WATCH_EVERY_MS; sent < end; sent += WATCH_EVERY_MS) {
                events.add(event(load, c, at, decisions, k++ % CollectorLoad.REGIONS.size(), ProbeKind.WATCH, "GET", sent, Outcome.GOOD));
            }
        }
        events.sort(Comparator.comparingLong(Event::atMs));
        return events;
    }

    private static Event event(CollectorLoad load, int c, Instant published, DecisionSettings decisions, int region, ProbeKind kind,
                               String method, long sentMs, Outcome outcome) {
        return new Event(sentMs, Topics.OBSERVATIONS.record(load.certificateId(c), load.observation(c, published, decisions.deadline(),
                CollectorLoad.REGIONS.get(region), kind, method, Instant.ofEpochMilli(sentMs), outcome)));
    }

    static double timerMs(HistogramSnapshot snapshot, double percentile) {
        for (ValueAtPercentile v : snapshot.percentileValues()) {
            if (Math.abs(v.percentile() - percentile) < 1e-9) {
                return v.value(TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }
}
