package dev.ocspwatch.app.lab;

import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.verdict.RegionVerdict;
import dev.ocspwatch.common.verdict.Verdict;
import dev.ocspwatch.lab.truth.CertificateTruth;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The end of {@code ocspwatch lab}: verdicts per CA and region, time to first authoritative answer, and the score. */
final class LabSummary {
    private LabSummary() {
    }

    static void print(PrintStream out, List<CertificateTruth> truth, Map<String, VerdictRecord> verdicts, LabScore score, double storyScale) {
        Map<String, List<VerdictRecord>> byCa = new TreeMap<>();
        TreeSet<String> regions = new TreeSet<>();
        for (CertificateTruth t : truth) {
            VerdictRecord v = verdicts.get(t.certificateId());
            if (v != null) {
                byCa.computeIfAbsent(t.ca(), k -> new ArrayList<>()).add(v);
                v.regions().forEach(r -> regions.add(r.region()));
            }
        }
        out.println();
        out.printf(Locale.ROOT, "%-20s %5s %9s %9s %12s %7s", "CA", "certs", "COMPLIANT", "VIOLATION", "INCONCLUSIVE", "N/A");
        regions.forEach(r -> out.printf(Locale.ROOT, "  %-22s", r + " (p50 first answer)"));
        out.println();
        for (Map.Entry<String, List<VerdictRecord>> ca : byCa.entrySet()) {
            Map<Verdict, Integer> counts = new TreeMap<>();
            ca.getValue().forEach(v -> counts.merge(v.verdict(), 1, Integer::sum));
            out.printf(Locale.ROOT, "%-20s %5d %9d %9d %12d %7d", ca.getKey(), ca.getValue().size(), counts.getOrDefault(Verdict.COMPLIANT, 0),
                    counts.getOrDefault(Verdict.VIOLATION, 0), counts.getOrDefault(Verdict.INCONCLUSIVE, 0),
                    counts.getOrDefault(Verdict.NOT_APPLICABLE, 0));
            for (String region : regions) {
                out.printf(Locale.ROOT, "  %-22s", regionCell(ca.getValue(), region, storyScale));
            }
            out.println();
        }
        out.println();
        out.printf(Locale.ROOT, "score against the lab's ground truth (%d certificates): VIOLATION precision %.3f, recall %.3f%n",
                score.certificates(), score.precision(), score.recall());
        out.println("confusion matrix (rows: lab, columns: collector):");
        out.printf(Locale.ROOT, "  %-15s", "");
        score.confusion().values().iterator().next().keySet().forEach(c -> out.printf(Locale.ROOT, "%15s", c));
        out.println();
        score.confusion().forEach((row, columns) -> {
            out.printf(Locale.ROOT, "  %-15s", row);
            columns.values().forEach(n -> out.printf(Locale.ROOT, "%15d", n));
            out.println();
        });
        score.mismatches().forEach(m -> out.println("  mismatch: " + m));
    }

    /** Most common status of the region for the CA, and the median time to its first authoritative answer in story time. */
    private static String regionCell(List<VerdictRecord> verdicts, String region, double storyScale) {
        List<Long> times = new ArrayList<>();
        Map<String, Integer> statuses = new TreeMap<>();
        for (VerdictRecord v : verdicts) {
            for (RegionVerdict r : v.regions()) {
                if (r.region().equals(region)) {
                    statuses.merge(r.status().name(), 1, Integer::sum);
                    if (r.timeToFirstAuthoritativeMs() != null) {
                        times.add(r.timeToFirstAuthoritativeMs());
                    }
                }
            }
        }
        if (statuses.isEmpty()) {
            return "-";
        }
        String status = Collections.max(statuses.entrySet(), Map.Entry.comparingByValue()).getKey();
        if (times.isEmpty()) {
            return abbreviate(status);
        }
        Collections.sort(times);
        long median = times.get((times.size() - 1) / 2);
        long storySeconds = Math.round(median / storyScale / 1000);
        return abbreviate(status) + " " + (storySeconds / 60) + "m" + String.format(Locale.ROOT, "%02d", storySeconds % 60) + "s";
    }

    private static String abbreviate(String status) {
        switch (status) {
            case "AUTHORITATIVE":
                return "ok";
            case "RESPONDER_FAILURE":
                return "FAIL";
            case "TRANSPORT_FAILURE":
                return "path";
            default:
                return status.toLowerCase(Locale.ROOT);
        }
    }
}
