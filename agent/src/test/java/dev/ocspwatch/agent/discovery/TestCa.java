package dev.ocspwatch.agent.discovery;

import dev.ocspwatch.lab.pki.CertificateProfile;
import dev.ocspwatch.lab.pki.Der;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.pki.SimulatedCa;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A lab CA for discovery tests (ECDSA, so issuing hundreds of certificates takes milliseconds):
 * a root and an issuing CA, certificates and precertificates with chosen serials, and the facts
 * a test expects discovery to report, computed here independently (SPKI hash, certificate id).
 */
final class TestCa {
    static final Instant NOT_BEFORE = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    static final Duration VALIDITY = Duration.ofDays(90);

    final String name;
    final SimulatedCa root;
    final SimulatedCa ca;
    final boolean ocsp;
    private final KeyPair subject = KeyKind.ECDSA_P256.generate();
    private final AtomicLong serials;

    TestCa(String name, boolean ocsp, long seed) {
        this.name = name;
        this.ocsp = ocsp;
        Random random = new Random(seed);
        this.root = SimulatedCa.root(name + " Root", KeyKind.ECDSA_P256, NOT_BEFORE.minus(Duration.ofDays(30)), random);
        this.ca = root.intermediate(name + " Issuing CA", KeyKind.ECDSA_P256, NOT_BEFORE.minus(Duration.ofDays(30)), List.of(),
                List.of());
        this.serials = new AtomicLong(0x1000L + seed * 0x100000L);
    }

    TestCa(String name, long seed) {
        this(name, true, seed);
    }

    BigInteger nextSerial() {
        return BigInteger.valueOf(serials.incrementAndGet());
    }

    String ocspUrl() {
        return "http://ocsp." + name + ".test/";
    }

    String crlUrl() {
        return "http://crl." + name + ".test/ca.crl";
    }

    String dnsName(BigInteger serial) {
        return serial.toString(16) + "." + name + ".test";
    }

    X509CertificateHolder issue(BigInteger serial, boolean precert) {
        CertificateProfile profile = new CertificateProfile(List.of(dnsName(serial)), NOT_BEFORE, VALIDITY,
                ocsp ? List.of(ocspUrl()) : List.of(), List.of(crlUrl()), List.of(), precert);
        return ca.issue(profile, serial, subject).certificate();
    }

    List<X509CertificateHolder> chain() {
        return List.of(ca.certificate(), root.certificate());
    }

    /** Lower-case hex SHA-256 of the issuing CA's SubjectPublicKeyInfo, computed here. */
    String spkiSha256() {
        return sha256Hex(Der.spki(ca.certificate()));
    }

    String certificateId(BigInteger serial) {
        return spkiSha256() + ":" + serial.toString(16);
    }

    String issuerDn() {
        return ca.certificate().getSubject().toString();
    }

    static String sha256Hex(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
