package dev.ocspwatch.app.lab;

import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.verdict.Verdict;
import dev.ocspwatch.lab.truth.CertificateTruth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The collector's verdicts scored against the lab's ground truth: the confusion matrix (truth
 * by row, collector by column, {@code MISSING} where the collector said nothing; a certificate
 * that names no responder is never sent to the collector, so its silence there counts as
 * NOT_APPLICABLE), and the
 * precision and recall of VIOLATION, the verdict that costs a CA an incident report when wrong
 * and lets a failure through when missed.
 *
 * @param mismatches one line per certificate where the two disagree
 */
public record LabScore(Map<String, Map<String, Integer>> confusion, int certificates, int violationsTrue, int violationsFound,
                       int violationsCorrect, List<String> mismatches) {
    public static final String MISSING = "MISSING";

    public static LabScore of(Collection<CertificateTruth> truth, Map<String, VerdictRecord> verdicts) {
        Map<String, Map<String, Integer>> confusion = new LinkedHashMap<>();
        for (Verdict row : Verdict.values()) {
            Map<String, Integer> columns = new LinkedHashMap<>();
            for (Verdict column : Verdict.values()) {
                columns.put(column.name(), 0);
            }
            columns.put(MISSING, 0);
            confusion.put(row.name(), columns);
        }
        int trueViolations = 0;
        int found = 0;
        int correct = 0;
        List<String> mismatches = new ArrayList<>();
        for (CertificateTruth t : truth) {
            VerdictRecord v = verdicts.get(t.certificateId());
            // Discovery does not send certificates that name no responder (counted per issuer instead): silence is NOT_APPLICABLE.
            String said = v == null ? (t.verdict() == Verdict.NOT_APPLICABLE ? Verdict.NOT_APPLICABLE.name() : MISSING) : v.verdict().name();
            confusion.get(t.verdict().name()).merge(said, 1, Integer::sum);
            boolean truthViolation = t.verdict() == Verdict.VIOLATION;
            boolean saidViolation = v != null && v.verdict() == Verdict.VIOLATION;
            trueViolations += truthViolation ? 1 : 0;
            found += saidViolation ? 1 : 0;
            correct += truthViolation && saidViolation ? 1 : 0;
            if (!t.verdict().name().equals(said)) {
                mismatches.add(t.ca() + " " + t.certificateId() + ": lab " + t.verdict() + " (" + t.reason() + "), collector " + said
                        + (v == null ? "" : " (" + v.reason() + ")"));
            }
        }
        return new LabScore(confusion, truth.size(), trueViolations, found, correct, List.copyOf(mismatches));
    }

    /** Of the VIOLATIONs the collector reported, the share that were real (1.0 when it reported none and there were none). */
    public double precision() {
        return violationsFound == 0 ? (violationsTrue == 0 ? 1.0 : 0.0) : (double) violationsCorrect / violationsFound;
    }

    /** Of the real VIOLATIONs, the share the collector reported (1.0 when there were none). */
    public double recall() {
        return violationsTrue == 0 ? 1.0 : (double) violationsCorrect / violationsTrue;
    }

    public boolean perfect() {
        return mismatches.isEmpty();
    }
}
