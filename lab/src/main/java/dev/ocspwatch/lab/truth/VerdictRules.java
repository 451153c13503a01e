package dev.ocspwatch.lab.truth;

import dev.ocspwatch.common.outcome.OutcomeGroup;
import dev.ocspwatch.common.verdict.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * DESIGN.md's verdict rules, applied to what the lab knows it did. The collector applies the same
 * rules to what the agents observed; the lab's answer is the one to score it against.
 *
 * <ul>
 *   <li>NOT_APPLICABLE: the certificate names no OCSP responder.</li>
 *   <li>VIOLATION: some region was answered non-authoritatively by the responder at or after the
 *       deadline; or every region failed at the transport level and none got an authoritative
 *       answer (no region could reach it at all).</li>
 *   <li>INCONCLUSIVE: some (not all) regions failed at the transport level, the rest were answered
 *       authoritatively (a local path problem); or nothing was asked at or after the deadline.</li>
 *   <li>COMPLIANT: every answer at or after the deadline, in every region, was authoritative.</li>
 * </ul>
 */
public final class VerdictRules {
    private VerdictRules() {
    }

    /** The verdict and a one-line reason. */
    public record Decision(Verdict verdict, String reason) {
    }

    /**
     * @param answers per region, the answers at or after the deadline
     * @param blocked regions whose path was blocked at or after the deadline
     * @param regions every region that probes
     */
    public static Decision decide(boolean ocsp, Map<String, List<ServedAnswer>> answers, Set<String> blocked,
                                  List<String> regions) {
        if (!ocsp) {
            return new Decision(Verdict.NOT_APPLICABLE, "the certificate names no OCSP responder");
        }
        Set<String> responderFailures = new TreeSet<>();
        Set<String> transportFailures = new TreeSet<>(blocked);
        boolean anyAuthoritative = false;
        boolean anyAnswer = !blocked.isEmpty();
        for (Map.Entry<String, List<ServedAnswer>> entry : answers.entrySet()) {
            for (ServedAnswer answer : entry.getValue()) {
                anyAnswer = true;
                OutcomeGroup group = answer.implied().group();
                if (group == OutcomeGroup.AUTHORITATIVE) {
                    anyAuthoritative = true;
                } else if (group == OutcomeGroup.RESPONDER) {
                    responderFailures.add(entry.getKey());
                } else {
                    transportFailures.add(entry.getKey());
                }
            }
        }
        if (!responderFailures.isEmpty()) {
            return new Decision(Verdict.VIOLATION, "non-authoritative answers at or after the deadline in " + responderFailures);
        }
        if (!transportFailures.isEmpty() && transportFailures.containsAll(regions) && !anyAuthoritative) {
            return new Decision(Verdict.VIOLATION, "no region could reach the responder at or after the deadline");
        }
        if (!transportFailures.isEmpty()) {
            return new Decision(Verdict.INCONCLUSIVE, "transport failures only in " + transportFailures + ": a path problem");
        }
        if (!anyAnswer) {
            return new Decision(Verdict.INCONCLUSIVE, "nothing was asked at or after the deadline");
        }
        return new Decision(Verdict.COMPLIANT, "every answer at or after the deadline was authoritative");
    }
}
