package dev.ocspwatch.collector.query;

import dev.ocspwatch.common.kafka.CertificateRecord;
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
 */
public record CertificateEvidence(String certificateId, VerdictRecord verdict, CertificateRecord certificate,
                                  List<Observation> observations) {

    public CertificateEvidence {
        Objects.requireNonNull(certificateId, "certificateId");
        observations = observations == null ? List.of() : List.copyOf(observations);
    }
}
