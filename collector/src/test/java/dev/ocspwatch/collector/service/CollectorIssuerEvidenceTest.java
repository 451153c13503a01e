package dev.ocspwatch.collector.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.collector.evidence.EvidenceBundle;
import dev.ocspwatch.collector.metrics.CollectorMetrics;
import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.collector.verdict.DecisionSettings;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.IssuerRecord;
import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.Topic;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.lab.kafka.InProcessKafka;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.pki.SimulatedCa;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real in-process broker: the collector reads {@code ocspwatch.issuers} into its global
 * store and a certificate's evidence carries its issuer's certificate, looked up by the issuer
 * SPKI hash of its record, so the bundle ships {@code issuer.pem}. A certificate whose issuer
 * was never published still has evidence, without one.
 */
class CollectorIssuerEvidenceTest {
    private static final String URL = "http://ocsp.example.test/";

    @Test
    void evidenceCarriesTheIssuerDiscoveryPublished(@TempDir Path dir) throws Exception {
        Instant now = Instant.now();
        SimulatedCa root = SimulatedCa.root("Evidence Issuer Root", KeyKind.ECDSA_P256, now.minus(Duration.ofDays(1)), new Random(7));
        SimulatedCa issuing = root.intermediate("Evidence Issuer CA", KeyKind.ECDSA_P256, now.minus(Duration.ofDays(1)),
                List.of(), List.of());
        byte[] der = issuing.certificate().getEncoded();
        String spki = issuing.asIssuer().spkiSha256();
        IssuerRecord issuer = new IssuerRecord(spki, "CN=Evidence Issuer CA", Base64.getEncoder().encodeToString(der));
        String known = spki + ":1a2b";
        String unknownIssuer = "c".repeat(64);
        String orphan = unknownIssuer + ":3c4d";

        try (InProcessKafka kafka = InProcessKafka.startTemporary();
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaSettings.of(kafka.bootstrapServers())
                     .producer("issuer-evidence-test"), new ByteArraySerializer(), new ByteArraySerializer())) {
            kafka.createTopics(Topics.collector().stream().map(t -> t.spec(2)).toList());
            send(producer, Topics.ISSUERS, spki, issuer);
            send(producer, Topics.CERTIFICATES, known, certificate(known, spki, now));
            send(producer, Topics.CERTIFICATES, orphan, certificate(orphan, unknownIssuer, now));
            try (CollectorService collector = new CollectorService(new CollectorStreamsSettings("issuer-evidence", dir, 1, 1, 0, null),
                    KafkaSettings.of(kafka.bootstrapServers()), DecisionSettings.DEFAULT,
                    new CollectorMetrics(new SimpleMeterRegistry()))) {
                collector.start();
                assertTrue(collector.awaitRunning(Duration.ofSeconds(60)), "not RUNNING: " + collector.state());

                CertificateEvidence evidence = await(() -> collector.view().certificate(known)
                        .filter(e -> e.certificate() != null && e.issuer() != null), "evidence with its issuer for " + known);
                CertificateEvidence without = await(() -> collector.view().certificate(orphan), "evidence for " + orphan);

                assertEquals(issuer, evidence.issuer());
                assertNull(without.issuer(), "no issuer was published for " + unknownIssuer);
                String pem = new String(entry(EvidenceBundle.zip(evidence, "test"), "/issuer.pem"), StandardCharsets.US_ASCII);
                assertArrayEquals(der, Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "")));
                assertFalse(names(EvidenceBundle.zip(without, "test")).stream().anyMatch(n -> n.endsWith("/issuer.pem")));
            }
        }
    }

    private static CertificateRecord certificate(String id, String issuerSpki, Instant published) {
        return new CertificateRecord(id, id.substring(65), issuerSpki, "CN=leaf.example.test", "CN=Evidence Issuer CA", false,
                published.toEpochMilli(), "bG9n", "log", 1, null, null, List.of("leaf.example.test"), List.of(URL), List.of(), published);
    }

    private static <K, V> void send(KafkaProducer<byte[], byte[]> producer, Topic<K, V> topic, K key, V value) throws Exception {
        producer.send(topic.record(key, value)).get(30, TimeUnit.SECONDS);
    }

    /** Re-checks every few milliseconds (a bounded wait on a lock nobody notifies) until present, or fails after 60 s. */
    private static <T> T await(Supplier<Optional<T>> probe, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Object lock = new Object();
        while (true) {
            Optional<T> value;
            try {
                value = probe.get();
            } catch (RuntimeException e) {
                value = Optional.empty(); // stores still being restored
            }
            if (value.isPresent()) {
                return value.get();
            }
            assertTrue(System.nanoTime() < deadline, "not within 60 s: " + what);
            synchronized (lock) {
                lock.wait(10);
            }
        }
    }

    private static List<String> names(byte[] zip) throws IOException {
        List<String> names = new java.util.ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    private static byte[] entry(byte[] zip, String suffix) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().endsWith(suffix)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError("no " + suffix + " in the bundle");
    }
}
