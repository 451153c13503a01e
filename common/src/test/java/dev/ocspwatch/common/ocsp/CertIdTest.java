package dev.ocspwatch.common.ocsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocspwatch.common.Vectors;
import dev.ocspwatch.common.x509.IssuerCertificate;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CertIdTest {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * Every SingleResponse of these responses names a certificate of the issuer next to it: our
     * CertID for its serial, under its hash algorithm, must carry the hashes OpenSSL printed.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ocsp/openssl/ND1.der, ocsp/openssl/ND1_Issuer_ICA.pem",
            "ocsp/openssl/ND2.der, ocsp/openssl/ND2_Issuer_Root.pem",
            "ocsp/openssl/ND3.der, ocsp/openssl/ND3_Issuer_Root.pem",
            "ocsp/openssl/D1.der, ocsp/openssl/D1_Issuer_ICA.pem",
            "ocsp/openssl/D2.der, ocsp/openssl/D2_Issuer_Root.pem",
            "ocsp/openssl/D3.der, ocsp/openssl/D3_Issuer_Root.pem",
            "ocsp/golang-x-crypto/resp-gts1c3-good.der, ocsp/golang-x-crypto/cert-gts-ca-1c3.pem",
            "ocsp/golang-x-crypto/resp-comodo-ev-good-nocert.der, certs/comodo-ev-secure-server-ca.pem",
            "ocsp/golang-x-crypto/resp-revoked-single-ext-nonce.der, certs/verisign-intl-server-ca-class3.der",
            "ocsp/pyca/resp-sha256.der, ocsp/pyca/letsencryptx3.pem",
            "ocsp/pyca/resp-revoked-no-next-update.der, ocsp/pyca/rapidssl_sha256_ca_g3.pem",
            "ocsp/aws-lc/ocsp_response.der, ocsp/aws-lc/ca_cert.pem",
            "ocsp/aws-lc/ocsp_response_sha256.der, ocsp/aws-lc/ca_cert.pem",
            "ocsp/aws-lc/ocsp_response_unknown_sha256.der, ocsp/aws-lc/ca_cert.pem",
            "ocsp/boringssl/good_response.resp.der, ocsp/boringssl/ca-intermediate.der",
            "ocsp/rustcrypto/ocsp-multiple-responses-res.der, ocsp/rustcrypto/rsa-2048-sha256-ca.der",
            "ocsp/rustcrypto/sha1-certid-ocsp-res.der, ocsp/rustcrypto/rsa-2048-sha256-ca.der",
            "ocsp/rustcrypto/sha256-certid-ocsp-res.der, ocsp/rustcrypto/rsa-2048-sha256-ca.der",
            "ocsp/rustcrypto/sha512-certid-ocsp-res.der, ocsp/rustcrypto/rsa-2048-sha256-ca.der"})
    void computesTheCertIdsOpenSslPrinted(String response, String issuerFile) {
        IssuerCertificate issuer = Vectors.issuer(issuerFile);
        JsonNode singles = Vectors.fact(response).get("singleResponses");
        assertTrue(singles.size() > 0);
        for (JsonNode single : singles) {
            CertIdHash hash = CertIdHash.valueOf(single.get("hashAlg").asText().toUpperCase(Locale.ROOT));
            BigInteger serial = new BigInteger(single.get("serial").asText(), 16);
            CertId id = CertId.of(issuer, serial, hash);
            assertEquals(single.get("issuerNameHash").asText().toLowerCase(Locale.ROOT), id.issuerNameHash(), hash + " name hash");
            assertEquals(single.get("issuerKeyHash").asText().toLowerCase(Locale.ROOT), id.issuerKeyHash(), hash + " key hash");
            assertEquals(serial, id.serial());
            assertEquals(hash, id.hash());
        }
    }

    @Test
    void coversEveryCertIdHashAmongTheVectors() {
        // rustcrypto's 8 SingleResponses use all five hashes, so the test above checks each
        java.util.Set<String> hashes = new java.util.TreeSet<>();
        Vectors.fact("ocsp/rustcrypto/ocsp-multiple-responses-res.der").get("singleResponses")
                .forEach(s -> hashes.add(s.get("hashAlg").asText()));
        assertEquals(java.util.Set.of("sha1", "sha224", "sha256", "sha384", "sha512"), hashes);
    }

    @ParameterizedTest
    @EnumSource(CertIdHash.class)
    void encodesAsBouncyCastleComputesIt(CertIdHash hash) throws Exception {
        var issuerCert = Vectors.certificate("certs/gts-ca-1c3.pem");
        BigInteger serial = new BigInteger("111991593CD5A33D1231EA33C3644CDC", 16);
        CertId ours = CertId.of(IssuerCertificate.of(issuerCert), serial, hash);
        org.bouncycastle.asn1.ocsp.CertID asn1 = ours.toAsn1();
        assertEquals(DERNull.INSTANCE, asn1.getHashAlgorithm().getParameters(), "explicit NULL parameters");
        CertificateID theirs = new CertificateID(
                new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build().get(asn1.getHashAlgorithm()),
                issuerCert, serial);
        assertEquals(theirs.toASN1Primitive(), asn1);
        assertEquals(MessageDigest.getInstance(hash.jcaName()).getDigestLength() * 2, ours.issuerKeyHash().length());
    }

    @Test
    void knowsTheHashAlgorithmOids() {
        assertEquals(Optional.of(CertIdHash.SHA1), CertIdHash.fromOid(new ASN1ObjectIdentifier("1.3.14.3.2.26")));
        assertEquals(Optional.of(CertIdHash.SHA256), CertIdHash.fromOid(new ASN1ObjectIdentifier("2.16.840.1.101.3.4.2.1")));
        assertEquals(Optional.of(CertIdHash.SHA384), CertIdHash.fromOid(new ASN1ObjectIdentifier("2.16.840.1.101.3.4.2.2")));
        assertEquals(Optional.of(CertIdHash.SHA512), CertIdHash.fromOid(new ASN1ObjectIdentifier("2.16.840.1.101.3.4.2.3")));
        assertEquals(Optional.of(CertIdHash.SHA224), CertIdHash.fromOid(new ASN1ObjectIdentifier("2.16.840.1.101.3.4.2.4")));
        // pyca's resp-unknown-hash-alg.der: one arc more than SHA-1
        assertEquals(Optional.empty(), CertIdHash.fromOid(new ASN1ObjectIdentifier("1.3.14.3.2.26.17")));
    }

    @Test
    void comparesByValue() {
        IssuerCertificate issuer = Vectors.issuer("ocsp/boringssl/ca-intermediate.der");
        assertEquals(CertId.of(issuer, BigInteger.valueOf(5), CertIdHash.SHA1), CertId.of(issuer, BigInteger.valueOf(5), CertIdHash.SHA1));
        assertNotEquals(CertId.of(issuer, BigInteger.valueOf(5), CertIdHash.SHA1), CertId.of(issuer, BigInteger.valueOf(5), CertIdHash.SHA256));
        assertNotEquals(CertId.of(issuer, BigInteger.valueOf(5), CertIdHash.SHA1), CertId.of(issuer, BigInteger.valueOf(6), CertIdHash.SHA1));
    }

    @Test
    void requiresEveryField() {
        assertThrows(NullPointerException.class, () -> new CertId(null, "00", "00", BigInteger.ONE));
        assertThrows(NullPointerException.class, () -> new CertId(CertIdHash.SHA1, null, "00", BigInteger.ONE));
        assertThrows(NullPointerException.class, () -> new CertId(CertIdHash.SHA1, "00", null, BigInteger.ONE));
        assertThrows(NullPointerException.class, () -> new CertId(CertIdHash.SHA1, "00", "00", null));
    }

    @Test
    void encodesALargeSerialAsAPositiveInteger() {
        // a serial with the top bit set needs a leading zero byte in DER
        IssuerCertificate issuer = Vectors.issuer("ocsp/boringssl/ca-intermediate.der");
        CertId id = CertId.of(issuer, new BigInteger("ff", 16), CertIdHash.SHA1);
        assertEquals(new BigInteger("ff", 16), id.toAsn1().getSerialNumber().getValue());
        assertEquals("020200ff", HEX.formatHex(encoded(id.toAsn1().getSerialNumber())));
    }

    private static byte[] encoded(org.bouncycastle.asn1.ASN1Encodable e) {
        try {
            return e.toASN1Primitive().getEncoded();
        } catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
