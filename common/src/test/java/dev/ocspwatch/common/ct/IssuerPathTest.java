package dev.ocspwatch.common.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.CtEntries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IssuerPathTest {
    private static final String FINGERPRINT = "54588456f084df53d35714fb90760edaf1d222500858b4c07d3a4d91308dec42";

    @Test
    void formatsAndParsesLowerCaseHex() throws Exception {
        assertEquals("issuer/" + FINGERPRINT, IssuerPath.of(CtVectors.hex(FINGERPRINT)));
        assertArrayEquals(CtVectors.hex(FINGERPRINT), IssuerPath.parse("issuer/" + FINGERPRINT));
    }

    @Test
    void theFingerprintIsTheSha256OfTheDer() {
        byte[] issuer = CtEntries.read(CtVectors.PRECERT_AND_X509).get(0).chain().get(0);
        byte[] fingerprint = TileLeafTest.sha256(issuer);
        assertEquals("issuer/" + CtVectors.hex(fingerprint), IssuerPath.ofCertificate(issuer));
        assertTrue(IssuerPath.matches(fingerprint, issuer));
        assertFalse(IssuerPath.matches(fingerprint, CtVectors.flipBit(issuer, 100)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "issuer/54588456F084DF53D35714FB90760EDAF1D222500858B4C07D3A4D91308DEC42",
            "issuer/54588456f084df53d35714fb90760edaf1d222500858b4c07d3a4d91308dec4",
            "issuer/54588456f084df53d35714fb90760edaf1d222500858b4c07d3a4d91308dec42/",
            "/issuer/54588456f084df53d35714fb90760edaf1d222500858b4c07d3a4d91308dec42",
            "tile/0/000"})
    void rejectsAnythingElse(String path) {
        assertThrows(CtFormatException.class, () -> IssuerPath.parse(path));
    }
}
