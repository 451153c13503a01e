package dev.ocspwatch.common.x509;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.Vectors;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

class PublicKeysTest {
    @Test
    void readsRsaAndEcKeysOfRealCertificates() throws Exception {
        SubjectPublicKeyInfo rsa = Vectors.certificate("certs/gts-root-r1.pem").getSubjectPublicKeyInfo();
        PublicKey rsaKey = PublicKeys.of(rsa);
        assertEquals("RSA", rsaKey.getAlgorithm());
        assertArrayEquals(rsa.getEncoded(), rsaKey.getEncoded());
        assertEquals("RSA 4096", PublicKeys.describe(rsaKey));
        PublicKey ec = PublicKeys.of(Vectors.certificate("ocsp/aws-lc/ecdsa_cert.pem").getSubjectPublicKeyInfo());
        assertEquals("ECDSA P-256", PublicKeys.describe(ec));
    }

    @Test
    void readsEd25519() throws Exception {
        java.security.KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        PublicKey read = PublicKeys.of(SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()));
        java.security.Signature signer = java.security.Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        assertTrue(Signatures.verify(new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.101.112")), read,
                new byte[] {1, 2, 3}, signature));
        assertEquals("Ed25519", PublicKeys.describe(read), "the curve, not just EdDSA");
    }

    @Test
    void namesAnAlgorithmItDoesNotKnow() {
        SubjectPublicKeyInfo strange = new SubjectPublicKeyInfo(new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.2.3.4")), new byte[8]);
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> PublicKeys.of(strange));
        assertTrue(e.getMessage().contains("1.2.3.4"), e.getMessage());
    }
}
