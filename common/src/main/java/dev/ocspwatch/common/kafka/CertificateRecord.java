package dev.ocspwatch.common.kafka;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ocspwatch.common.ct.LoggedCertificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A certificate or precertificate discovery found in a CT log: the value on
 * {@code ocspwatch.certificates} (keyed by {@link #certificateId()}) and one line of
 * {@code ocspwatch ct tail --json}. The same certificate may arrive several times (its
 * precertificate and final certificate, several logs): the collector keeps the earliest
 * {@link #timestamp()}. The issuer's certificate travels on {@code ocspwatch.issuers}, keyed by
 * {@link #issuerSpkiSha256()}.
 *
 * @param serial lower-case hex
 * @param timestamp the CT timestamp in ms: when the 15-minute clock started, as far as this log knows
 * @param logId base64 RFC 6962 log id of the log it was found in
 * @param discoveredAt when discovery read it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateRecord(
        String certificateId,
        String serial,
        String issuerSpkiSha256,
        String subject,
        String issuerSubject,
        boolean precert,
        long timestamp,
        String logId,
        String logName,
        long logIndex,
        Instant notBefore,
        Instant notAfter,
        List<String> dnsNames,
        List<String> ocspUrls,
        List<String> crlUrls,
        Instant discoveredAt) {

    public CertificateRecord {
        Objects.requireNonNull(certificateId, "certificateId");
        dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
        ocspUrls = ocspUrls == null ? List.of() : List.copyOf(ocspUrls);
        crlUrls = crlUrls == null ? List.of() : List.copyOf(crlUrls);
    }

    public static CertificateRecord of(LoggedCertificate logged, String logId, String logName, Instant discoveredAt) {
        return new CertificateRecord(logged.certificateId().toString(), logged.serialHex(), logged.issuerSpkiSha256(),
                logged.subject(), logged.issuerSubject(), logged.precertificate(), logged.timestamp(), logId, logName,
                logged.logIndex(), logged.notBefore(), logged.notAfter(), logged.dnsNames(), logged.ocspUrls(),
                logged.crlUrls(), discoveredAt);
    }

    public boolean hasOcsp() {
        return !ocspUrls.isEmpty();
    }
}
