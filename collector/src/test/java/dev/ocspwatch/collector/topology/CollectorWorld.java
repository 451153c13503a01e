package dev.ocspwatch.collector.topology;

import dev.ocspwatch.collector.metrics.CollectorMetrics;
import dev.ocspwatch.collector.verdict.DecisionSettings;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.outcome.OutcomeGroup;
import dev.ocspwatch.common.probe.ProbeResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The collector's topology in a TopologyTestDriver with a wall clock the test advances: records
 * are piped with the timestamps a test gives them, as agents and discovery would have produced them.
 */
final class CollectorWorld implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final String ISSUER = "a".repeat(64);
    static final String URL = "http://ocsp.example.test/";
    private static final AtomicLong IDS = new AtomicLong();

    final TopologyTestDriver driver;
    final CollectorMetrics metrics = new CollectorMetrics(new SimpleMeterRegistry());
    final TestInputTopic<String, CertificateRecord> certificates;
    final TestInputTopic<String, Observation> observations;
    final TestInputTopic<String, byte[]> rawCertificates;
    final TestInputTopic<String, byte[]> rawObservations;
    final TestOutputTopic<String, VerdictRecord> verdicts;
    final DecisionSettings settings;
    private Instant now = T0;

    CollectorWorld(DecisionSettings settings, Path stateDir) {
        this.settings = settings;
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "collector-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(CollectorTopology.build(settings, metrics), props, T0);
        certificates = driver.createInputTopic(Topics.CERTIFICATES.name(), new StringSerializer(), Topics.CERTIFICATES.valueSerde().serializer());
        observations = driver.createInputTopic(Topics.OBSERVATIONS.name(), new StringSerializer(), Topics.OBSERVATIONS.valueSerde().serializer());
        rawCertificates = driver.createInputTopic(Topics.CERTIFICATES.name(), new StringSerializer(), new ByteArraySerializer());
        rawObservations = driver.createInputTopic(Topics.OBSERVATIONS.name(), new StringSerializer(), new ByteArraySerializer());
        verdicts = driver.createOutputTopic(Topics.VERDICTS.name(), new StringDeserializer(), Topics.VERDICTS.valueSerde().deserializer());
    }

    static String id(long serial) {
        return ISSUER + ":" + Long.toHexString(serial);
    }

    static CertificateRecord certificate(String id, Instant publishedAt, List<String> urls) {
        String serial = id.substring(id.indexOf(':') + 1);
        return new CertificateRecord(id, serial, ISSUER, "CN=" + serial + ".example.test", "CN=Test CA", false, publishedAt.toEpochMilli(),
                "bG9n", "test-log", 7, null, null, List.of(serial + ".example.test"), urls, List.of(), publishedAt.plusSeconds(2));
    }

    /** Discovery publishes the certificate, two seconds after its CT timestamp. */
    void publish(String id, Instant publishedAt) {
        publish(certificate(id, publishedAt, List.of(URL)), publishedAt.plusSeconds(2));
    }

    void publish(CertificateRecord record, Instant at) {
        certificates.pipeInput(record.certificateId(), record, at);
    }

    static Observation observation(String id, Instant publishedAt, String region, Instant sentAt, Outcome outcome, String method) {
        boolean answered = outcome.group() != OutcomeGroup.TRANSPORT && outcome.group() != OutcomeGroup.POLICY;
        ProbeResult probe = new ProbeResult(URL, URL, method, "standard", "sha1", id.substring(id.indexOf(':') + 1), sentAt,
                List.of("192.0.2.1"), answered ? "192.0.2.1:80" : null, List.of(), null, answered ? 200 : null,
                answered ? Map.of("cache-control", "max-age=300") : Map.of(), answered ? 471 : null, outcome, "test " + outcome, null,
                List.of(), "MEUwQw==", answered ? "MIIB" : null);
        ProbeKind kind = sentAt.isBefore(publishedAt.plus(Duration.ofMinutes(15))) ? ProbeKind.UNTIL_AUTHORITATIVE : ProbeKind.DEADLINE;
        return new Observation("obs-" + IDS.incrementAndGet(), id, ISSUER, region, region + "-1", kind, publishedAt,
                publishedAt.plus(Duration.ofMinutes(15)), sentAt, false, probe);
    }

    /** An agent in {@code region} probed at {@code sentAt} and published at once. */
    Observation probe(String id, Instant publishedAt, String region, Instant sentAt, Outcome outcome) {
        return probe(id, publishedAt, region, sentAt, outcome, "POST");
    }

    Observation probe(String id, Instant publishedAt, String region, Instant sentAt, Outcome outcome, String method) {
        Observation o = observation(id, publishedAt, region, sentAt, outcome, method);
        observations.pipeInput(id, o, sentAt.plusMillis(150));
        return o;
    }

    /** Moves the wall clock to {@code at} (punctuating on the way). */
    void clockTo(Instant at) {
        if (at.isAfter(now)) {
            driver.advanceWallClockTime(Duration.between(now, at));
            now = at;
        }
    }

    Instant now() {
        return now;
    }

    List<VerdictRecord> emitted() {
        return verdicts.readValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
