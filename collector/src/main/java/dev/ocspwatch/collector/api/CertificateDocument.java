package dev.ocspwatch.collector.api;

import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.VerdictRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer of {@code GET /api/certificates/:id}: the latest verdict (null before the first
 * decision), the certificate as discovery found it (null if only observations arrived), and
 * every probe grouped by region (regions sorted, probes in send order), which is how the
 * dashboard draws one lane per region.
 */
public record CertificateDocument(String certificateId, VerdictRecord verdict, CertificateRecord certificate,
                                  Map<String, List<Observation>> observations) {

    public static CertificateDocument of(CertificateEvidence evidence) {
        Map<String, List<Observation>> byRegion = new TreeMap<>();
        for (Observation observation : evidence.observations()) {
            byRegion.computeIfAbsent(observation.region(), r -> new ArrayList<>()).add(observation);
        }
        Map<String, List<Observation>> frozen = new LinkedHashMap<>();
        byRegion.forEach((region, list) -> frozen.put(region, List.copyOf(list)));
        return new CertificateDocument(evidence.certificateId(), evidence.verdict(), evidence.certificate(),
                Collections.unmodifiableMap(frozen));
    }
}
