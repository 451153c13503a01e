package dev.ocspwatch.lab.truth;

import static dev.ocspwatch.common.outcome.Outcome.CONNECT_FAILURE;
import static dev.ocspwatch.common.outcome.Outcome.DNS_FAILURE;
import static dev.ocspwatch.common.outcome.Outcome.GOOD;
import static dev.ocspwatch.common.outcome.Outcome.HTTP_ERROR;
import static dev.ocspwatch.common.outcome.Outcome.REVOKED;
import static dev.ocspwatch.common.outcome.Outcome.TIMEOUT;
import static dev.ocspwatch.common.outcome.Outcome.UNAUTHORIZED;
import static dev.ocspwatch.common.outcome.Outcome.UNKNOWN;
import static dev.ocspwatch.common.verdict.Verdict.COMPLIANT;
import static dev.ocspwatch.common.verdict.Verdict.INCONCLUSIVE;
import static dev.ocspwatch.common.verdict.Verdict.NOT_APPLICABLE;
import static dev.ocspwatch.common.verdict.Verdict.VIOLATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.outcome.OutcomeGroup;
import dev.ocspwatch.common.verdict.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** DESIGN.md's verdict table, case by case, over regions a, b and c. */
class VerdictRulesTest {
    private static final List<String> REGIONS = List.of("a", "b", "c");
    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    /** One row: what each region was answered (region: outcomes), which regions were blocked, the verdict. */
    private record Row(String description, boolean ocsp, Map<String, List<Outcome>> answers, Set<String> blocked, Verdict expected) {
        @Override
        public String toString() {
            return description;
        }
    }

    private static Row row(String description, Verdict expected, Set<String> blocked, Object... regionThenOutcomes) {
        return row(description, true, expected, blocked, regionThenOutcomes);
    }

    private static Row row(String description, boolean ocsp, Verdict expected, Set<String> blocked, Object... regionThenOutcomes) {
        Map<String, List<Outcome>> answers = new LinkedHashMap<>();
        String region = null;
        for (Object item : regionThenOutcomes) {
            if (item instanceof String name) {
                region = name;
                answers.put(region, new ArrayList<>());
            } else {
                answers.get(region).add((Outcome) item);
            }
        }
        return new Row(description, ocsp, answers, blocked, expected);
    }

    static Stream<Row> table() {
        return Stream.of(
                row("no OCSP responder named", false, NOT_APPLICABLE, Set.of(), "a", UNAUTHORIZED),
                row("no OCSP responder, nothing asked", false, NOT_APPLICABLE, Set.of()),
                row("every region good", COMPLIANT, Set.of(), "a", GOOD, GOOD, "b", GOOD, "c", GOOD),
                row("revoked is authoritative", COMPLIANT, Set.of(), "a", REVOKED, "b", GOOD, REVOKED, "c", REVOKED),
                row("every answer given was authoritative, one region not asked", COMPLIANT, Set.of(), "a", GOOD, "b", GOOD),
                row("one region unauthorized", VIOLATION, Set.of(), "a", GOOD, "b", UNAUTHORIZED, "c", GOOD),
                row("flapping: good then unknown", VIOLATION, Set.of(), "a", GOOD, UNKNOWN, GOOD, "b", GOOD, "c", GOOD),
                row("responder failure while another region is blocked", VIOLATION, Set.of("b"), "a", HTTP_ERROR, "c", GOOD),
                row("responder failure while other regions time out", VIOLATION, Set.of(), "a", UNAUTHORIZED, "b", TIMEOUT, "c", TIMEOUT),
                row("every region failed at the transport level", VIOLATION, Set.of(), "a", TIMEOUT, "b", DNS_FAILURE, "c", CONNECT_FAILURE),
                row("every region blocked", VIOLATION, Set.of("a", "b", "c")),
                row("two blocked, one timed out", VIOLATION, Set.of("a", "b"), "c", TIMEOUT),
                row("one region blocked, the rest good", INCONCLUSIVE, Set.of("c"), "a", GOOD, "b", GOOD),
                row("one region timed out, the rest good", INCONCLUSIVE, Set.of(), "a", GOOD, "b", TIMEOUT, "c", GOOD),
                row("transport failures everywhere but one good answer", INCONCLUSIVE, Set.of(), "a", TIMEOUT, GOOD, "b", TIMEOUT, "c", DNS_FAILURE),
                row("nothing asked at or after the deadline", INCONCLUSIVE, Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void appliesDesignsRules(Row row) {
        Map<String, List<ServedAnswer>> answers = new LinkedHashMap<>();
        row.answers().forEach((region, outcomes) -> answers.put(region, outcomes.stream()
                .map(o -> new ServedAnswer(AT, region, "POST", o, false)).toList()));
        VerdictRules.Decision decision = VerdictRules.decide(row.ocsp(), answers, row.blocked(), REGIONS);
        assertEquals(row.expected(), decision.verdict(), row.description() + ": " + decision.reason());
        assertTrue(decision.reason() != null && !decision.reason().isBlank());
    }

    @ParameterizedTest
    @EnumSource(Outcome.class)
    void eachOutcomeAloneInOneRegionAmongGoodOnes(Outcome outcome) {
        Map<String, List<ServedAnswer>> answers = Map.of(
                "a", List.of(new ServedAnswer(AT, "a", "GET", outcome, true)),
                "b", List.of(new ServedAnswer(AT, "b", "GET", GOOD, false)),
                "c", List.of(new ServedAnswer(AT, "c", "GET", GOOD, false)));
        Verdict expected = switch (outcome.group()) {
            case AUTHORITATIVE -> COMPLIANT;
            case RESPONDER -> VIOLATION;
            case TRANSPORT, POLICY -> INCONCLUSIVE;
        };
        VerdictRules.Decision decision = VerdictRules.decide(true, answers, Set.of(), REGIONS);
        assertEquals(expected, decision.verdict(), outcome + ": " + decision.reason());
        if (outcome.group() == OutcomeGroup.RESPONDER) {
            assertTrue(decision.reason().contains("a"), "names the region: " + decision.reason());
        }
    }

    @ParameterizedTest(name = "{0} in every region")
    @EnumSource(value = Outcome.class, names = {"TIMEOUT", "DNS_FAILURE", "CONNECT_FAILURE", "TLS_FAILURE"})
    void aTransportFailureEverywhereIsAViolation(Outcome outcome) {
        Map<String, List<ServedAnswer>> answers = new LinkedHashMap<>();
        for (String region : REGIONS) {
            answers.put(region, List.of(new ServedAnswer(AT, region, "POST", outcome, false)));
        }
        assertEquals(VIOLATION, VerdictRules.decide(true, answers, Set.of(), REGIONS).verdict());
    }

    @ParameterizedTest
    @MethodSource("violations")
    void theViolationReasonNamesTheFailingRegions(Map<String, List<Outcome>> outcomes, String named) {
        Map<String, List<ServedAnswer>> answers = new LinkedHashMap<>();
        outcomes.forEach((region, list) -> answers.put(region, list.stream().map(o -> new ServedAnswer(AT, region, "GET", o, false)).toList()));
        VerdictRules.Decision decision = VerdictRules.decide(true, answers, Set.of(), REGIONS);
        assertEquals(VIOLATION, decision.verdict());
        assertTrue(decision.reason().contains(named), decision.reason());
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of(Map.of("eu-west", List.of(UNAUTHORIZED), "us-east", List.of(GOOD)), "eu-west"),
                Arguments.of(Map.of("ap-south", List.of(GOOD, UNKNOWN)), "ap-south"));
    }
}
