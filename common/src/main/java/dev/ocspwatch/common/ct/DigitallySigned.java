package dev.ocspwatch.common.ct;

import dev.ocspwatch.common.x509.Signatures;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * A TLS 1.2 {@code digitally-signed} element (RFC 5246 4.7) as RFC 6962 logs use it for SCTs and
 * tree heads:
 * <pre>
 * struct {
 *   SignatureAndHashAlgorithm algorithm;   -- uint8 hash, uint8 signature
 *   opaque signature&lt;0..2^16-1&gt;;
 * } DigitallySigned;
 * </pre>
 * RFC 6962 2.1.4 allows exactly sha256(4) with ecdsa(3) (P-256) or rsa(1) (PKCS#1 v1.5);
 * anything else does not verify.
 */
public record DigitallySigned(int hashAlgorithm, int signatureAlgorithm, byte[] signature) {
    public static final int SHA256 = 4;
    public static final int RSA = 1;
    public static final int ECDSA = 3;

    private static final AlgorithmIdentifier ECDSA_SHA256 =
            new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.2.840.10045.4.3.2"));
    private static final AlgorithmIdentifier RSA_SHA256 = new AlgorithmIdentifier(
            new ASN1ObjectIdentifier("1.2.840.113549.1.1.11"), DERNull.INSTANCE);

    public DigitallySigned {
        if (hashAlgorithm < 0 || hashAlgorithm > 255 || signatureAlgorithm < 0 || signatureAlgorithm > 255) {
            throw new IllegalArgumentException("hash and signature algorithms are single bytes: "
                    + hashAlgorithm + ", " + signatureAlgorithm);
        }
        if (signature.length > 0xffff) {
            throw new IllegalArgumentException("signature must be at most 65535 bytes, was " + signature.length);
        }
    }

    public static DigitallySigned parse(byte[] bytes) throws CtFormatException {
        TlsReader reader = new TlsReader(bytes);
        DigitallySigned signed = read(reader);
        reader.expectEnd("the DigitallySigned");
        return signed;
    }

    static DigitallySigned read(TlsReader reader) throws CtFormatException {
        int hash = reader.uint8("hash algorithm");
        int signatureAlgorithm = reader.uint8("signature algorithm");
        return new DigitallySigned(hash, signatureAlgorithm, reader.opaque16("signature", 0));
    }

    public byte[] encode() {
        TlsWriter writer = new TlsWriter(4 + signature.length);
        writeTo(writer);
        return writer.toByteArray();
    }

    void writeTo(TlsWriter writer) {
        writer.uint8(hashAlgorithm, "hash algorithm").uint8(signatureAlgorithm, "signature algorithm")
                .opaque16(signature, "signature");
    }

    /**
     * Signs {@code data} with SHA-256 and the key's algorithm: ECDSA (DER signature, as logs
     * write it) for an EC key, PKCS#1 v1.5 for an RSA key.
     */
    public static DigitallySigned sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
        int algorithm;
        String jca;
        if (key instanceof ECKey) {
            algorithm = ECDSA;
            jca = "SHA256withECDSA";
        } else if (key instanceof RSAKey) {
            algorithm = RSA;
            jca = "SHA256withRSA";
        } else {
            throw new GeneralSecurityException("RFC 6962 logs sign with ECDSA or RSA keys, not " + key.getAlgorithm());
        }
        Signature signer = Signature.getInstance(jca);
        signer.initSign(key);
        signer.update(data);
        return new DigitallySigned(SHA256, algorithm, signer.sign());
    }

    /** True if this is a sha256 ECDSA or RSA signature over {@code data} by {@code key}. */
    public boolean verify(PublicKey key, byte[] data) {
        AlgorithmIdentifier algorithm = algorithmIdentifier();
        if (algorithm == null) {
            return false;
        }
        try {
            return Signatures.verify(algorithm, key, data, signature);
        } catch (Signatures.UnsupportedSignatureAlgorithmException e) {
            return false;
        }
    }

    /** The X.509 algorithm this pair means, or null if RFC 6962 does not allow it. */
    public AlgorithmIdentifier algorithmIdentifier() {
        if (hashAlgorithm != SHA256) {
            return null;
        }
        return switch (signatureAlgorithm) {
            case ECDSA -> ECDSA_SHA256;
            case RSA -> RSA_SHA256;
            default -> null;
        };
    }

    /** "sha256/ecdsa", "hash 2/signature 3": for messages. */
    public String describe() {
        String hash = hashAlgorithm == SHA256 ? "sha256" : "hash " + hashAlgorithm;
        String sig = switch (signatureAlgorithm) {
            case ECDSA -> "ecdsa";
            case RSA -> "rsa";
            default -> "signature " + signatureAlgorithm;
        };
        return hash + "/" + sig;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DigitallySigned other && hashAlgorithm == other.hashAlgorithm
                && signatureAlgorithm == other.signatureAlgorithm && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return (hashAlgorithm * 31 + signatureAlgorithm) * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "DigitallySigned[" + describe() + ", " + signature.length + " bytes]";
    }
}
