package dev.ocspwatch.app.bench;

import dev.ocspwatch.collector.metrics.CollectorMetrics;
import dev.ocspwatch.collector.service.CollectorService;
import dev.ocspwatch.collector.service.CollectorStreamsSettings;
import dev.ocspwatch.collector.verdict.DecisionSettings;
import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The collector's throughput phase: topics preloaded once, then per run a plain consumer reading
 * every observation and a fresh collector (its own application id, consumer group, changelogs
 * and state directory) reading both topics from the start until its committed offsets reach
 * their ends.
 */
final class CollectorThroughput {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private CollectorThroughput() {
    }

    /** A timed pass: wall and process CPU seconds, and for the collector start-up, the time to state and its stream threads' CPU. */
    record Pass(double seconds, double cpuSeconds, double startSeconds, double stateSeconds, long records, long bytes,
                double streamCpuSeconds) {
        double perSecond() {
            return records / seconds;
        }

        double coresBusy() {
            return cpuSeconds / seconds;
        }
    }

    /**
     * Certificates first, then observations in rounds (every certificate's first probe, then
     * every certificate's second...), as time orders them on the real topics. Idempotent producer.
     */
    static void preload(KafkaSettings kafka, CollectorLoad load, int certificates, int perCertificate, Instant published) {
        Properties p = kafka.producer("bench-preload");
        p.put("batch.size", Integer.toString(256 * 1024));
        p.put("linger.ms", "20");
        p.put("request.timeout.ms", "120000"); // the broker shares 2 cores with everything: a slow append is not a failure
        p.put("delivery.timeout.ms", "600000");
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int c = 0; c < certificates; c++) {
                producer.send(Topics.CERTIFICATES.record(load.certificateId(c), load.certificate(c, published)), (m, e) -> keep(failure, e));
            }
            Duration deadline = DecisionSettings.DEFAULT.deadline();
            for (int k = 0; k < perCertificate; k++) {
                for (int c = 0; c < certificates; c++) {
                    producer.send(Topics.OBSERVATIONS.record(load.certificateId(c), load.observation(c, k, published, deadline)),
                            (m, e) -> keep(failure, e));
                }
                producer.flush(); // a round at a time: bounded in flight
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("preloading failed: " + failure.get(), failure.get());
        }
    }

    private static void keep(AtomicReference<Exception> failure, Exception e) {
        if (e != null) {
            failure.compareAndSet(null, e);
        }
    }

    /**
     * A plain {@code KafkaConsumer<byte[], byte[]>}, read_committed, assigned every partition of the observations topic;
     * with {@code parse}, each value is also read into an {@link dev.ocspwatch.common.kafka.Observation} (Jackson), as the collector's intake does.
     */
    static Pass rawRead(KafkaSettings kafka, long expected, boolean parse) {
        long cpuStart = OS.getProcessCpuTime();
        long start = System.nanoTime();
        long records = 0;
        long bytes = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumer("bench-raw", null), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.OBSERVATIONS.name()).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long until = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (records < expected) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("the plain consumer read " + records + " of " + expected + " observations in 5 minutes");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    records++;
                    bytes += record.serializedKeySize() + record.serializedValueSize();
                    if (parse && Topics.OBSERVATIONS.value(record.value()) == null) {
                        throw new IllegalStateException("an observation without a value");
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Pass(seconds, (OS.getProcessCpuTime() - cpuStart) / 1e9, 0, seconds, records, bytes, 0);
    }

    /**
     * A fresh collector from {@code start()} until its consumer group's committed offsets reach
     * the end of both input topics (exactly-once: committed means in state and in the changelogs,
     * one transaction); the time to state is when its observations counter reached {@code expected}.
     * Returns with the collector closed cleanly (RocksDB flushed), its state left in {@code stateDirectory}.
     */
    static Pass collector(Admin admin, KafkaSettings kafka, String applicationId, Path stateDirectory, int threads, long expected)
            throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(admin);
        CollectorMetrics metrics = new CollectorMetrics(new SimpleMeterRegistry());
        CollectorService service = new CollectorService(new CollectorStreamsSettings(applicationId, stateDirectory, threads, 1, 0, null), kafka,
                DecisionSettings.DEFAULT, metrics);
        try {
            long cpuStart = OS.getProcessCpuTime();
            long start = System.nanoTime();
            service.start();
            if (!service.awaitRunning(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the collector did not start: " + service.state());
            }
            double startSeconds = (System.nanoTime() - start) / 1e9;
            long until = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (metrics.observationCount() < expected) {
                check(until, service, metrics.observationCount() + " of " + expected + " observations taken into state");
                Thread.sleep(5); // a benchmark command, not a test: polling the collector's counter is fine here
            }
            double stateSeconds = (System.nanoTime() - start) / 1e9;
            while (!committed(admin, applicationId, ends)) {
                check(until, service, "offsets not committed to the end");
                Thread.sleep(10); // a benchmark command, not a test
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (OS.getProcessCpuTime() - cpuStart) / 1e9;
            if (metrics.observationCount() != expected || metrics.duplicateCount() > 0) {
                throw new IllegalStateException("the collector took " + metrics.observationCount() + " observations into state, "
                        + metrics.duplicateCount() + " duplicates; expected " + expected);
            }
            return new Pass(seconds, cpuSeconds, startSeconds, stateSeconds, expected, 0, streamThreadsCpu(applicationId));
        } finally {
            service.close(Duration.ofSeconds(60));
        }
    }

    /** CPU seconds of the application's stream threads so far (they started with it). */
    private static double streamThreadsCpu(String applicationId) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(applicationId + "-") && t.getName().contains("-StreamThread-") && !t.getName().endsWith("-producer")) {
                nanos += Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        return nanos / 1e9;
    }

    private static void check(long until, CollectorService service, String progress) {
        if (System.nanoTime() > until) {
            throw new IllegalStateException("the collector did not finish in 10 minutes: " + progress + ", state " + service.state());
        }
    }

    static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String topic : List.of(Topics.CERTIFICATES.name(), Topics.OBSERVATIONS.name())) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
            for (int i = 0; i < partitions; i++) {
                request.put(new TopicPartition(topic, i), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private static boolean committed(Admin admin, String group, Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        List<TopicPartition> behind = new ArrayList<>();
        ends.forEach((tp, end) -> {
            OffsetAndMetadata at = offsets.get(tp);
            if (end > 0 && (at == null || at.offset() < end)) {
                behind.add(tp);
            }
        });
        return behind.isEmpty();
    }
}
