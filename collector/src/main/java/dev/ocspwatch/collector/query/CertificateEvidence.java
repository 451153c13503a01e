package dev.ocspwatch.collector.query;

import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.IssuerRecord;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.VerdictRecord;
import java.util.List;
import java.util.Objects;

/**
 * Everything the collector holds about one certificate: what evidence bundles, the API's
 * certificate page and the dashboard's timeline are made from.
 *
 * @param verdict the latest verdict, or null before the first decision
 * @param certificate the earliest-published record discovery wrote for it, or null if only observations arrived
 * @param observations every probe of it, every region, ordered by send time; the raw request and
 *     response ({@code probe().requestBase64()}, {@code responseBase64()}) are kept only for
 *     non-authoritative answers and for each region's first authoritative one, so they may be null
 * @param issuer the issuing CA's certificate as discovery published it on {@code ocspwatch.issuers},
 *     or null while the collector has not read it (or the certificate's issuer key hash is unknown)
 */
public record CertificateEvidence(String certificateId, VerdictRecord verdict, CertificateRecord certificate,
                                  List<Observation> observations, IssuerRecord issuer) {

    public CertificateEvidence {
        Objects.requireNonNull(certificateId, "certificateId");
        observations = observations == null ? List.of() : List.copyOf(observations);
    }

    /** Without the issuer's certificate: what views that do not hold issuers, and older callers, build. */
    public CertificateEvidence(String certificateId, VerdictRecord verdict, CertificateRecord certificate,
                               List<Observation> observations) {
        this(certificateId, verdict, certificate, observations, null);
    }

    /**
     * The issuer SPKI SHA-256 to look the issuer up by: from the certificate record, else the
     * verdict; null if neither names it.
     */
    public static String issuerKey(VerdictRecord verdict, CertificateRecord certificate) {
        if (certificate != null && certificate.issuerSpkiSha256() != null) {
            return certificate.issuerSpkiSha256();
        }
        return verdict == null ? null : verdict.issuerSpkiSha256();
    }
}
