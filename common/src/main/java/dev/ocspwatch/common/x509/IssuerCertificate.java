package dev.ocspwatch.common.x509;

import dev.ocspwatch.common.id.CertificateId;
import dev.ocspwatch.common.id.Hex;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A CA certificate as OCSP needs it: its exact subject bytes (issuerNameHash), the value of
 * its subjectPublicKey BIT STRING (issuerKeyHash, ResponderID byKey), its whole SPKI (the
 * certificate id) and its key (signatures). Built once per issuer; the hashes are cached
 * because every probe of every certificate under this issuer needs them.
 */
public final class IssuerCertificate {
    private final X509CertificateHolder certificate;
    private final byte[] subjectDer;
    private final byte[] spkiDer;
    private final byte[] publicKeyBits;
    private final PublicKey publicKey;
    private final String spkiSha256;
    private final ConcurrentMap<String, byte[]> nameHashes = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, byte[]> keyHashes = new ConcurrentHashMap<>();
    private final ConcurrentMap<ByteBuffer, Boolean> signedMemo = new ConcurrentHashMap<>();
    private static final int SIGNED_MEMO_LIMIT = 256;

    private IssuerCertificate(X509CertificateHolder certificate, byte[] subjectDer, byte[] spkiDer,
                              byte[] publicKeyBits, PublicKey publicKey) {
        this.certificate = certificate;
        this.subjectDer = subjectDer;
        this.spkiDer = spkiDer;
        this.publicKeyBits = publicKeyBits;
        this.publicKey = publicKey;
        this.spkiSha256 = Hex.of(digest("SHA-256", spkiDer));
    }

    public static IssuerCertificate of(X509CertificateHolder certificate) throws CertificateInputException {
        try {
            ASN1Sequence tbs = ASN1Sequence.getInstance(
                    ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(certificate.getEncoded())).getObjectAt(0));
            // TBSCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer,
            //                               validity, subject, subjectPublicKeyInfo, ... }
            int offset = tbs.getObjectAt(0) instanceof ASN1TaggedObject ? 1 : 0;
            byte[] subject = tbs.getObjectAt(offset + 4).toASN1Primitive().getEncoded();
            byte[] spki = tbs.getObjectAt(offset + 5).toASN1Primitive().getEncoded();
            byte[] keyBits = certificate.getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
            PublicKey key = PublicKeys.of(certificate.getSubjectPublicKeyInfo());
            return new IssuerCertificate(certificate, subject, spki, keyBits, key);
        } catch (IOException | RuntimeException e) {
            throw new CertificateInputException("issuer certificate is damaged: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CertificateInputException("issuer certificate key: " + e.getMessage(), e);
        }
    }

    public X509CertificateHolder certificate() {
        return certificate;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** Lower-case hex SHA-256 of the DER SubjectPublicKeyInfo: the left half of a certificate id. */
    public String spkiSha256() {
        return spkiSha256;
    }

    public CertificateId certificateId(BigInteger serial) {
        return new CertificateId(spkiSha256, serial);
    }

    /** Hash of the DER subject name, with a JCA digest name such as "SHA-1". */
    public byte[] nameHash(String digestAlgorithm) {
        return nameHashes.computeIfAbsent(digestAlgorithm, a -> digest(a, subjectDer)).clone();
    }

    /** Hash of the subjectPublicKey BIT STRING value (not of the whole SPKI), per RFC 6960 4.1.1. */
    public byte[] keyHash(String digestAlgorithm) {
        return keyHashes.computeIfAbsent(digestAlgorithm, a -> digest(a, publicKeyBits)).clone();
    }

    public boolean keyHashEquals(String digestAlgorithm, byte[] hash) {
        return Arrays.equals(keyHashes.computeIfAbsent(digestAlgorithm, a -> digest(a, publicKeyBits)), hash);
    }

    public boolean nameHashEquals(String digestAlgorithm, byte[] hash) {
        return Arrays.equals(nameHashes.computeIfAbsent(digestAlgorithm, a -> digest(a, subjectDer)), hash);
    }

    /**
     * Whether this issuer's key verifies the signature on {@code subject}. Answers are remembered
     * per exact certificate bytes: a CA's delegated responder certificate signs every response for
     * days, and re-verifying it would double the cost of checking each one.
     */
    public boolean signed(X509CertificateHolder subject) {
        byte[] der;
        try {
            der = subject.getEncoded();
        } catch (IOException e) {
            return false;
        }
        ByteBuffer key = ByteBuffer.wrap(der);
        Boolean known = signedMemo.get(key);
        if (known != null) {
            return known;
        }
        boolean verified;
        try {
            verified = Signatures.verify(subject.getSignatureAlgorithm(), publicKey,
                    DerSlice.firstElementOfSequence(der), subject.getSignature());
        } catch (Signatures.UnsupportedSignatureAlgorithmException | RuntimeException e) {
            // RuntimeException: a damaged certificate (e.g. a signature BIT STRING with unused bits) was not signed
            verified = false;
        }
        if (signedMemo.size() >= SIGNED_MEMO_LIMIT) {
            signedMemo.clear(); // bounded: a flood of distinct certificates must not grow memory
        }
        signedMemo.put(key, verified);
        return verified;
    }

    static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unsupported digest " + algorithm, e);
        }
    }
}
