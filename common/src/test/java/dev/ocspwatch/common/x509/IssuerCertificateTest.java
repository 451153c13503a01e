package dev.ocspwatch.common.x509;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.TestPki;
import dev.ocspwatch.common.Vectors;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IssuerCertificateTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String factHash(String response, String field) {
        return Vectors.fact(response).get("singleResponses").get(0).get(field).asText().toLowerCase(Locale.ROOT);
    }

    private static byte[] sha1(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-1").digest(data);
    }

    private static X509Certificate jdk(X509CertificateHolder holder) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
    }

    /** The issuer's name and key hashes, against the CertIDs OpenSSL printed for real responses. */
    @ParameterizedTest(name = "{1}")
    @CsvSource({
            "ocsp/openssl/ND1.der, ocsp/openssl/ND1_Issuer_ICA.pem",
            "ocsp/openssl/D1.der, ocsp/openssl/D1_Issuer_ICA.pem",
            "ocsp/golang-x-crypto/resp-gts1c3-good.der, certs/gts-ca-1c3.pem",
            "ocsp/pyca/resp-sha256.der, ocsp/pyca/letsencryptx3.pem",
            "ocsp/boringssl/good_response.resp.der, ocsp/boringssl/ca-intermediate.der"})
    void hashesTheKeyBitStringValueNotTheWholeSpki(String response, String issuerFile) throws Exception {
        X509CertificateHolder cert = Vectors.certificate(issuerFile);
        IssuerCertificate issuer = IssuerCertificate.of(cert);
        assertEquals(factHash(response, "issuerKeyHash"), HEX.formatHex(issuer.keyHash("SHA-1")));
        assertNotEquals(HEX.formatHex(sha1(cert.getSubjectPublicKeyInfo().getEncoded())), HEX.formatHex(issuer.keyHash("SHA-1")),
                "the whole SPKI's hash is a different value");
        assertEquals(factHash(response, "issuerNameHash"), HEX.formatHex(issuer.nameHash("SHA-1")));
        // the JDK's view of the subject bytes gives the same name hash
        assertArrayEquals(sha1(jdk(cert).getSubjectX500Principal().getEncoded()), issuer.nameHash("SHA-1"));
    }

    @Test
    void hashesUnderSha256AsAwsLcDid() {
        IssuerCertificate issuer = Vectors.issuer("ocsp/aws-lc/ca_cert.pem");
        assertEquals(factHash("ocsp/aws-lc/ocsp_response_sha256.der", "issuerKeyHash"), HEX.formatHex(issuer.keyHash("SHA-256")));
        assertEquals(factHash("ocsp/aws-lc/ocsp_response_sha256.der", "issuerNameHash"), HEX.formatHex(issuer.nameHash("SHA-256")));
    }

    @Test
    void tellsTheWrongNameAndWrongKeyVariantsApart() {
        IssuerCertificate real = Vectors.issuer("ocsp/openssl/ND1_Issuer_ICA.pem");
        IssuerCertificate wrongName = Vectors.issuer("ocsp/openssl/WSNIC_ND1_Issuer_ICA.pem");
        IssuerCertificate wrongKey = Vectors.issuer("ocsp/openssl/WKIC_ND1_Issuer_ICA.pem");
        byte[] nameHash = HEX.parseHex(factHash("ocsp/openssl/ND1.der", "issuerNameHash"));
        byte[] keyHash = HEX.parseHex(factHash("ocsp/openssl/ND1.der", "issuerKeyHash"));
        assertTrue(real.nameHashEquals("SHA-1", nameHash) && real.keyHashEquals("SHA-1", keyHash));
        assertFalse(wrongName.nameHashEquals("SHA-1", nameHash));
        assertTrue(wrongName.keyHashEquals("SHA-1", keyHash));
        assertTrue(wrongKey.nameHashEquals("SHA-1", nameHash));
        assertFalse(wrongKey.keyHashEquals("SHA-1", keyHash));
    }

    @Test
    void hashesTheWholeSpkiForTheCertificateId() throws Exception {
        X509CertificateHolder cert = Vectors.certificate("certs/gts-ca-1c3.pem");
        IssuerCertificate issuer = IssuerCertificate.of(cert);
        String expected = HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(jdk(cert).getPublicKey().getEncoded()));
        assertEquals(expected, issuer.spkiSha256());
        assertEquals(expected + ":111991593cd5a33d1231ea33c3644cdc",
                issuer.certificateId(new BigInteger("111991593CD5A33D1231EA33C3644CDC", 16)).toString());
    }

    @Test
    void handsOutCopiesOfItsCachedHashes() {
        IssuerCertificate issuer = Vectors.issuer("ocsp/openssl/ND1_Issuer_ICA.pem");
        byte[] first = issuer.keyHash("SHA-1");
        first[0] ^= 1;
        assertNotEquals(HEX.formatHex(first), HEX.formatHex(issuer.keyHash("SHA-1")));
        byte[] name = issuer.nameHash("SHA-1");
        name[0] ^= 1;
        assertFalse(issuer.nameHashEquals("SHA-1", name));
    }

    @Test
    void rejectsAnUnknownDigestName() {
        assertThrows(IllegalArgumentException.class, () -> Vectors.issuer("ocsp/openssl/ND1_Issuer_ICA.pem").keyHash("SHA-0"));
    }

    @ParameterizedTest(name = "{1} signed {0}")
    @CsvSource({
            "certs/comodo-secure.comodo.com-leaf.pem, certs/comodo-ev-secure-server-ca.pem",
            "certs/globalsign-ev-leaf.pem, certs/globalsign-ev-ca-g2.pem",
            "certs/gts-www.google.com-leaf.pem, certs/gts-ca-1c3.pem",
            "certs/gts-ca-1c3.pem, certs/gts-root-r1.pem",
            "certs/gts-root-r1.pem, certs/gts-root-r1.pem",
            "certs/rapidssl-www.cryptography.io-leaf.pem, certs/rapidssl-sha256-ca-g3.pem",
            "certs/verisign-facebook-leaf.der, certs/verisign-intl-server-ca-class3.der",
            "ocsp/openssl/D3_Cert_EE.pem, ocsp/openssl/D3_Issuer_Root.pem",
            "ocsp/aws-lc/ocsp_cert.pem, ocsp/aws-lc/ca_cert.pem",
            "ocsp/aws-lc/ecdsa_cert.pem, ocsp/aws-lc/ca_cert.pem"})
    void verifiesRealIssuerSignatures(String subject, String issuer) {
        assertTrue(Vectors.issuer(issuer).signed(Vectors.certificate(subject)));
    }

    @ParameterizedTest(name = "{1} did not sign {0}")
    @CsvSource({
            "certs/comodo-secure.comodo.com-leaf.pem, ocsp/openssl/WKIC_ND1_Issuer_ICA.pem",
            "certs/gts-www.google.com-leaf.pem, certs/gts-root-r1.pem",
            "certs/gts-ca-1c3.pem, certs/gts-www.google.com-leaf.pem",
            "certs/globalsign-ev-leaf.pem, certs/comodo-ev-secure-server-ca.pem"})
    void rejectsSignaturesItDidNotMake(String subject, String issuer) {
        assertFalse(Vectors.issuer(issuer).signed(Vectors.certificate(subject)));
    }

    @Test
    void verifiesADelegatedResponderCertificateButNotItsTamperedTwin() throws Exception {
        IssuerCertificate globalSign = Vectors.issuer("ocsp/openssl/D1_Issuer_ICA.pem");
        assertTrue(globalSign.signed(embedded("ocsp/openssl/D1.der")));
        assertFalse(globalSign.signed(embedded("ocsp/openssl/ISDOSC_D1.der")), "ISDOSC: invalid signature on the responder cert");
    }

    @Test
    void saysNotSignedForACertificateWithADamagedSignatureBitString() throws Exception {
        byte[] der = Vectors.certificate("certs/comodo-secure.comodo.com-leaf.pem").getEncoded();
        // Certificate ends with the signature: BIT STRING 03 82 01 01, 00 unused bits, 256 bytes
        int unusedBits = der.length - 257;
        assertEquals("0382010100", HEX.formatHex(der, unusedBits - 4, unusedBits + 1));
        der[unusedBits] = 0x01;
        X509CertificateHolder damaged = new X509CertificateHolder(der);
        assertFalse(Vectors.issuer("certs/comodo-ev-secure-server-ca.pem").signed(damaged));
    }

    @Test
    void refusesAnIssuerWhoseKeyItCannotUse() throws Exception {
        KeyPair signer = TestPki.ecKeyPair();
        SubjectPublicKeyInfo strange = new SubjectPublicKeyInfo(new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.2.3.4.5")), new byte[32]);
        X509CertificateHolder cert = new X509v3CertificateBuilder(TestPki.name("Strange CA"), BigInteger.ONE,
                Date.from(Instant.parse("2025-01-01T00:00:00Z")), Date.from(Instant.parse("2026-01-01T00:00:00Z")),
                TestPki.name("Strange CA"), strange).build(TestPki.signer("SHA256withECDSA", signer.getPrivate()));
        CertificateInputException e = assertThrows(CertificateInputException.class, () -> IssuerCertificate.of(cert));
        assertTrue(e.getMessage().contains("1.2.3.4.5"), e.getMessage());
    }

    @Test
    void keepsTheCertificateAndItsKey() throws Exception {
        X509CertificateHolder cert = Vectors.certificate("ocsp/aws-lc/ca_cert.pem");
        IssuerCertificate issuer = IssuerCertificate.of(cert);
        assertEquals(cert, issuer.certificate());
        assertArrayEquals(jdk(cert).getPublicKey().getEncoded(), issuer.publicKey().getEncoded());
    }

    private static X509CertificateHolder embedded(String response) throws Exception {
        return ((BasicOCSPResp) new OCSPResp(Vectors.bytes(response)).getResponseObject()).getCerts()[0];
    }
}
