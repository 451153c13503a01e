package dev.ocspwatch.agent.testing;

import dev.ocspwatch.lab.pki.CertificateProfile;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.pki.Pem;
import dev.ocspwatch.lab.pki.SimulatedCa;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.bouncycastle.cert.X509CertificateHolder;

/** A small real PKI for agent tests: a root and an issuing CA (RSA-2048), certificates on demand. */
public final class TestPki {
    public static final Instant NOW = Instant.now();
    private static final Random RANDOM = new Random(7);
    private static TestPki shared;

    public final SimulatedCa root;
    public final SimulatedCa issuing;

    private TestPki() {
        Instant notBefore = NOW.minus(Duration.ofDays(60));
        root = SimulatedCa.root("Agent Test Root", KeyKind.RSA_2048, notBefore, RANDOM);
        issuing = root.intermediate("Agent Test Issuing CA", KeyKind.RSA_2048, notBefore, List.of(), List.of());
    }

    /** One PKI per test JVM: key generation is the slow part of these tests. */
    public static synchronized TestPki shared() {
        if (shared == null) {
            shared = new TestPki();
        }
        return shared;
    }

    public X509CertificateHolder leaf(BigInteger serial, List<String> ocspUrls, List<String> crlUrls, List<String> caIssuers) {
        return issuing.issue(new CertificateProfile(List.of("leaf.test"), NOW.minus(Duration.ofDays(1)), Duration.ofDays(90),
                ocspUrls, crlUrls, caIssuers, false), serial);
    }

    public static BigInteger serial(long value) {
        return BigInteger.valueOf(value);
    }

    public static Path writePem(Path file, X509CertificateHolder... certificates) {
        return Pem.write(file, (Object[]) certificates);
    }
}
