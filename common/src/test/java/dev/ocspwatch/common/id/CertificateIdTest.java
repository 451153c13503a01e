package dev.ocspwatch.common.id;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.CtEntries;
import dev.ocspwatch.common.Vectors;
import dev.ocspwatch.common.x509.IssuerCertificate;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateIdTest {
    private static final String SPKI = "3760e2790f33a498f9b6c149fecfca3993954b536fbf36ad45d0a8415b79337d";

    /** The two ids the vectors' README gives for get-entries-precert-and-x509.json. */
    private static final String PRECERT_ID = SPKI + ":532298c396a3e25fcaa1977e827b5f3";
    private static final String X509_ID = "ced03025ed4fc62fdaf39b6b55f4081356993e63241da3e3356d0c0dd250814a:6a5d4161f5c9b68043270b0c";

    @Test
    void serialHexIsMinimalLowerCaseHexForEveryLengthAndSign() {
        java.util.Random random = new java.util.Random(7);
        for (int bits = 0; bits <= 168; bits++) {
            BigInteger serial = new BigInteger(bits, random);
            assertEquals(serial.toString(16), CertificateId.hex(serial), serial.toString());
            assertEquals(serial.negate().toString(16), CertificateId.hex(serial.negate()));
        }
        assertEquals("0", CertificateId.hex(BigInteger.ZERO));
        assertEquals("80", CertificateId.hex(BigInteger.valueOf(128)), "the sign byte DER adds is not a digit");
        assertEquals("f", CertificateId.hex(BigInteger.valueOf(15)));
    }

    @Test
    void reproducesTheIdOfARealPrecertificateEntryFromItsChain() throws Exception {
        CtEntries.Entry precert = CtEntries.read("ct/rfc6962/get-entries-precert-and-x509.json").get(0);
        assertEquals(1, precert.entryType());
        X509CertificateHolder issuer = new X509CertificateHolder(precert.chain().get(0));
        X509CertificateHolder preCertificate = new X509CertificateHolder(precert.certificate());
        CertificateId id = CertificateId.of(issuer.getSubjectPublicKeyInfo().getEncoded(), preCertificate.getSerialNumber());
        assertEquals(PRECERT_ID, id.toString());
        // CT's issuer_key_hash is the same SHA-256, which is why a precertificate and its certificate share the id
        assertEquals(HexFormat.of().formatHex(precert.issuerKeyHash()), id.issuerSpkiSha256());
        assertEquals(id, IssuerCertificate.of(issuer).certificateId(preCertificate.getSerialNumber()));
    }

    @Test
    void reproducesTheIdOfARealX509EntryFromItsChain() throws Exception {
        CtEntries.Entry entry = CtEntries.read("ct/rfc6962/get-entries-precert-and-x509.json").get(1);
        assertEquals(0, entry.entryType());
        X509CertificateHolder issuer = new X509CertificateHolder(entry.chain().get(0));
        X509CertificateHolder certificate = new X509CertificateHolder(entry.certificate());
        assertEquals(X509_ID, CertificateId.of(issuer.getSubjectPublicKeyInfo().getEncoded(), certificate.getSerialNumber()).toString());
    }

    @Test
    void hashesTheWholeSubjectPublicKeyInfo() throws Exception {
        byte[] spki = Vectors.certificate("certs/gts-ca-1c3.pem").getSubjectPublicKeyInfo().getEncoded();
        CertificateId id = CertificateId.of(spki, BigInteger.TEN);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(spki), HexFormat.of().parseHex(id.issuerSpkiSha256()));
        assertEquals("a", id.serialHex());
    }

    @Test
    void writesTheSerialAsMinimalLowerCaseHex() {
        CertificateId id = new CertificateId(SPKI, new BigInteger("00000ABCDEF", 16));
        assertEquals(SPKI + ":abcdef", id.toString());
        assertEquals(SPKI + ":0", new CertificateId(SPKI, BigInteger.ZERO).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {PRECERT_ID, X509_ID, SPKI + ":0", SPKI + ":ff", SPKI + ":1"})
    void parsesWhatItWrites(String text) {
        CertificateId id = CertificateId.parse(text);
        assertEquals(text, id.toString());
        assertEquals(id, CertificateId.parse(id.toString()));
    }

    @Test
    void acceptsUpperCaseAndNonMinimalSerialsButWritesTheCanonicalForm() {
        CertificateId id = CertificateId.parse(SPKI.toUpperCase() + ":00532298C396A3E25FCAA1977E827B5F3");
        assertEquals(PRECERT_ID, id.toString());
        assertEquals(CertificateId.parse(PRECERT_ID), id);
    }

    @Test
    void distinguishesIssuersAndSerials() {
        assertNotEquals(CertificateId.parse(SPKI + ":1"), CertificateId.parse(SPKI + ":2"));
        assertNotEquals(CertificateId.parse(SPKI + ":1"), CertificateId.parse(X509_ID.substring(0, 64) + ":1"));
    }

    @Test
    void quotesTheInputWhenTheColonIsMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CertificateId.parse(SPKI + "abc"));
        assertTrue(e.getMessage().contains("<issuer SPKI SHA-256 hex>:<serial hex>"), e.getMessage());
        assertTrue(e.getMessage().contains("\"" + SPKI.substring(0, 20)), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {":xyz", ":", ":12 ", ":0x12", ":1:2"})
    void quotesTheInputWhenTheSerialIsNotHex(String suffix) {
        String input = SPKI + suffix;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CertificateId.parse(input));
        assertTrue(e.getMessage().contains("serial is not hex"), e.getMessage());
        assertTrue(e.getMessage().contains("\"" + input + "\""), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "g760e2790f33a498f9b6c149fecfca3993954b536fbf36ad45d0a8415b79337d",
            "3760e2790f33a498f9b6c149fecfca3993954b536fbf36ad45d0a8415b79337d00", ""})
    void quotesTheHashWhenItIsNot64HexDigits(String hash) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CertificateId.parse(hash + ":1"));
        assertTrue(e.getMessage().contains("64 lower-case hex digits"), e.getMessage());
        assertTrue(e.getMessage().contains("\"" + hash + "\""), e.getMessage());
    }

    @Test
    void refusesUpperCaseHashesInTheCanonicalConstructor() {
        assertThrows(IllegalArgumentException.class, () -> new CertificateId(SPKI.toUpperCase(), BigInteger.ONE));
        assertThrows(NullPointerException.class, () -> new CertificateId(SPKI, null));
        assertThrows(NullPointerException.class, () -> CertificateId.parse(null));
    }
}
