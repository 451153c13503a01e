package dev.ocspwatch.agent.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.agent.testing.Signal;
import dev.ocspwatch.common.ct.LogKey;
import dev.ocspwatch.common.ct.LoggedCertificate;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.IssuerRecord;
import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.LogCheckpoint;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.lab.kafka.InProcessKafka;
import dev.ocspwatch.lab.pki.Der;
import dev.ocspwatch.lab.pki.KeyKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Discovery's sink against a real in-process broker: what goes to which topic, once, in which order, and the checkpoint after. */
class DiscoveryPublisherTest {
    static InProcessKafka kafka;
    static Vertx vertx;
    static KafkaProducer<byte[], byte[]> producer;
    static CheckpointStore store;
    static final Entries entries = new Entries();

    @BeforeAll
    static void start() {
        kafka = InProcessKafka.startTemporary();
        KafkaRecords.createTopics(kafka);
        vertx = Vertx.vertx();
        KafkaSettings settings = KafkaSettings.of(kafka.bootstrapServers());
        producer = new KafkaProducer<>(settings.producer("publisher-test"), new ByteArraySerializer(), new ByteArraySerializer());
        store = new CheckpointStore(settings, producer);
    }

    @AfterAll
    static void stop() throws Exception {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        LogProxy.join(vertx.close());
        kafka.close();
    }

    static CtLog log(String name) {
        try {
            LogKey key = LogKey.fromSpki(KeyKind.ECDSA_P256.generate().getPublic().getEncoded());
            return new CtLog(name, key.logId(), key.publicKey(), CtApi.RFC6962, "http://" + name + ".test/", null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    record Publisher(DiscoveryPublisher sink, SimpleMeterRegistry registry) {
        /** Hands a batch over and waits for it to be accepted, and for its checkpoint to reach the broker too. */
        void accept(Batch batch) {
            LogProxy.join(sink.accept(batch));
            producer.flush(); // the checkpoint is sent once the batch is acknowledged, but not waited for
        }

        double count(String name, String... tags) {
            Counter counter = registry.find(name).tags(tags).counter();
            return counter == null ? 0 : counter.count();
        }
    }

    static Publisher publisher(DiscoveryFilter filter) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        return new Publisher(new DiscoveryPublisher(vertx, producer, store, filter, new RecentIds(1000),
                new DiscoveryMetrics(registry, Clock.systemUTC()), Clock.systemUTC()), registry);
    }

    static List<KafkaRecords.Read<CertificateRecord>> certificates(Set<String> ids) {
        return KafkaRecords.readAll(kafka, Topics.CERTIFICATES).stream().filter(r -> ids.contains(r.key())).toList();
    }

    static List<KafkaRecords.Read<IssuerRecord>> issuers(Set<String> spkiHashes) {
        return KafkaRecords.readAll(kafka, Topics.ISSUERS).stream().filter(r -> spkiHashes.contains(r.key())).toList();
    }

    @Test
    void publishesEachCertificateKeyedByItsIdWithItsFactsAndCheckpointsAfterTheBatch() {
        TestCa ca = new TestCa("pub-facts", 101);
        CtLog log = log("pub-facts-log");
        BigInteger precertSerial = ca.nextSerial();
        BigInteger certSerial = ca.nextSerial();
        long t0 = 1_750_000_000_000L;
        List<LoggedCertificate> logged = List.of(entries.of(ca, precertSerial, true, t0, 10),
                entries.of(ca, certSerial, false, t0 + 5, 11));
        Publisher publisher = publisher(DiscoveryFilter.ALL);
        Instant before = Instant.now();
        publisher.accept(Entries.batch(log, 10, logged, List.of(), 40));

        Map<String, CertificateRecord> byKey = certificates(Set.of(ca.certificateId(precertSerial), ca.certificateId(certSerial)))
                .stream().collect(Collectors.toMap(KafkaRecords.Read::key, KafkaRecords.Read::value));
        assertEquals(2, byKey.size());
        CertificateRecord precert = byKey.get(ca.certificateId(precertSerial));
        assertEquals(ca.certificateId(precertSerial), precert.certificateId());
        assertEquals(precertSerial.toString(16), precert.serial());
        assertEquals(ca.spkiSha256(), precert.issuerSpkiSha256());
        assertTrue(precert.precert());
        assertEquals(t0, precert.timestamp());
        assertEquals(10, precert.logIndex());
        assertEquals(log.name(), precert.logName());
        assertEquals(log.logId().base64(), precert.logId());
        assertEquals(List.of(ca.ocspUrl()), precert.ocspUrls());
        assertEquals(List.of(ca.crlUrl()), precert.crlUrls());
        assertEquals(List.of(ca.dnsName(precertSerial)), precert.dnsNames());
        assertEquals(TestCa.NOT_BEFORE, precert.notBefore());
        assertEquals(TestCa.NOT_BEFORE.plus(TestCa.VALIDITY), precert.notAfter());
        assertTrue(precert.issuerSubject().contains("pub-facts Issuing CA"), precert.issuerSubject());
        assertFalse(precert.discoveredAt().isBefore(before.minusSeconds(1)));
        CertificateRecord cert = byKey.get(ca.certificateId(certSerial));
        assertFalse(cert.precert());
        assertEquals(11, cert.logIndex());
        assertEquals(t0 + 5, cert.timestamp());

        LogCheckpoint checkpoint = store.load().get(log.logId().base64());
        assertNotNull(checkpoint, "a checkpoint for the log after the batch");
        assertEquals(12, checkpoint.nextIndex());
        assertEquals(40, checkpoint.treeSize());
        assertEquals(log.name(), checkpoint.logName());
        assertEquals(log.url(), checkpoint.url());
        assertEquals(2, publisher.count("ocspwatch_discovery_published", "log", log.name()));
        assertEquals(2, publisher.count("ocspwatch_discovery_entries", "log", log.name()));
    }

    @Test
    void publishesEachIssuerOnceAndBeforeTheFirstCertificateThatNeedsIt() {
        TestCa first = new TestCa("pub-issuer-a", 102);
        TestCa second = new TestCa("pub-issuer-b", 103);
        CtLog log = log("pub-issuers-log");
        Publisher publisher = publisher(DiscoveryFilter.ALL);
        List<String> ids = new ArrayList<>();
        long index = 0;
        for (int batch = 0; batch < 3; batch++) {
            List<LoggedCertificate> logged = new ArrayList<>();
            for (TestCa ca : batch == 0 ? List.of(first) : List.of(first, second)) {
                BigInteger serial = ca.nextSerial();
                ids.add(ca.certificateId(serial));
                logged.add(entries.of(ca, serial, true, 1_750_000_000_000L + index, index++));
            }
            publisher.accept(Entries.batch(log, index - logged.size(), logged, List.of(), index));
        }

        List<KafkaRecords.Read<IssuerRecord>> issuers = issuers(Set.of(first.spkiSha256(), second.spkiSha256()));
        assertEquals(2, issuers.size(), "each issuer once: " + issuers);
        List<KafkaRecords.Read<CertificateRecord>> certificates = certificates(Set.copyOf(ids));
        assertEquals(5, certificates.size());
        for (TestCa ca : List.of(first, second)) {
            KafkaRecords.Read<IssuerRecord> issuer = issuers.stream().filter(r -> r.key().equals(ca.spkiSha256())).findFirst().orElseThrow();
            assertEquals(ca.spkiSha256(), issuer.value().issuerSpkiSha256());
            assertEquals(Base64.getEncoder().encodeToString(Der.of(ca.ca.certificate())), issuer.value().certificate());
            assertTrue(issuer.value().subject().contains(ca.name + " Issuing CA"), issuer.value().subject());
            long firstCertificate = certificates.stream().filter(r -> r.value().issuerSpkiSha256().equals(ca.spkiSha256()))
                    .mapToLong(KafkaRecords.Read::brokerTime).min().orElseThrow();
            assertTrue(issuer.brokerTime() <= firstCertificate, "the broker took the issuer no later than its first certificate");
        }
    }

    @Test
    void sendsCertificatesOnlyOnceTheirIssuerIsAcknowledgedAndTheCheckpointOnlyAfterEveryCertificate() throws Exception {
        MockProducer<byte[], byte[]> mock = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        DiscoveryPublisher publisher = new DiscoveryPublisher(vertx, mock, new CheckpointStore(KafkaSettings.of("unused:1"), mock),
                DiscoveryFilter.ALL, new RecentIds(100), new DiscoveryMetrics(new SimpleMeterRegistry(), Clock.systemUTC()),
                Clock.systemUTC());
        TestCa ca = new TestCa("pub-order", 104);
        CtLog log = log("pub-order-log");
        List<LoggedCertificate> logged = List.of(entries.of(ca, ca.nextSerial(), true, 1_750_000_000_000L, 0),
                entries.of(ca, ca.nextSerial(), true, 1_750_000_000_001L, 1));
        Future<Void> accepted = publisher.accept(Entries.batch(log, 0, logged, List.of(), 2));

        Signal.await(() -> mock.history().size() == 1, Duration.ofSeconds(10), () -> "the issuer: " + topics(mock.history()));
        assertEquals(List.of(Topics.ISSUERS.name()), topics(mock.history()), "no certificate before its issuer is on the broker");
        mock.completeNext();
        Signal.await(() -> mock.history().size() == 3, Duration.ofSeconds(10), () -> "the certificates: " + topics(mock.history()));
        assertEquals(List.of(Topics.ISSUERS.name(), Topics.CERTIFICATES.name(), Topics.CERTIFICATES.name()), topics(mock.history()));
        mock.completeNext();
        assertEquals(3, mock.history().size(), "no checkpoint while a certificate is unacknowledged");
        assertFalse(accepted.isComplete());
        mock.completeNext();
        Signal.await(() -> mock.history().size() == 4, Duration.ofSeconds(10), "the checkpoint");
        assertEquals(Topics.DISCOVERY_CHECKPOINTS.name(), mock.history().get(3).topic());
        assertEquals(2, Topics.DISCOVERY_CHECKPOINTS.value(mock.history().get(3).value()).nextIndex());
        LogProxy.join(accepted);
        mock.completeNext();
    }

    @Test
    void sendsTheWholeBatchAgainWhenASendFailsAndCountsItsEntriesOnce() {
        MockProducer<byte[], byte[]> mock = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Publisher publisher = new Publisher(new DiscoveryPublisher(vertx, mock, new CheckpointStore(KafkaSettings.of("unused:1"), mock),
                DiscoveryFilter.ALL, new RecentIds(100), new DiscoveryMetrics(registry, Clock.systemUTC()), Clock.systemUTC()), registry);
        TestCa ca = new TestCa("pub-retry", 105);
        TestCa crlOnly = new TestCa("pub-retry-crl-only", false, 112);
        CtLog log = log("pub-retry-log");
        BigInteger serial = ca.nextSerial();
        Future<Void> accepted = publisher.sink().accept(Entries.batch(log, 7, List.of(entries.of(ca, serial, true, 1_750_000_000_000L, 7),
                entries.of(ca, serial, false, 1_750_000_000_500L, 8), entries.of(crlOnly, crlOnly.nextSerial(), true, 1_750_000_000_600L, 9)),
                List.of(), 10));
        Signal.await(() -> mock.history().size() == 1, Duration.ofSeconds(10), "the issuer sent");
        mock.completeNext();
        Signal.await(() -> mock.history().size() == 2, Duration.ofSeconds(10), "the certificate sent");
        mock.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker away"));
        Signal.await(() -> mock.history().size() == 3, Duration.ofSeconds(10), () -> "sent again: " + topics(mock.history()));
        mock.completeNext();
        Signal.await(() -> mock.history().size() == 4, Duration.ofSeconds(10), () -> "sent again: " + topics(mock.history()));
        assertEquals(List.of(Topics.ISSUERS.name(), Topics.CERTIFICATES.name(), Topics.ISSUERS.name(), Topics.CERTIFICATES.name()),
                topics(mock.history()), "nothing was marked sent, so the issuer goes again too, and no checkpoint yet");
        mock.completeNext();
        Signal.await(() -> mock.history().size() == 5, Duration.ofSeconds(10), "the checkpoint");
        LogProxy.join(accepted);
        mock.completeNext();
        assertEquals(10, Topics.DISCOVERY_CHECKPOINTS.value(mock.history().get(4).value()).nextIndex());
        assertEquals(1, publisher.count("ocspwatch_discovery_published", "log", log.name()));
        assertEquals(1, publisher.count("ocspwatch_discovery_duplicates", "log", log.name()), "counted once, not once per attempt");
        assertEquals(1, publisher.count("ocspwatch_discovery_without_ocsp", "issuer", crlOnly.spkiSha256()),
                "counted once, not once per attempt");
        assertEquals(3, publisher.count("ocspwatch_discovery_entries", "log", log.name()));
    }

    private static List<String> topics(List<ProducerRecord<byte[], byte[]>> history) {
        return history.stream().map(ProducerRecord::topic).toList();
    }

    @Test
    void countsCertificatesWithoutOcspPerIssuerAndSendsNothingForThem() {
        TestCa crlOnly = new TestCa("pub-crl-only", false, 106);
        TestCa withOcsp = new TestCa("pub-with-ocsp", 107);
        CtLog log = log("pub-no-ocsp-log");
        List<LoggedCertificate> logged = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TestCa ca = i == 2 ? withOcsp : crlOnly;
            BigInteger serial = ca.nextSerial();
            ids.add(ca.certificateId(serial));
            logged.add(entries.of(ca, serial, i % 2 == 0, 1_750_000_000_000L + i, i));
        }
        Publisher publisher = publisher(DiscoveryFilter.ALL);
        publisher.accept(Entries.batch(log, 0, logged, List.of(), 4));

        assertEquals(List.of(withOcsp.certificateId(logged.get(2).serial())),
                certificates(Set.copyOf(ids)).stream().map(KafkaRecords.Read::key).toList());
        assertEquals(3, publisher.count("ocspwatch_discovery_without_ocsp", "issuer", crlOnly.spkiSha256()));
        assertEquals(0, publisher.count("ocspwatch_discovery_without_ocsp", "issuer", withOcsp.spkiSha256()));
        assertTrue(issuers(Set.of(crlOnly.spkiSha256())).isEmpty(), "no issuer record for an issuer nothing was sent for");
        assertEquals(4, store.load().get(log.logId().base64()).nextIndex(), "the checkpoint covers them all the same");
        assertEquals(4, publisher.count("ocspwatch_discovery_entries", "log", log.name()));
    }

    @Test
    void publishesACertificateOnceUnlessItTurnsUpLaterWithAnEarlierTimestamp() {
        TestCa ca = new TestCa("pub-dup", 108);
        BigInteger serial = ca.nextSerial();
        String id = ca.certificateId(serial);
        CtLog first = log("pub-dup-a");
        CtLog second = log("pub-dup-b");
        CtLog third = log("pub-dup-c");
        Publisher publisher = publisher(DiscoveryFilter.ALL);
        publisher.accept(Entries.batch(first, 0, List.of(entries.of(ca, serial, true, 1_000_000L, 0),
                entries.of(ca, serial, false, 1_500_000L, 1)), List.of(), 2));
        publisher.accept(Entries.batch(second, 5, List.of(entries.of(ca, serial, true, 1_200_000L, 5)), List.of(), 6));
        publisher.accept(Entries.batch(third, 9, List.of(entries.of(ca, serial, true, 900_000L, 9)), List.of(), 10));
        publisher.accept(Entries.batch(second, 6, List.of(entries.of(ca, serial, false, 900_000L, 6)), List.of(), 7));

        List<KafkaRecords.Read<CertificateRecord>> records = certificates(Set.of(id));
        assertEquals(List.of(1_000_000L, 900_000L), records.stream().map(r -> r.value().timestamp()).toList(),
                "the precertificate, then the copy in a third log with an earlier timestamp");
        assertEquals(List.of(first.name(), third.name()), records.stream().map(r -> r.value().logName()).toList());
        assertEquals(1, publisher.count("ocspwatch_discovery_duplicates", "log", first.name()), "the final certificate");
        assertEquals(2, publisher.count("ocspwatch_discovery_duplicates", "log", second.name()), "later, and equal");
        assertEquals(1, publisher.count("ocspwatch_discovery_published", "log", third.name()));
        assertEquals(7, store.load().get(second.logId().base64()).nextIndex());
    }

    @Test
    void publishesOnlyWhatTheFilterKeeps() {
        TestCa kept = new TestCa("pub-kept", 109);
        TestCa other = new TestCa("pub-other", 110);
        CtLog log = log("pub-filter-log");
        List<LoggedCertificate> logged = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            TestCa ca = i % 2 == 0 ? kept : other;
            BigInteger serial = ca.nextSerial();
            ids.add(ca.certificateId(serial));
            logged.add(entries.of(ca, serial, true, 1_750_000_000_000L + i, i));
        }
        Publisher publisher = publisher(new DiscoveryFilter(List.of(kept.spkiSha256().toUpperCase()), null, null, 1));
        publisher.accept(Entries.batch(log, 0, logged, List.of(), 6));

        List<KafkaRecords.Read<CertificateRecord>> records = certificates(Set.copyOf(ids));
        assertEquals(Set.of(ids.get(0), ids.get(2), ids.get(4)), records.stream().map(KafkaRecords.Read::key).collect(Collectors.toSet()));
        assertEquals(3, records.size());
        assertEquals(3, publisher.count("ocspwatch_discovery_filtered", "log", log.name()));
        assertTrue(issuers(Set.of(other.spkiSha256())).isEmpty());
        assertEquals(6, store.load().get(log.logId().base64()).nextIndex());
    }

    @Test
    void countsRejectsByReasonAndCheckpointsPastThem() {
        TestCa ca = new TestCa("pub-rejects", 111);
        CtLog log = log("pub-rejects-log");
        List<Reject> rejects = List.of(new Reject(log.name(), 20, "malformed-entry", "bad leaf"),
                new Reject(log.name(), 21, "malformed-entry", "bad leaf"), new Reject(log.name(), 23, "issuer", "missing"));
        Publisher publisher = publisher(DiscoveryFilter.ALL);
        publisher.accept(new Batch(log, 20, 24, List.of(entries.of(ca, ca.nextSerial(), true, 1_750_000_000_000L, 22)), rejects, 24, 0));
        publisher.sink().reject(new Reject(log.name(), -1, "sth-signature", "forged"));

        assertEquals(2, publisher.count("ocspwatch_discovery_rejects", "log", log.name(), "reason", "malformed-entry"));
        assertEquals(1, publisher.count("ocspwatch_discovery_rejects", "log", log.name(), "reason", "issuer"));
        assertEquals(1, publisher.count("ocspwatch_discovery_rejects", "log", log.name(), "reason", "sth-signature"));
        assertEquals(24, store.load().get(log.logId().base64()).nextIndex());
        assertEquals(4, publisher.count("ocspwatch_discovery_entries", "log", log.name()));
    }
}
