package dev.ocspwatch.common.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DigitallySignedTest {
    private static final byte[] DATA = "tree head".getBytes(StandardCharsets.US_ASCII);

    private static byte[] pilotSignature() throws Exception {
        return Base64.getDecoder().decode(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(CtVectors.bytes(CtVectors.PILOT_STH)).get("tree_head_signature").asText());
    }

    @Test
    void readsPilotsSha256EcdsaSignature() throws Exception {
        DigitallySigned signed = DigitallySigned.parse(pilotSignature());
        assertEquals(4, signed.hashAlgorithm());
        assertEquals(3, signed.signatureAlgorithm());
        assertEquals(70, signed.signature().length, "README: 70-byte DER");
        assertEquals(0x30, signed.signature()[0] & 0xff);
        assertEquals("sha256/ecdsa", signed.describe());
        assertEquals("1.2.840.10045.4.3.2", signed.algorithmIdentifier().getAlgorithm().getId());
    }

    @Test
    void encodesBackToTheSameBytes() throws Exception {
        assertArrayEquals(pilotSignature(), DigitallySigned.parse(pilotSignature()).encode());
    }

    @Test
    void refusesTruncatedAndTrailingBytes() throws Exception {
        byte[] bytes = pilotSignature();
        assertEquals("signature at offset 2 declares 70 bytes, only 69 left",
                assertThrows(CtFormatException.class,
                        () -> DigitallySigned.parse(Arrays.copyOf(bytes, bytes.length - 1))).getMessage());
        assertThrows(CtFormatException.class, () -> DigitallySigned.parse(CtVectors.concat(bytes, new byte[] {0})));
        assertThrows(CtFormatException.class, () -> DigitallySigned.parse(new byte[] {4}));
    }

    @Test
    void signsAndVerifiesWithEcdsa() throws Exception {
        KeyPair key = TestPki.ecKeyPair();
        DigitallySigned signed = DigitallySigned.sign(key.getPrivate(), DATA);
        assertEquals(DigitallySigned.SHA256, signed.hashAlgorithm());
        assertEquals(DigitallySigned.ECDSA, signed.signatureAlgorithm());
        assertTrue(signed.verify(key.getPublic(), DATA));
        assertFalse(signed.verify(key.getPublic(), "other".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(signed.verify(TestPki.ecKeyPair().getPublic(), DATA));
    }

    @Test
    void signsAndVerifiesWithRsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        DigitallySigned signed = DigitallySigned.sign(key.getPrivate(), DATA);
        assertEquals(DigitallySigned.RSA, signed.signatureAlgorithm());
        assertEquals(256, signed.signature().length);
        assertTrue(signed.verify(key.getPublic(), DATA));
        assertEquals("1.2.840.113549.1.1.11", signed.algorithmIdentifier().getAlgorithm().getId());
        // the same bytes labelled as ECDSA do not verify
        assertFalse(new DigitallySigned(4, 3, signed.signature()).verify(key.getPublic(), DATA));
    }

    @Test
    void algorithmsRfc6962DoesNotAllowNeverVerify() throws Exception {
        KeyPair key = TestPki.ecKeyPair();
        DigitallySigned signed = DigitallySigned.sign(key.getPrivate(), DATA);
        DigitallySigned sha1 = new DigitallySigned(2, 3, signed.signature());
        DigitallySigned dsa = new DigitallySigned(4, 2, signed.signature());
        assertNull(sha1.algorithmIdentifier());
        assertFalse(sha1.verify(key.getPublic(), DATA));
        assertFalse(dsa.verify(key.getPublic(), DATA));
        assertEquals("hash 2/ecdsa", sha1.describe());
    }

    @Test
    void comparesByContent() throws Exception {
        assertEquals(DigitallySigned.parse(pilotSignature()), DigitallySigned.parse(pilotSignature()));
    }
}
