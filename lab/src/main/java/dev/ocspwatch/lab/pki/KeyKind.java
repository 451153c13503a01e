package dev.ocspwatch.lab.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** The key types the simulated CAs use, as real public CAs do: RSA-2048 and ECDSA P-256. */
public enum KeyKind {
    RSA_2048("SHA256withRSA"),
    ECDSA_P256("SHA256withECDSA");

    private final String signatureAlgorithm;

    KeyKind(String signatureAlgorithm) {
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The JCA signature algorithm this kind of key signs certificates and responses with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public KeyPair generate() {
        try {
            if (this == RSA_2048) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always provides " + this, e);
        }
    }
}
