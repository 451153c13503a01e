package dev.ocspwatch.common.ocsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.Vectors;
import dev.ocspwatch.common.x509.IssuerCertificate;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OcspGetUrlTest {
    /** fb ff fe: base64 "+//+", which needs every escape but '='; fb ff: "+/8=". */
    private static final byte[] PLUS_SLASH = {(byte) 0xfb, (byte) 0xff, (byte) 0xfe};
    private static final byte[] PLUS_SLASH_EQUALS = {(byte) 0xfb, (byte) 0xff};

    @Test
    void percentEncodesPlusSlashAndEquals() {
        assertEquals("http://ocsp.example.com/%2B%2F%2F%2B", OcspGetUrl.format("http://ocsp.example.com", PLUS_SLASH));
        assertEquals("http://ocsp.example.com/%2B%2F8%3D", OcspGetUrl.format("http://ocsp.example.com", PLUS_SLASH_EQUALS));
    }

    @Test
    void joinsWithExactlyOneSlash() {
        assertEquals("http://ocsp.example.com/%2B%2F8%3D", OcspGetUrl.format("http://ocsp.example.com/", PLUS_SLASH_EQUALS));
        assertEquals("http://ocsp.example.com/path/%2B%2F8%3D", OcspGetUrl.format("http://ocsp.example.com/path", PLUS_SLASH_EQUALS));
        assertEquals("http://ocsp.example.com/path/%2B%2F8%3D", OcspGetUrl.format("http://ocsp.example.com/path/", PLUS_SLASH_EQUALS));
    }

    @Test
    void formatsTheFacebookRequestAsRfc6960AppendixA() {
        byte[] der = Vectors.bytes("ocsp/golang-x-crypto/req-facebook-sha1.der");
        String url = OcspGetUrl.format("http://ocsp.verisign.com", der);
        String expectedPath = Base64.getEncoder().encodeToString(der)
                .replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
        assertEquals("http://ocsp.verisign.com/" + expectedPath, url);
        assertFalse(url.substring("http://".length()).contains("//"));
        assertTrue(url.substring("http://ocsp.verisign.com/".length()).matches("[A-Za-z0-9%]+"), url);
    }

    @Test
    void parsesWhatItFormatsForManyRandomRequests() {
        Random random = new Random(20250115L);
        IssuerCertificate issuer = Vectors.issuer("ocsp/openssl/ND1_Issuer_ICA.pem");
        CertIdHash[] hashes = CertIdHash.values();
        for (int i = 0; i < 500; i++) {
            BigInteger serial = new BigInteger(1 + random.nextInt(159), random);
            OcspRequest request = i % 3 == 0
                    ? OcspRequest.withNonce(CertId.of(issuer, serial, hashes[i % hashes.length]), randomBytes(random, 1 + random.nextInt(32)))
                    : OcspRequest.of(CertId.of(issuer, serial, hashes[i % hashes.length]));
            String base = i % 2 == 0 ? "http://ocsp.example.com" : "http://ocsp.example.com/sub/";
            String url = OcspGetUrl.format(base, request.der());
            String path = url.substring(base.endsWith("/") ? base.length() : base.length() + 1);
            assertArrayEquals(request.der(), OcspGetUrl.parse(path), url);
            assertEquals(request.certId(), OcspRequest.parse(OcspGetUrl.parse(path)).certId());
        }
    }

    @Test
    void parsesWhatItFormatsForArbitraryBytesOfEveryLengthModThree() {
        Random random = new Random(42);
        for (int length = 1; length <= 64; length++) {
            byte[] bytes = randomBytes(random, length);
            String path = OcspGetUrl.format("http://h", bytes).substring("http://h/".length());
            assertArrayEquals(bytes, OcspGetUrl.parse(path));
        }
    }

    @Test
    void acceptsRawBase64AsClientsSendIt() {
        byte[] der = Vectors.bytes("ocsp/golang-x-crypto/req-facebook-sha1.der");
        assertArrayEquals(der, OcspGetUrl.parse(Base64.getEncoder().encodeToString(der)));
        assertArrayEquals(PLUS_SLASH_EQUALS, OcspGetUrl.parse("+/8="));
    }

    @Test
    void acceptsLowerCaseEscapesAndAMixOfEscapedAndRaw() {
        assertArrayEquals(PLUS_SLASH_EQUALS, OcspGetUrl.parse("%2b%2f8%3d"));
        assertArrayEquals(PLUS_SLASH_EQUALS, OcspGetUrl.parse("+%2F8="));
    }

    @Test
    void saysWhenAPercentEscapeIsTruncated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OcspGetUrl.parse("MEMwQTA%2"));
        assertTrue(e.getMessage().contains("truncated percent-escape"), e.getMessage());
        assertTrue(e.getMessage().contains("\"MEMwQTA%2\""), "quotes the input: " + e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OcspGetUrl.parse("%"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%zz", "AB%G0", "%2"})
    void rejectsBadPercentEscapes(String input) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OcspGetUrl.parse(input));
        assertTrue(e.getMessage().contains("percent-escape"), e.getMessage());
        assertTrue(e.getMessage().contains(input), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "MEMw QTA", "MEM-wQTA_", "A"})
    void saysWhenTheRequestIsNotBase64(String input) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OcspGetUrl.parse(input));
        assertTrue(e.getMessage().contains("not base64"), e.getMessage());
        assertTrue(e.getMessage().contains(input), e.getMessage());
    }

    @Test
    void abbreviatesAVeryLongBadInputInItsMessage() {
        String input = "!".repeat(500);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OcspGetUrl.parse(input));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
        assertTrue(e.getMessage().contains("..."), e.getMessage());
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
