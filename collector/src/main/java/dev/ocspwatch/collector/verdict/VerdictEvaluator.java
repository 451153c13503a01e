package dev.ocspwatch.collector.verdict;

import dev.ocspwatch.collector.state.ProbeSummary;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.outcome.OutcomeGroup;
import dev.ocspwatch.common.verdict.ProbeRef;
import dev.ocspwatch.common.verdict.RegionStatus;
import dev.ocspwatch.common.verdict.RegionVerdict;
import dev.ocspwatch.common.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * DESIGN.md's verdict rules applied to what the agents observed (the lab applies the same
 * rules to what it served; the two must agree).
 *
 * <ul>
 *   <li>NOT_APPLICABLE: the certificate names no OCSP responder.</li>
 *   <li>VIOLATION: some region's probe at or after the deadline was answered non-authoritatively
 *       by the responder; or every region failed at the transport level and none was answered
 *       authoritatively (no region could reach it).</li>
 *   <li>INCONCLUSIVE: some regions failed only at the transport level (a path problem, the
 *       firewall story, never a violation); or no probe at or after the deadline arrived (probes
 *       the agents' own address policy refused count as not asked).</li>
 *   <li>COMPLIANT: every counted probe, in every region that probed, was authoritative.</li>
 * </ul>
 *
 * Pure: the same probes give the same decision whatever order they arrived in.
 */
public final class VerdictEvaluator {
    private VerdictEvaluator() {
    }

    /**
     * @param probes every probe of the certificate, sorted by {@link ProbeSummary#BY_SEND_TIME}
     * @param expectedRegions regions that should have probed, besides those that did
     */
    public static Decision decide(boolean ocsp, List<ProbeSummary> probes, DecisionTimes times, Collection<String> expectedRegions) {
        if (!ocsp) {
            return new Decision(Verdict.NOT_APPLICABLE, "the certificate names no OCSP responder", Map.of(), List.of(), null, false, List.of());
        }
        Set<String> regionNames = new TreeSet<>(expectedRegions);
        probes.forEach(p -> regionNames.add(p.region()));
        Map<String, List<ProbeSummary>> byRegion = new TreeMap<>();
        regionNames.forEach(r -> byRegion.put(r, new ArrayList<>()));
        probes.forEach(p -> byRegion.get(p.region()).add(p));

        List<RegionVerdict> regions = new ArrayList<>();
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        ProbeSummary firstFailure = null;
        for (Map.Entry<String, List<ProbeSummary>> entry : byRegion.entrySet()) {
            RegionVerdict region = region(entry.getKey(), entry.getValue(), times);
            regions.add(region);
            region.outcomes().forEach((outcome, n) -> outcomes.merge(outcome, n, Integer::sum));
        }
        for (ProbeSummary p : probes) {
            if (times.counts(p.sentAt()) && failed(p.outcome())) {
                firstFailure = p;
                break;
            }
        }
        Set<String> responder = names(regions, RegionStatus.RESPONDER_FAILURE);
        Set<String> transport = names(regions, RegionStatus.TRANSPORT_FAILURE);
        Set<String> authoritative = names(regions, RegionStatus.AUTHORITATIVE);
        Set<String> blocked = names(regions, RegionStatus.BLOCKED);
        boolean flapping = regions.stream().anyMatch(RegionVerdict::flapping);
        List<String> pathProblems = authoritative.isEmpty() ? List.of() : List.copyOf(transport);
        ProbeRef first = firstFailure == null ? null : firstFailure.ref();

        Verdict verdict;
        String reason;
        if (!responder.isEmpty()) {
            verdict = Verdict.VIOLATION;
            reason = "non-authoritative answers at or after the deadline in " + responder + ": " + describe(outcomes, OutcomeGroup.RESPONDER);
        } else if (!transport.isEmpty() && transport.containsAll(regionNames) && authoritative.isEmpty()) {
            verdict = Verdict.VIOLATION;
            reason = "no region could reach the responder at or after the deadline: " + describe(outcomes, OutcomeGroup.TRANSPORT);
        } else if (!transport.isEmpty()) {
            verdict = Verdict.INCONCLUSIVE;
            reason = "transport failures only in " + transport + " (" + describe(outcomes, OutcomeGroup.TRANSPORT) + ")"
                    + (authoritative.isEmpty() ? "" : ", authoritative answers in " + authoritative + ": a path problem");
        } else if (authoritative.isEmpty()) {
            verdict = Verdict.INCONCLUSIVE;
            reason = blocked.isEmpty() ? "nothing was asked at or after the deadline"
                    : "the agents' address policy refused the responder in " + blocked + ", nothing else was asked at or after the deadline";
        } else {
            verdict = Verdict.COMPLIANT;
            reason = "every answer at or after the deadline was authoritative (" + describe(outcomes, OutcomeGroup.AUTHORITATIVE) + " in "
                    + authoritative + ")";
        }
        return new Decision(verdict, reason, outcomes, regions, first, flapping, pathProblems);
    }

    private static RegionVerdict region(String name, List<ProbeSummary> probes, DecisionTimes times) {
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        Set<OutcomeGroup> groups = java.util.EnumSet.noneOf(OutcomeGroup.class);
        Instant firstAuthoritative = null;
        boolean flapping = false;
        ProbeSummary firstFailure = null;
        int counted = 0;
        for (ProbeSummary p : probes) {
            if (p.sentAt().isAfter(times.windowEnd())) {
                break; // after the window nothing counts, not even towards flapping
            }
            OutcomeGroup group = p.outcome().group();
            if (group == OutcomeGroup.AUTHORITATIVE && firstAuthoritative == null) {
                firstAuthoritative = p.sentAt();
            } else if (group == OutcomeGroup.RESPONDER && firstAuthoritative != null) {
                flapping = true;
            }
            if (!times.counts(p.sentAt())) {
                continue;
            }
            counted++;
            outcomes.merge(p.outcome(), 1, Integer::sum);
            groups.add(group);
            if (firstFailure == null && failed(p.outcome())) {
                firstFailure = p;
            }
        }
        RegionStatus status;
        if (groups.contains(OutcomeGroup.RESPONDER)) {
            status = RegionStatus.RESPONDER_FAILURE;
        } else if (groups.contains(OutcomeGroup.TRANSPORT)) {
            status = RegionStatus.TRANSPORT_FAILURE;
        } else if (groups.contains(OutcomeGroup.AUTHORITATIVE)) {
            status = RegionStatus.AUTHORITATIVE;
        } else if (groups.contains(OutcomeGroup.POLICY)) {
            status = RegionStatus.BLOCKED;
        } else {
            status = RegionStatus.NOT_ASKED;
        }
        Long ttfa = firstAuthoritative == null ? null : Duration.between(times.publishedAt(), firstAuthoritative).toMillis();
        return new RegionVerdict(name, status, counted, outcomes, firstAuthoritative, ttfa, flapping,
                firstFailure == null ? null : firstFailure.ref());
    }

    /** Answered non-authoritatively, or not at all: what a first failure is. Policy refusals are the agent's, not a failure. */
    private static boolean failed(Outcome outcome) {
        return outcome.group() == OutcomeGroup.RESPONDER || outcome.group() == OutcomeGroup.TRANSPORT;
    }

    private static Set<String> names(List<RegionVerdict> regions, RegionStatus status) {
        return regions.stream().filter(r -> r.status() == status).map(RegionVerdict::region).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String describe(Map<Outcome, Integer> outcomes, OutcomeGroup group) {
        return outcomes.entrySet().stream().filter(e -> e.getKey().group() == group).map(e -> e.getKey() + " x" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
