package dev.ocspwatch.common.x509;

import java.io.IOException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PSSParameterSpec;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Verifies X.509 and OCSP signatures with the JDK's providers (SunRsaSign, SunEC), which are
 * the fastest on this platform. Names the algorithms a report shows.
 */
public final class Signatures {
    private static final Map<String, String> JCA = Map.ofEntries(
            Map.entry("1.2.840.113549.1.1.4", "MD5withRSA"),
            Map.entry("1.2.840.113549.1.1.5", "SHA1withRSA"),
            Map.entry("1.2.840.113549.1.1.14", "SHA224withRSA"),
            Map.entry("1.2.840.113549.1.1.11", "SHA256withRSA"),
            Map.entry("1.2.840.113549.1.1.12", "SHA384withRSA"),
            Map.entry("1.2.840.113549.1.1.13", "SHA512withRSA"),
            Map.entry("1.2.840.113549.1.1.10", "RSASSA-PSS"),
            Map.entry("1.2.840.10045.4.1", "SHA1withECDSA"),
            Map.entry("1.2.840.10045.4.3.1", "SHA224withECDSA"),
            Map.entry("1.2.840.10045.4.3.2", "SHA256withECDSA"),
            Map.entry("1.2.840.10045.4.3.3", "SHA384withECDSA"),
            Map.entry("1.2.840.10045.4.3.4", "SHA512withECDSA"),
            Map.entry("1.3.101.112", "Ed25519"),
            Map.entry("1.3.101.113", "Ed448"),
            Map.entry("1.2.840.10040.4.3", "SHA1withDSA"),
            Map.entry("2.16.840.1.101.3.4.3.2", "SHA256withDSA"));

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("1.2.840.113549.1.1.2", "md2WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.4", "md5WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.5", "sha1WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.14", "sha224WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.11", "sha256WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.12", "sha384WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.13", "sha512WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.10", "rsassaPss"),
            Map.entry("1.2.840.10045.4.1", "ecdsa-with-SHA1"),
            Map.entry("1.2.840.10045.4.3.1", "ecdsa-with-SHA224"),
            Map.entry("1.2.840.10045.4.3.2", "ecdsa-with-SHA256"),
            Map.entry("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"),
            Map.entry("1.2.840.10045.4.3.4", "ecdsa-with-SHA512"),
            Map.entry("1.3.101.112", "Ed25519"),
            Map.entry("1.3.101.113", "Ed448"),
            Map.entry("1.2.840.10040.4.3", "dsa-with-SHA1"),
            Map.entry("2.16.840.1.101.3.4.3.2", "dsa-with-SHA256"));

    private Signatures() {
    }

    /** The name OpenSSL prints for an algorithm, or its OID when unknown. */
    public static String name(AlgorithmIdentifier algorithm) {
        String oid = algorithm.getAlgorithm().getId();
        return NAMES.getOrDefault(oid, oid);
    }

    public static boolean usesSha1(AlgorithmIdentifier algorithm) {
        String oid = algorithm.getAlgorithm().getId();
        return oid.equals("1.2.840.113549.1.1.5") || oid.equals("1.2.840.10045.4.1") || oid.equals("1.2.840.10040.4.3");
    }

    /**
     * True if {@code signature} over {@code data} verifies with {@code key}. A wrong key type or
     * a garbled signature is simply false; only an algorithm we cannot run at all throws.
     */
    public static boolean verify(AlgorithmIdentifier algorithm, PublicKey key, byte[] data, byte[] signature)
            throws UnsupportedSignatureAlgorithmException {
        String jca = JCA.get(algorithm.getAlgorithm().getId());
        if (jca == null) {
            throw new UnsupportedSignatureAlgorithmException(name(algorithm));
        }
        if (!parametersAllowed(jca, algorithm.getParameters())) {
            // RFC 4055 2.1 / RFC 5758 3.2: NULL (or absent) for PKCS#1 v1.5, absent for ECDSA and EdDSA.
            // Anything else makes the bytes malleable; strict verifiers (BoringSSL, Go) refuse it too.
            throw new UnsupportedSignatureAlgorithmException(name(algorithm) + " with unexpected parameters");
        }
        try {
            Signature verifier = jca.endsWith("withECDSA")
                    ? Signature.getInstance(jca, Providers.BOUNCY_CASTLE)
                    : Signature.getInstance(jca);
            if (jca.equals("RSASSA-PSS")) {
                verifier.setParameter(pssParameters(algorithm.getParameters()));
            }
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean parametersAllowed(String jca, ASN1Encodable parameters) {
        if (parameters == null || jca.equals("RSASSA-PSS")) {
            return true;
        }
        return jca.endsWith("withRSA") && parameters instanceof ASN1Null;
    }

    private static PSSParameterSpec pssParameters(ASN1Encodable parameters)
            throws GeneralSecurityException, IOException {
        if (parameters == null || parameters instanceof ASN1Null) {
            return PSSParameterSpec.DEFAULT;
        }
        AlgorithmParameters params = AlgorithmParameters.getInstance("RSASSA-PSS");
        params.init(parameters.toASN1Primitive().getEncoded());
        return params.getParameterSpec(PSSParameterSpec.class);
    }

    /** The signature algorithm exists, but this platform cannot verify it (MD2, an unknown OID). */
    public static final class UnsupportedSignatureAlgorithmException extends Exception {
        public UnsupportedSignatureAlgorithmException(String algorithm) {
            super("unsupported signature algorithm " + algorithm);
        }
    }
}
