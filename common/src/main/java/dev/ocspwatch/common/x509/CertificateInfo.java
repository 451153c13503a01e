package dev.ocspwatch.common.x509;

import dev.ocspwatch.common.id.Hex;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * What ocspwatch reads from a certificate: who it names, when it is valid, and where its
 * revocation information lives (RFC 5280 4.2.2.1 AIA id-ad-ocsp / id-ad-caIssuers, 4.2.1.13
 * CRL distribution points). Built from untrusted bytes: a damaged extension is an error that
 * names the extension, never a crash.
 */
public record CertificateInfo(
        String subject,
        String issuer,
        String serialHex,
        Instant notBefore,
        Instant notAfter,
        String sha256,
        String spkiSha256,
        String keyAlgorithm,
        String signatureAlgorithm,
        List<String> dnsNames,
        List<String> ocspUrls,
        List<String> caIssuersUrls,
        List<String> crlUrls,
        boolean precertificate,
        boolean ca) {

    /** The CT poison extension (RFC 6962 3.1) marks a precertificate. */
    public static final ASN1ObjectIdentifier CT_POISON = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.3");

    public static CertificateInfo of(X509CertificateHolder cert) throws CertificateInputException {
        Extensions extensions = cert.getExtensions();
        CertificateExtensions.Access access = CertificateExtensions.access(extensions);
        String keyAlgorithm;
        try {
            keyAlgorithm = PublicKeys.describe(PublicKeys.of(cert.getSubjectPublicKeyInfo()));
        } catch (GeneralSecurityException e) {
            keyAlgorithm = cert.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId();
        }
        byte[] encoded;
        try {
            encoded = cert.getEncoded();
        } catch (IOException e) {
            throw new CertificateInputException("certificate cannot be encoded: " + e.getMessage(), e);
        }
        return new CertificateInfo(
                DistinguishedNames.display(cert.getSubject()),
                DistinguishedNames.display(cert.getIssuer()),
                cert.getSerialNumber().toString(16),
                cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant(),
                Hex.of(sha256(encoded)),
                Hex.of(sha256(spki(cert))),
                keyAlgorithm,
                Signatures.name(cert.getSignatureAlgorithm()),
                CertificateExtensions.dnsNames(extensions),
                access.ocspUrls(),
                access.caIssuersUrls(),
                CertificateExtensions.crlUrls(extensions),
                extensions != null && extensions.getExtension(CT_POISON) != null,
                CertificateExtensions.isCa(extensions));
    }

    private static byte[] spki(X509CertificateHolder cert) throws CertificateInputException {
        try {
            return cert.getSubjectPublicKeyInfo().getEncoded();
        } catch (IOException e) {
            throw new CertificateInputException("certificate key cannot be encoded: " + e.getMessage(), e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
