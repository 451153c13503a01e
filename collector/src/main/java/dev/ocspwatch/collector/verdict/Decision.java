package dev.ocspwatch.collector.verdict;

import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.verdict.ProbeRef;
import dev.ocspwatch.common.verdict.RegionVerdict;
import dev.ocspwatch.common.verdict.Verdict;
import java.util.List;
import java.util.Map;

/**
 * What the rules make of a certificate's probes, before it is stamped with a stage, time and
 * revision. Two decisions that are equal say the same thing: a verdict record is emitted only
 * when the decision changes.
 */
public record Decision(Verdict verdict, String reason, Map<Outcome, Integer> outcomes, List<RegionVerdict> regions,
                       ProbeRef firstFailure, boolean flapping, List<String> pathProblems) {
    public Decision {
        outcomes = Map.copyOf(outcomes);
        regions = List.copyOf(regions);
        pathProblems = List.copyOf(pathProblems);
    }
}
