package dev.ocspwatch.common.x509;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Turns a SubjectPublicKeyInfo into a JCA key, so signature checks run on the JDK's fast providers. */
public final class PublicKeys {
    private static final Map<String, String> KEY_FACTORY = Map.of(
            "1.2.840.113549.1.1.1", "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            "1.2.840.10045.2.1", "EC",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448",
            "1.2.840.10040.4.1", "DSA");

    private PublicKeys() {
    }

    public static PublicKey of(SubjectPublicKeyInfo spki) throws GeneralSecurityException {
        ASN1ObjectIdentifier oid = spki.getAlgorithm().getAlgorithm();
        String factory = KEY_FACTORY.get(oid.getId());
        if (factory == null) {
            throw new GeneralSecurityException("unsupported public key algorithm " + oid.getId());
        }
        try {
            KeyFactory keyFactory = factory.equals("EC")
                    ? KeyFactory.getInstance(factory, Providers.BOUNCY_CASTLE)
                    : KeyFactory.getInstance(factory);
            return keyFactory.generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot encode public key", e);
        }
    }

    /** "RSA 2048", "EC 256": what a report shows about a key. */
    public static String describe(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return "ECDSA P-" + ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof org.bouncycastle.jce.interfaces.ECPublicKey ec) {
            return "ECDSA P-" + ec.getParameters().getCurve().getFieldSize();
        }
        if (key instanceof java.security.interfaces.EdECPublicKey ed) {
            return ed.getParams().getName();
        }
        return key.getAlgorithm();
    }
}
