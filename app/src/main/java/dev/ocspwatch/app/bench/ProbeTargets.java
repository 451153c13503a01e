package dev.ocspwatch.app.bench;

import dev.ocspwatch.app.cli.Await;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.IssuerRecord;
import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.id.CertificateId;
import dev.ocspwatch.lab.pki.Der;
import dev.ocspwatch.lab.pki.Pem;
import dev.ocspwatch.lab.world.LabCa;
import dev.ocspwatch.lab.world.World;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Certificates the lab's CA issued and its responders answer for, as discovery would put them on
 * {@code ocspwatch.certificates}; and, for the memory figure, made-up certificates of the same
 * shape that nobody answers for (they are only scheduled, never probed).
 */
final class ProbeTargets {
    private final LabCa ca;
    private final List<LabCa.Issued> issued;

    private ProbeTargets(LabCa ca, List<LabCa.Issued> issued) {
        this.ca = ca;
        this.issued = issued;
    }

    /** Issues {@code count} certificates from the named CA (its responses are pre-generated once the clock moves on). */
    static ProbeTargets issue(World world, String caName, int count) throws Exception {
        LabCa ca = world.cas().get(caName);
        if (ca == null || !ca.spec().hasOcsp()) {
            throw new IllegalArgumentException("the scenario has no CA named " + caName + " with an OCSP responder; it has "
                    + world.cas().keySet());
        }
        List<LabCa.Issued> issued = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            issued.add(Await.result(world.issueNow(ca.spec().name(), false)));
        }
        return new ProbeTargets(ca, issued);
    }

    int size() {
        return issued.size();
    }

    LabCa ca() {
        return ca;
    }

    String responderUrl(World world) {
        return "http://" + ca.spec().ocspHost() + ":" + world.cdnPort() + "/";
    }

    /** Puts the issuer and the first {@code count} certificates on the topics, each published at {@code publishedAt}. */
    void publish(KafkaSettings kafka, World world, int count, Instant publishedAt) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producer("bench-discovery"), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            String issuer = ca.ca().asIssuer().spkiSha256();
            producer.send(Topics.ISSUERS.record(issuer, new IssuerRecord(issuer, ca.ca().name(),
                    Base64.getEncoder().encodeToString(Der.of(ca.ca().certificate())))));
            producer.flush();
            for (LabCa.Issued one : issued.subList(0, count)) {
                producer.send(Topics.CERTIFICATES.record(one.certificateId(), record(one.certificateId(), one.serial().toString(16),
                        issuer, responderUrl(world), publishedAt)));
            }
            producer.flush();
        }
    }

    /** {@code count} made-up certificates of this CA, published at {@code publishedAt}: scheduled, never answered. */
    void publishUnanswered(KafkaSettings kafka, World world, int count, Instant publishedAt, long seed) {
        Random random = new Random(seed);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producer("bench-discovery"), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            String issuer = ca.ca().asIssuer().spkiSha256();
            for (int i = 0; i < count; i++) {
                java.math.BigInteger serial = new java.math.BigInteger(127, random).setBit(126); // 16 bytes, as most CAs' serials
                String id = new CertificateId(issuer, serial).toString();
                producer.send(Topics.CERTIFICATES.record(id, record(id, CertificateId.hex(serial), issuer, responderUrl(world), publishedAt)));
            }
            producer.flush();
        }
    }

    private static CertificateRecord record(String id, String serial, String issuer, String url, Instant publishedAt) {
        return new CertificateRecord(id, serial, issuer, null, null, true, publishedAt.toEpochMilli(), null, "bench", 0, null, null,
                List.of(), List.of(url), List.of(), publishedAt);
    }

    /** The first {@code count} leaves as a PEM bundle and the issuer as PEM, for the baseline prober. */
    Map<String, Path> writePem(Path directory, int count) {
        Object[] leaves = issued.subList(0, count).stream().map(LabCa.Issued::precertificate).toArray();
        return Map.of("leaves", Pem.write(directory.resolve("leaves.pem"), leaves),
                "issuer", Pem.write(directory.resolve("issuer.pem"), ca.ca().certificate()));
    }

    List<LabCa.Issued> issued() {
        return issued;
    }
}
