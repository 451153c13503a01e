package dev.ocspwatch.lab.pki;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a simulated CA puts in a subscriber certificate. An empty {@code ocspUrls} makes a
 * certificate without an OCSP responder (NOT_APPLICABLE since ballot SC-063).
 */
public record CertificateProfile(
        List<String> dnsNames,
        Instant notBefore,
        Duration validity,
        List<String> ocspUrls,
        List<String> crlUrls,
        List<String> caIssuersUrls,
        boolean precertificate) {

    public CertificateProfile {
        dnsNames = List.copyOf(dnsNames);
        ocspUrls = List.copyOf(ocspUrls);
        crlUrls = List.copyOf(crlUrls);
        caIssuersUrls = List.copyOf(caIssuersUrls);
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(validity, "validity");
    }

    public CertificateProfile withPrecertificate(boolean precertificate) {
        return new CertificateProfile(dnsNames, notBefore, validity, ocspUrls, crlUrls, caIssuersUrls, precertificate);
    }

    public CertificateProfile withOcspUrls(List<String> urls) {
        return new CertificateProfile(dnsNames, notBefore, validity, urls, crlUrls, caIssuersUrls, precertificate);
    }
}
