package dev.ocspwatch.lab.truth;

import dev.ocspwatch.common.verdict.Verdict;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The ground truth as exported (JSON): per certificate the verdict DESIGN.md's rules imply,
 * with counts per verdict, to score the collector against.
 */
public record TruthReport(String scenario, Instant generatedAt, Map<Verdict, Integer> counts, List<CertificateTruth> certificates) {
    public static TruthReport of(String scenario, Instant now, List<CertificateTruth> certificates) {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (CertificateTruth truth : certificates) {
            if (truth.verdict() != null) {
                counts.merge(truth.verdict(), 1, Integer::sum);
            }
        }
        return new TruthReport(scenario, now, counts, certificates);
    }
}
