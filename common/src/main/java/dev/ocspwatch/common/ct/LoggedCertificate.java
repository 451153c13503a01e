package dev.ocspwatch.common.ct;

import dev.ocspwatch.common.id.CertificateId;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A certificate or precertificate as discovery found it in a CT log: its identity (DESIGN.md,
 * "Identity and time"), the CT timestamp that starts its 15-minute clock, where it sits in the
 * log, what a prober needs (OCSP URLs, and the issuer certificate's DER to build a CertID and
 * check signatures), and what filters and reports show. For a precertificate every field but
 * the issuer comes from the logged TBSCertificate.
 *
 * @param issuerSpkiSha256 lower-case hex SHA-256 of the issuer's SubjectPublicKeyInfo
 * @param timestamp        the CT timestamp, ms since the epoch
 * @param logIndex         the entry's 0-based index in the log
 * @param issuerCertificate the issuer's DER certificate (for a precertificate the real issuer,
 *                          never a precertificate signing CA); not copied, treat as immutable
 */
public record LoggedCertificate(
        CertificateId certificateId,
        BigInteger serial,
        String issuerSpkiSha256,
        String subject,
        String issuerSubject,
        boolean precertificate,
        long timestamp,
        long logIndex,
        Instant notBefore,
        Instant notAfter,
        List<String> dnsNames,
        List<String> ocspUrls,
        List<String> crlUrls,
        byte[] issuerCertificate) {

    public LoggedCertificate {
        Objects.requireNonNull(certificateId, "certificateId");
        Objects.requireNonNull(issuerCertificate, "issuerCertificate");
        dnsNames = List.copyOf(dnsNames);
        ocspUrls = List.copyOf(ocspUrls);
        crlUrls = List.copyOf(crlUrls);
    }

    /** The serial as minimal lower-case hex, as in the certificate id. */
    public String serialHex() {
        return CertificateId.hex(serial);
    }

    /** False when the certificate names no OCSP responder: nothing to probe (NOT_APPLICABLE). */
    public boolean hasOcsp() {
        return !ocspUrls.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoggedCertificate other && certificateId.equals(other.certificateId)
                && serial.equals(other.serial) && issuerSpkiSha256.equals(other.issuerSpkiSha256)
                && subject.equals(other.subject) && issuerSubject.equals(other.issuerSubject)
                && precertificate == other.precertificate && timestamp == other.timestamp
                && logIndex == other.logIndex && notBefore.equals(other.notBefore) && notAfter.equals(other.notAfter)
                && dnsNames.equals(other.dnsNames) && ocspUrls.equals(other.ocspUrls) && crlUrls.equals(other.crlUrls)
                && Arrays.equals(issuerCertificate, other.issuerCertificate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(certificateId, timestamp, logIndex) * 31 + Arrays.hashCode(issuerCertificate);
    }

    @Override
    public String toString() {
        return "LoggedCertificate[" + certificateId + (precertificate ? " precert" : "") + ", index " + logIndex
                + ", timestamp " + timestamp + ", subject " + subject + ", issuer " + issuerSubject
                + ", ocsp " + ocspUrls + "]";
    }
}
