package dev.ocspwatch.agent.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.agent.testing.TestPki;
import dev.ocspwatch.common.kafka.IssuerRecord;
import dev.ocspwatch.common.x509.IssuerCertificate;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Issuer records from {@code ocspwatch.issuers}: only a certificate that hashes to its key is kept. */
class IssuerDirectoryTest {
    private static final TestPki PKI = TestPki.shared();
    private static final IssuerCertificate ISSUING = PKI.issuing.asIssuer();
    private static final String KEY = ISSUING.spkiSha256();

    private static String der() throws Exception {
        return Base64.getEncoder().encodeToString(PKI.issuing.certificate().getEncoded());
    }

    private static IssuerRecord record(String key, String certificate) {
        return new IssuerRecord(key, "CN=Agent Test Issuing CA", certificate);
    }

    @Test
    void keepsAnIssuerWhoseCertificateHashesToItsKey() throws Exception {
        IssuerDirectory directory = new IssuerDirectory();
        assertNull(directory.put(KEY, record(KEY, der())));
        IssuerCertificate issuer = directory.get(KEY);
        assertNotNull(issuer);
        assertEquals(KEY, issuer.spkiSha256());
        assertEquals(PKI.issuing.certificate(), issuer.certificate());
        assertEquals(1, directory.size());
    }

    @Test
    void keepsTheFirstCertificateForAKey() throws Exception {
        IssuerDirectory directory = new IssuerDirectory();
        assertNull(directory.put(KEY, record(KEY, der())));
        IssuerCertificate first = directory.get(KEY);
        assertNull(directory.put(KEY, record(KEY, der())), "a repeat on the compacted topic is fine");
        assertSame(first, directory.get(KEY));
        assertEquals(1, directory.size());
    }

    @Test
    void refusesACertificateKeyedByAnotherIssuersHash() throws Exception {
        IssuerDirectory directory = new IssuerDirectory();
        String rootKey = PKI.root.asIssuer().spkiSha256();
        String reason = directory.put(rootKey, record(rootKey, der()));
        assertNotNull(reason);
        assertTrue(reason.contains(rootKey) && reason.contains(KEY), reason);
        assertNull(directory.get(rootKey));
        assertNull(directory.get(KEY));
        assertEquals(0, directory.size());
    }

    @Test
    void refusesARecordWhoseOwnIssuerHashDisagreesWithItsKey() throws Exception {
        IssuerDirectory directory = new IssuerDirectory();
        String reason = directory.put(KEY, record(PKI.root.asIssuer().spkiSha256(), der()));
        assertNotNull(reason);
        assertNull(directory.get(KEY));
    }

    @Test
    void refusesACertificateThatIsNotBase64() {
        IssuerDirectory directory = new IssuerDirectory();
        String reason = directory.put(KEY, record(KEY, "not base64 at all!"));
        assertNotNull(reason);
        assertTrue(reason.contains("does not parse"), reason);
        assertEquals(0, directory.size());
    }

    @Test
    void refusesBase64ThatIsNotACertificate() throws Exception {
        IssuerDirectory directory = new IssuerDirectory();
        String garbage = Base64.getEncoder().encodeToString("hello, not DER".getBytes(StandardCharsets.US_ASCII));
        assertNotNull(directory.put(KEY, record(KEY, garbage)));
        byte[] truncated = PKI.issuing.certificate().getEncoded();
        String half = Base64.getEncoder().encodeToString(Arrays.copyOf(truncated, truncated.length / 2));
        assertNotNull(directory.put(KEY, record(KEY, half)));
        assertEquals(0, directory.size());
    }

    @Test
    void refusesAnEmptyRecord() {
        IssuerDirectory directory = new IssuerDirectory();
        String reason = directory.put(KEY, null);
        assertNotNull(reason);
        assertTrue(reason.contains(KEY), reason);
        assertEquals(0, directory.size());
    }
}
