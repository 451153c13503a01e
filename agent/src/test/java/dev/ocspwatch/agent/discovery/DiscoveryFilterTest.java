package dev.ocspwatch.agent.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.kafka.CertificateRecord;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The filters each kind of user sets: by issuer key, issuer name, OCSP host, and a sample every region draws alike. */
class DiscoveryFilterTest {
    private static final String ISSUER_A = "aa".repeat(32);
    private static final String ISSUER_B = "bb".repeat(32);

    private static CertificateRecord record(String issuer, String issuerDn, List<String> ocspUrls, String serialHex) {
        return new CertificateRecord(issuer + ":" + serialHex, serialHex, issuer, "CN=leaf.test", issuerDn, true, 1L, "logid",
                "log", 0, Instant.EPOCH, Instant.EPOCH, List.of("leaf.test"), ocspUrls, List.of(), Instant.EPOCH);
    }

    private static CertificateRecord record(String issuer, String ocspUrl) {
        return record(issuer, "CN=Example Issuing CA, O=Example", List.of(ocspUrl), "1234");
    }

    @Test
    void matchesEverythingWhenEmpty() {
        assertTrue(DiscoveryFilter.ALL.matches(record(ISSUER_A, "http://ocsp.a.test/")));
        assertTrue(new DiscoveryFilter(null, null, null, 0).matches(record(ISSUER_B, "CN=x", List.of(), "1")));
    }

    @Test
    void keepsTheIssuersNamedByKeyHashInAnyCase() {
        DiscoveryFilter filter = new DiscoveryFilter(List.of(ISSUER_A.toUpperCase()), List.of(), List.of(), 1);
        assertTrue(filter.matches(record(ISSUER_A, "http://ocsp.a.test/")));
        assertFalse(filter.matches(record(ISSUER_B, "http://ocsp.a.test/")));
    }

    @Test
    void keepsIssuersWhoseNameContainsAnyGivenTextIgnoringCase() {
        DiscoveryFilter filter = new DiscoveryFilter(List.of(), List.of("let's encrypt", "R11"), List.of(), 1);
        assertTrue(filter.matches(record(ISSUER_A, "CN=R10, O=Let's Encrypt, C=US", List.of("http://o.test/"), "1")));
        assertTrue(filter.matches(record(ISSUER_A, "CN=r11, O=Other", List.of("http://o.test/"), "1")));
        assertFalse(filter.matches(record(ISSUER_A, "CN=GTS CA 1C3, O=Google Trust Services", List.of("http://o.test/"), "1")));
        assertFalse(filter.matches(record(ISSUER_A, null, List.of("http://o.test/"), "1")));
    }

    @Test
    void keepsCertificatesNamingAResponderOnAGivenHost() {
        DiscoveryFilter filter = new DiscoveryFilter(List.of(), List.of(), List.of("OCSP.Example.com", "::1"), 1);
        assertTrue(filter.matches(record(ISSUER_A, "http://ocsp.example.com")));
        assertTrue(filter.matches(record(ISSUER_A, "HTTP://OCSP.EXAMPLE.COM:8080/path?x#y")));
        assertTrue(filter.matches(record(ISSUER_A, "http://user:pw@ocsp.example.com/")));
        assertTrue(filter.matches(record(ISSUER_A, "http://[::1]:8080/")));
        assertTrue(filter.matches(record(ISSUER_A, "CN=x", List.of("http://other.test/", "http://ocsp.example.com/"), "1")));
        assertFalse(filter.matches(record(ISSUER_A, "http://ocsp.example.com.evil.test/")));
        assertFalse(filter.matches(record(ISSUER_A, "http://evil.test/ocsp.example.com")));
        assertFalse(filter.matches(record(ISSUER_A, "CN=x", List.of(), "1")), "no responder, no match");
    }

    @Test
    void requiresEveryFilterThatIsSet() {
        DiscoveryFilter filter = new DiscoveryFilter(List.of(ISSUER_A), List.of("example"), List.of("ocsp.a.test"), 1);
        assertTrue(filter.matches(record(ISSUER_A, "http://ocsp.a.test/")));
        assertFalse(filter.matches(record(ISSUER_B, "http://ocsp.a.test/")));
        assertFalse(filter.matches(record(ISSUER_A, "http://ocsp.b.test/")));
        assertFalse(filter.matches(record(ISSUER_A, "CN=Other", List.of("http://ocsp.a.test/"), "1")));
    }

    @Test
    void samplesOneInNByTheHashOfTheCertificateIdTheSameWayEveryTime() throws Exception {
        DiscoveryFilter oneInSeven = new DiscoveryFilter(List.of(), List.of(), List.of(), 7);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < 7000; i++) {
            CertificateRecord record = record(ISSUER_A, "CN=x", List.of("http://o.test/"), Integer.toHexString(i + 1));
            // independent: the first 8 bytes of SHA-256(id), unsigned, mod N
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(record.certificateId().getBytes(StandardCharsets.US_ASCII));
            boolean expected = new BigInteger(1, java.util.Arrays.copyOf(hash, 8)).mod(BigInteger.valueOf(7)).signum() == 0;
            assertEquals(expected, oneInSeven.matches(record), record.certificateId());
            assertEquals(expected, new DiscoveryFilter(List.of(), List.of(), List.of(), 7).matches(record), "same in every region");
            if (expected) {
                kept.add(record.certificateId());
            }
        }
        assertTrue(kept.size() > 850 && kept.size() < 1150, "about one in seven: " + kept.size());
        assertTrue(new DiscoveryFilter(List.of(), List.of(), List.of(), 1).matches(record(ISSUER_A, "http://o.test/")));
    }
}
