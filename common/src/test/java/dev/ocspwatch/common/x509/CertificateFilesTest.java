package dev.ocspwatch.common.x509;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.Names;
import dev.ocspwatch.common.Vectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateFilesTest {
    @TempDir
    Path dir;

    private static List<String> commonNames(List<X509CertificateHolder> certificates) {
        List<String> out = new ArrayList<>();
        for (X509CertificateHolder c : certificates) {
            out.add(Names.commonName(Names.rfc4514(c.getSubject())));
        }
        return out;
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void readsAPemBundleWithTwoCertificates() throws Exception {
        List<X509CertificateHolder> certs = CertificateFiles.read(Vectors.path("ocsp/openssl/ND1_Issuer_ICA-Cross.pem"));
        assertEquals(List.of("COMODO Extended Validation Secure Server CA", "COMODO Certification Authority"), commonNames(certs));
        assertEquals(2, CertificateFiles.read(Vectors.path("ocsp/openssl/D3_Issuer_Root.pem")).size());
    }

    @Test
    void readsAPemBundleWithTextAroundAndWindowsLineEnds() throws Exception {
        byte[] leaf = Vectors.certificate("certs/gts-www.google.com-leaf.pem").getEncoded();
        byte[] ca = Vectors.certificate("certs/gts-ca-1c3.pem").getEncoded();
        String text = "subject=CN = www.google.com\n" + pem(leaf) + "\nissuer notes\n" + pem(ca);
        Path file = write("chain.pem", text.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
        List<X509CertificateHolder> certs = CertificateFiles.read(file);
        assertEquals(List.of("www.google.com", "GTS CA 1C3"), commonNames(certs));
        assertArrayEquals(leaf, certs.get(0).getEncoded());
    }

    @Test
    void readsASingleDerCertificate() throws Exception {
        List<X509CertificateHolder> certs = CertificateFiles.read(Vectors.path("certs/verisign-facebook-leaf.der"));
        assertEquals(List.of("*.facebook.com"), commonNames(certs));
        assertArrayEquals(Vectors.bytes("certs/verisign-facebook-leaf.der"), certs.get(0).getEncoded());
    }

    @Test
    void readsAPkcs7CertsOnlyBundleInDerAndPem() throws Exception {
        X509CertificateHolder leaf = Vectors.certificate("certs/rapidssl-www.cryptography.io-leaf.pem");
        X509CertificateHolder ca = Vectors.certificate("certs/rapidssl-sha256-ca-g3.pem");
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addCertificates(new JcaCertStore(List.of(leaf, ca)));
        byte[] p7c = generator.generate(new CMSProcessableByteArray(new byte[0]), false).getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER);
        assertEquals(2, new CMSSignedData(p7c).getCertificates().getMatches(null).size());

        List<X509CertificateHolder> fromDer = CertificateFiles.read(write("bundle.p7c", p7c));
        assertEquals(2, fromDer.size());
        assertTrue(commonNames(fromDer).containsAll(List.of("www.cryptography.io", "RapidSSL SHA256 CA - G3")), commonNames(fromDer)::toString);

        String pkcs7Pem = "-----BEGIN PKCS7-----\n" + Base64.getMimeEncoder().encodeToString(p7c) + "\n-----END PKCS7-----\n";
        assertEquals(2, CertificateFiles.parse(pkcs7Pem.getBytes(StandardCharsets.US_ASCII), "bundle.p7b").size());
    }

    @Test
    void readsAnIndefiniteLengthBerPkcs7BundleButNotABerCertificate() throws Exception {
        X509CertificateHolder leaf = Vectors.certificate("certs/rapidssl-www.cryptography.io-leaf.pem");
        X509CertificateHolder ca = Vectors.certificate("certs/rapidssl-sha256-ca-g3.pem");
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addCertificates(new JcaCertStore(List.of(leaf, ca)));
        byte[] ber = generator.generate(new CMSProcessableByteArray(new byte[0]), false).getEncoded(); // BC writes BER here
        assertEquals(0x80, ber[1] & 0xff, "the bundle really is indefinite-length");

        assertEquals(2, CertificateFiles.parse(ber, "issuer.p7c").size());

        byte[] berCertificate = new org.bouncycastle.asn1.BERSequence(
                org.bouncycastle.asn1.ASN1Sequence.getInstance(leaf.getEncoded()).toArray()).getEncoded();
        CertificateInputException e = assertThrows(CertificateInputException.class,
                () -> CertificateFiles.parse(berCertificate, "leaf.ber"));
        assertTrue(e.getMessage().contains("certificates must be DER"), e.getMessage());
    }

    @Test
    void saysAFileIsMissing() {
        Path missing = dir.resolve("nope.pem");
        CertificateInputException e = assertThrows(CertificateInputException.class, () -> CertificateFiles.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void saysAFileIsEmpty() throws Exception {
        Path empty = write("empty.pem", new byte[0]);
        CertificateInputException e = assertThrows(CertificateInputException.class, () -> CertificateFiles.read(empty));
        assertOneLine(e);
        assertTrue(e.getMessage().startsWith(empty.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void saysATruncatedDerCertificateIsTruncated() throws Exception {
        byte[] der = Vectors.bytes("certs/verisign-facebook-leaf.der");
        for (int cut : new int[] {der.length - 1, der.length / 2, 10, 4}) {
            Path file = write("cut" + cut + ".der", Arrays.copyOf(der, cut));
            CertificateInputException e = assertThrows(CertificateInputException.class, () -> CertificateFiles.read(file));
            assertOneLine(e);
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void saysATruncatedPemCertificateIsTruncated() throws Exception {
        byte[] der = Vectors.bytes("certs/verisign-facebook-leaf.der");
        Path file = write("cut.pem", pem(Arrays.copyOf(der, der.length - 30)).getBytes(StandardCharsets.US_ASCII));
        CertificateInputException e = assertThrows(CertificateInputException.class, () -> CertificateFiles.read(file));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("PEM block 1"), e.getMessage());
    }

    @Test
    void saysWhenBytesTrailTheCertificate() throws Exception {
        byte[] der = Vectors.bytes("certs/verisign-facebook-leaf.der");
        Path file = write("trailing.der", Arrays.copyOf(der, der.length + 3));
        CertificateInputException e = assertThrows(CertificateInputException.class, () -> CertificateFiles.read(file));
        assertOneLine(e);
        assertTrue(e.getMessage().contains("3 bytes of trailing data"), e.getMessage());
    }

    @Test
    void saysAPemHoldsOnlyAPrivateKey() throws Exception {
        String key = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----\n";
        Path file = write("key.pem", key.getBytes(StandardCharsets.US_ASCII));
        CertificateInputException e = assertThrows(CertificateInputException.class, () -> CertificateFiles.read(file));
        assertOneLine(e);
        assertTrue(e.getMessage().contains("no CERTIFICATE block"), e.getMessage());
        assertTrue(e.getMessage().contains("PRIVATE KEY"), e.getMessage());
    }

    @Test
    void saysAPemIsUnterminated() throws Exception {
        String cut = pem(Vectors.bytes("certs/verisign-facebook-leaf.der")).replace("-----END CERTIFICATE-----", "");
        CertificateInputException e = assertThrows(CertificateInputException.class,
                () -> CertificateFiles.parse(cut.getBytes(StandardCharsets.US_ASCII), "cut.pem"));
        assertTrue(e.getMessage().contains("unterminated or damaged PEM"), e.getMessage());
    }

    @Test
    void saysGarbageTextIsNotACertificate() throws Exception {
        Path file = write("notes.txt", "this is not a certificate\nat all\n".getBytes(StandardCharsets.US_ASCII));
        CertificateInputException e = assertThrows(CertificateInputException.class, () -> CertificateFiles.read(file));
        assertOneLine(e);
        assertTrue(e.getMessage().contains("not a certificate"), e.getMessage());
    }

    @Test
    void saysOtherDerIsNotACertificate() throws Exception {
        // an OCSP response is a DER SEQUENCE, but not a certificate
        CertificateInputException e = assertThrows(CertificateInputException.class,
                () -> CertificateFiles.parse(Vectors.bytes("ocsp/openssl/ND1.der"), "ND1.der"));
        assertOneLine(e);
        assertTrue(e.getMessage().startsWith("ND1.der: "), e.getMessage());
        assertTrue(e.getMessage().contains("not a certificate"), e.getMessage());
    }

    @Test
    void refusesACertificateWithANonMinimalSerial() {
        // OpenSSL rejects it too (README: cert-invalid-serial.der)
        CertificateInputException e = assertThrows(CertificateInputException.class,
                () -> CertificateFiles.read(Vectors.path("ocsp/boringssl/cert-invalid-serial.der")));
        assertOneLine(e);
        assertFalse(e.getMessage().isBlank());
    }

    private static void assertOneLine(Exception e) {
        assertFalse(e.getMessage().contains("\n"), () -> "one line: " + e.getMessage());
    }
}
