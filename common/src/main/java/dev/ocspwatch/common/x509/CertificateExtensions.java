package dev.ocspwatch.common.x509;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1IA5String;
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

/**
 * Reads the extensions ocspwatch cares about from untrusted bytes: where revocation information
 * lives (AIA, CRL distribution points), the names (subjectAltName) and whether it is a CA. A
 * damaged extension is an error naming it. Works on a certificate's or a bare TBSCertificate's
 * extensions alike (a precertificate in a CT log is only a TBSCertificate).
 */
public final class CertificateExtensions {
    private CertificateExtensions() {
    }

    /** AIA's OCSP responders and caIssuers URLs (RFC 5280 4.2.2.1). */
    public record Access(List<String> ocspUrls, List<String> caIssuersUrls) {
        public Access {
            ocspUrls = List.copyOf(ocspUrls);
            caIssuersUrls = List.copyOf(caIssuersUrls);
        }
    }

    public static Access access(Extensions extensions) throws CertificateInputException {
        List<String> ocsp = new ArrayList<>();
        List<String> caIssuers = new ArrayList<>();
        readAia(extensions, ocsp, caIssuers);
        return new Access(ocsp, caIssuers);
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

    /** The full-name URIs of the CRL distribution points (RFC 5280 4.2.1.13). */
    public static List<String> crlUrls(Extensions extensions) throws CertificateInputException {
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

    /** The DNS names and IP addresses of subjectAltName. */
    public static List<String> dnsNames(Extensions extensions) throws CertificateInputException {
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

    public static boolean isCa(Extensions extensions) throws CertificateInputException {
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
}
