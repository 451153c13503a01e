package dev.ocspwatch.common.x509;

import dev.ocspwatch.common.id.Hex;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
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
        List<String> ocsp = new ArrayList<>();
        List<String> caIssuers = new ArrayList<>();
        readAia(extensions, ocsp, caIssuers);
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
                dnsNames(extensions),
                List.copyOf(ocsp),
                List.copyOf(caIssuers),
                crlUrls(extensions),
                extensions != null && extensions.getExtension(CT_POISON) != null,
                isCa(extensions));
    }

    private static void readAia(Extensions extensions, List<String> ocsp, List<String> caIssuers)
            throws CertificateInputException {
        if (extensions == null || extensions.getExtension(Extension.authorityInfoAccess) == null) {
            return;
        }
        try {
            AuthorityInformationAccess aia = AuthorityInformationAccess.fromExtensions(extensions);
            for (AccessDescription description : aia.getAccessDescriptions()) {
                String uri = uri(description.getAccessLocation());
                if (uri == null) {
                    continue;
                }
                if (description.getAccessMethod().equals(X509ObjectIdentifiers.id_ad_ocsp)) {
                    ocsp.add(uri);
                } else if (description.getAccessMethod().equals(X509ObjectIdentifiers.id_ad_caIssuers)) {
                    caIssuers.add(uri);
                }
            }
        } catch (RuntimeException e) {
            throw new CertificateInputException("damaged authorityInfoAccess extension: " + e.getMessage(), e);
        }
    }

    private static List<String> crlUrls(Extensions extensions) throws CertificateInputException {
        if (extensions == null || extensions.getExtension(Extension.cRLDistributionPoints) == null) {
            return List.of();
        }
        try {
            List<String> urls = new ArrayList<>();
            for (DistributionPoint point : CRLDistPoint.fromExtensions(extensions).getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                    continue;
                }
                for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                    String uri = uri(general);
                    if (uri != null) {
                        urls.add(uri);
                    }
                }
            }
            return List.copyOf(urls);
        } catch (RuntimeException e) {
            throw new CertificateInputException("damaged cRLDistributionPoints extension: " + e.getMessage(), e);
        }
    }

    private static List<String> dnsNames(Extensions extensions) throws CertificateInputException {
        if (extensions == null || extensions.getExtension(Extension.subjectAlternativeName) == null) {
            return List.of();
        }
        try {
            List<String> names = new ArrayList<>();
            for (GeneralName name : GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName).getNames()) {
                if (name.getTagNo() == GeneralName.dNSName || name.getTagNo() == GeneralName.iPAddress) {
                    names.add(name.getTagNo() == GeneralName.dNSName
                            ? ASN1IA5String.getInstance(name.getName()).getString()
                            : name.toString().substring(name.toString().indexOf(' ') + 1));
                }
            }
            return List.copyOf(names);
        } catch (RuntimeException e) {
            throw new CertificateInputException("damaged subjectAltName extension: " + e.getMessage(), e);
        }
    }

    private static boolean isCa(Extensions extensions) throws CertificateInputException {
        if (extensions == null || extensions.getExtension(Extension.basicConstraints) == null) {
            return false;
        }
        try {
            return BasicConstraints.fromExtensions(extensions).isCA();
        } catch (RuntimeException e) {
            throw new CertificateInputException("damaged basicConstraints extension: " + e.getMessage(), e);
        }
    }

    private static String uri(GeneralName name) {
        if (name.getTagNo() != GeneralName.uniformResourceIdentifier) {
            return null;
        }
        return ASN1IA5String.getInstance(name.getName()).getString();
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
