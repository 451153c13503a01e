package dev.ocspwatch.common.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignaturesTest {
    private static final KeyPair EC = TestPki.ecKeyPair();
    private static final byte[] DATA = "tbsResponseData".getBytes(StandardCharsets.US_ASCII);

    private static AlgorithmIdentifier alg(String oid) {
        return new AlgorithmIdentifier(new ASN1ObjectIdentifier(oid));
    }

    private static byte[] sign(String jca, KeyPair key, byte[] data) throws Exception {
        Signature s = Signature.getInstance(jca);
        s.initSign(key.getPrivate());
        s.update(data);
        return s.sign();
    }

    @ParameterizedTest
    @CsvSource({
            "1.2.840.113549.1.1.5, sha1WithRSAEncryption, true",
            "1.2.840.113549.1.1.11, sha256WithRSAEncryption, false",
            "1.2.840.113549.1.1.2, md2WithRSAEncryption, false",
            "1.2.840.10045.4.1, ecdsa-with-SHA1, true",
            "1.2.840.10045.4.3.2, ecdsa-with-SHA256, false",
            "1.2.840.10040.4.3, dsa-with-SHA1, true",
            "1.3.101.112, Ed25519, false",
            "1.2.3.4, 1.2.3.4, false"})
    void namesAlgorithmsAsOpenSslPrintsThemAndSpotsSha1(String oid, String name, boolean sha1) {
        assertEquals(name, Signatures.name(alg(oid)));
        assertEquals(sha1, Signatures.usesSha1(alg(oid)));
    }

    @Test
    void verifiesAnEcdsaSignatureAndNothingElse() throws Exception {
        byte[] signature = sign("SHA256withECDSA", EC, DATA);
        AlgorithmIdentifier ecdsaSha256 = alg("1.2.840.10045.4.3.2");
        assertTrue(Signatures.verify(ecdsaSha256, EC.getPublic(), DATA, signature));
        assertFalse(Signatures.verify(ecdsaSha256, EC.getPublic(), "other".getBytes(StandardCharsets.US_ASCII), signature));
        assertFalse(Signatures.verify(ecdsaSha256, TestPki.ecKeyPair().getPublic(), DATA, signature));
        assertFalse(Signatures.verify(alg("1.2.840.10045.4.3.3"), EC.getPublic(), DATA, signature), "wrong hash");
        assertFalse(Signatures.verify(ecdsaSha256, EC.getPublic(), DATA, new byte[] {0x30, 0x00}), "garbled signature is false");
        assertFalse(Signatures.verify(alg("1.2.840.113549.1.1.11"), EC.getPublic(), DATA, signature), "wrong key type is false");
    }

    @Test
    void verifiesEd25519() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertTrue(Signatures.verify(alg("1.3.101.112"), ed.getPublic(), DATA, sign("Ed25519", ed, DATA)));
    }

    @Test
    void verifiesRsaPssWithItsParameters() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rsa = generator.generateKeyPair();
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        s.initSign(rsa.getPrivate());
        s.update(DATA);
        byte[] signature = s.sign();
        AlgorithmIdentifier sha256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);
        AlgorithmIdentifier pss = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS, new RSASSAPSSparams(sha256,
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, sha256), new org.bouncycastle.asn1.ASN1Integer(32),
                new org.bouncycastle.asn1.ASN1Integer(1)));
        assertTrue(Signatures.verify(pss, rsa.getPublic(), DATA, signature));
        assertFalse(Signatures.verify(alg("1.2.840.113549.1.1.10"), rsa.getPublic(), DATA, signature),
                "default PSS parameters (SHA-1) do not verify a SHA-256 PSS signature");
    }

    @Test
    void refusesAlgorithmsItCannotRun() {
        Signatures.UnsupportedSignatureAlgorithmException e = assertThrows(Signatures.UnsupportedSignatureAlgorithmException.class,
                () -> Signatures.verify(alg("1.2.840.113549.1.1.2"), EC.getPublic(), DATA, new byte[64]));
        assertEquals("unsupported signature algorithm md2WithRSAEncryption", e.getMessage());
        assertThrows(Signatures.UnsupportedSignatureAlgorithmException.class,
                () -> Signatures.verify(alg("1.2.3.4"), EC.getPublic(), DATA, new byte[64]));
    }

    @Test
    void refusesRsaAndEcdsaAlgorithmIdentifiersWithUnexpectedParameters() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rsa = generator.generateKeyPair();
        byte[] rsaSignature = sign("SHA256withRSA", rsa, DATA);
        ASN1ObjectIdentifier sha256WithRsa = new ASN1ObjectIdentifier("1.2.840.113549.1.1.11");
        assertTrue(Signatures.verify(new AlgorithmIdentifier(sha256WithRsa, DERNull.INSTANCE), rsa.getPublic(), DATA, rsaSignature),
                "NULL parameters, as RFC 4055 asks");
        assertTrue(Signatures.verify(new AlgorithmIdentifier(sha256WithRsa), rsa.getPublic(), DATA, rsaSignature),
                "absent parameters, which some encoders write");
        Signatures.UnsupportedSignatureAlgorithmException e = assertThrows(Signatures.UnsupportedSignatureAlgorithmException.class,
                () -> Signatures.verify(new AlgorithmIdentifier(sha256WithRsa, new org.bouncycastle.asn1.ASN1Integer(7)),
                        rsa.getPublic(), DATA, rsaSignature));
        assertTrue(e.getMessage().contains("sha256WithRSAEncryption with unexpected parameters"), e.getMessage());

        byte[] ecSignature = sign("SHA256withECDSA", EC, DATA);
        assertThrows(Signatures.UnsupportedSignatureAlgorithmException.class,
                () -> Signatures.verify(new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.2.840.10045.4.3.2"), DERNull.INSTANCE),
                        EC.getPublic(), DATA, ecSignature), "ECDSA takes no parameters, not even NULL (RFC 5758 3.2)");
    }
}
