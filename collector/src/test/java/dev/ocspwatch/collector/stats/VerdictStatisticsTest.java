package dev.ocspwatch.collector.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.verdict.RegionStatus;
import dev.ocspwatch.common.verdict.RegionVerdict;
import dev.ocspwatch.common.verdict.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictStatisticsTest {
    private static final String A = "aa".repeat(32);
    private static final String B = "bb".repeat(32);

    /**
     * Issuer A: a1 COMPLIANT (eu 60 s, us 30 s), a2 VIOLATION flapping (eu failed after 90 s,
     * us 120 s), a3 VIOLATION (never authoritative), a4 INCONCLUSIVE (eu 10 s, us transport,
     * ap not asked), a5 NOT_APPLICABLE. Issuer B: b1 COMPLIANT (eu 5 s, us 7 s).
     */
    private static List<VerdictRecord> verdicts() {
        return List.of(
                verdict("a1", A, "CN=A", Verdict.COMPLIANT, false,
                        region("eu", RegionStatus.AUTHORITATIVE, 60_000L), region("us", RegionStatus.AUTHORITATIVE, 30_000L)),
                verdict("a2", A, "CN=A", Verdict.VIOLATION, true,
                        region("eu", RegionStatus.RESPONDER_FAILURE, 90_000L), region("us", RegionStatus.AUTHORITATIVE, 120_000L)),
                verdict("a3", A, "CN=A", Verdict.VIOLATION, false,
                        region("eu", RegionStatus.RESPONDER_FAILURE, null), region("us", RegionStatus.RESPONDER_FAILURE, null)),
                verdict("a4", A, "CN=A", Verdict.INCONCLUSIVE, false,
                        region("eu", RegionStatus.AUTHORITATIVE, 10_000L), region("us", RegionStatus.TRANSPORT_FAILURE, null),
                        region("ap", RegionStatus.NOT_ASKED, null)),
                verdict("a5", A, "CN=A", Verdict.NOT_APPLICABLE, false),
                verdict("b1", B, "CN=B", Verdict.COMPLIANT, false,
                        region("eu", RegionStatus.AUTHORITATIVE, 5_000L), region("us", RegionStatus.AUTHORITATIVE, 7_000L)));
    }

    @Test
    void countsVerdictsFlappingAndTheViolationRatePerIssuer() {
        List<IssuerStatistics> issuers = statistics(verdicts()).issuers();
        assertEquals(2, issuers.size());
        IssuerStatistics a = issuers.get(0);
        assertEquals(A, a.issuerSpkiSha256());
        assertEquals("CN=A", a.issuerSubject());
        assertEquals(5, a.decided());
        assertEquals(Map.of(Verdict.COMPLIANT, 1L, Verdict.VIOLATION, 2L, Verdict.INCONCLUSIVE, 1L, Verdict.NOT_APPLICABLE, 1L),
                a.verdicts());
        assertEquals(1, a.flapping());
        // 2 violations over the 4 certificates that name a responder.
        assertEquals(0.5, a.violationRate(), 1e-12);
        IssuerStatistics b = issuers.get(1);
        assertEquals(1, b.decided());
        assertEquals(0L, b.count(Verdict.VIOLATION));
        assertEquals(0.0, b.violationRate(), 1e-12);
    }

    @Test
    void takesEachCertificatesFastestRegionForTheIssuerPercentiles() {
        IssuerStatistics a = statistics(verdicts()).issuers().get(0);
        // Per certificate: a1 min(60, 30) = 30 s, a2 min(90, 120) = 90 s, a4 10 s; a3 and a5 have none.
        // Sorted 10, 30, 90: p50 rank ceil(1.5) = 2 -> 30 s, p90 rank ceil(2.7) = 3 -> 90 s.
        assertEquals(new Latency(3, 30_000L, 90_000L, 90_000L), a.timeToFirstAuthoritative());
    }

    @Test
    void computesPercentilesPerRegionFromThatRegionsOwnAnswers() {
        Map<String, Latency> byRegion = statistics(verdicts()).issuers().get(0).timeToFirstAuthoritativeByRegion();
        assertEquals(List.of("ap", "eu", "us"), new ArrayList<>(byRegion.keySet()));
        // eu: 60, 90, 10 -> sorted 10, 60, 90; us: 30, 120 -> p50 rank 1, p90 rank ceil(1.8) = 2.
        assertEquals(new Latency(3, 60_000L, 90_000L, 90_000L), byRegion.get("eu"));
        assertEquals(new Latency(2, 30_000L, 120_000L, 120_000L), byRegion.get("us"));
        assertEquals(Latency.NONE, byRegion.get("ap"));
    }

    @Test
    void fillsTheRegionMatrixWithStatusCountsAndMedians() {
        RegionMatrix matrix = statistics(verdicts()).regionMatrix();
        assertEquals(List.of("ap", "eu", "us"), matrix.regions());
        assertEquals(List.of(A, B), matrix.issuers().stream().map(RegionMatrix.Row::issuerSpkiSha256).toList());
        Map<String, RegionMatrix.Cell> a = matrix.issuers().get(0).cells();
        assertEquals(new RegionMatrix.Cell(4, statuses(2, 2, 0, 0, 0), 60_000L), a.get("eu"));
        assertEquals(new RegionMatrix.Cell(4, statuses(2, 1, 1, 0, 0), 30_000L), a.get("us"));
        assertEquals(new RegionMatrix.Cell(1, statuses(0, 0, 0, 0, 1), null), a.get("ap"));
        Map<String, RegionMatrix.Cell> b = matrix.issuers().get(1).cells();
        assertEquals(List.of("eu", "us"), new ArrayList<>(b.keySet()), "B was never probed from ap");
        assertEquals(new RegionMatrix.Cell(1, statuses(1, 0, 0, 0, 0), 7_000L), b.get("us"));
    }

    @Test
    void putsTheIssuerWithMostViolationsFirstWhateverTheOrderOfVerdicts() {
        List<VerdictRecord> reversed = new ArrayList<>(verdicts());
        Collections.reverse(reversed);
        VerdictStatistics forward = statistics(verdicts());
        VerdictStatistics backward = statistics(reversed);
        assertEquals(forward.issuers(), backward.issuers());
        assertEquals(forward.regionMatrix(), backward.regionMatrix());
        // B has no violation but more certificates: still after A.
        List<VerdictRecord> manyB = new ArrayList<>(verdicts());
        for (int i = 2; i < 10; i++) {
            manyB.add(verdict("b" + i, B, "CN=B", Verdict.COMPLIANT, false));
        }
        assertEquals(A, statistics(manyB).issuers().get(0).issuerSpkiSha256());
    }

    @Test
    void keepsTheSmallestIssuerNameWhenVerdictsDisagree() {
        List<VerdictRecord> renamed = List.of(
                verdict("x1", A, "CN=Issuer 2", Verdict.COMPLIANT, false),
                verdict("x2", A, "CN=Issuer 1", Verdict.COMPLIANT, false),
                verdict("x3", A, null, Verdict.COMPLIANT, false));
        assertEquals("CN=Issuer 1", statistics(renamed).issuers().get(0).issuerSubject());
    }

    @Test
    void groupsVerdictsWithoutAnIssuerHashInsteadOfDroppingThem() {
        List<VerdictRecord> orphans = List.of(verdict("o1", null, null, Verdict.INCONCLUSIVE, false),
                verdict("o2", A, "CN=A", Verdict.COMPLIANT, false));
        List<IssuerStatistics> issuers = statistics(orphans).issuers();
        assertEquals(2, issuers.size());
        assertEquals(null, issuers.get(1).issuerSpkiSha256(), "the null group sorts last");
        assertEquals(1, issuers.get(1).decided());
    }

    private static VerdictStatistics statistics(List<VerdictRecord> verdicts) {
        VerdictStatistics statistics = new VerdictStatistics();
        verdicts.forEach(statistics);
        return statistics;
    }

    private static Map<RegionStatus, Long> statuses(long authoritative, long responder, long transport, long blocked,
                                                    long notAsked) {
        Map<RegionStatus, Long> map = new EnumMap<>(RegionStatus.class);
        map.put(RegionStatus.AUTHORITATIVE, authoritative);
        map.put(RegionStatus.RESPONDER_FAILURE, responder);
        map.put(RegionStatus.TRANSPORT_FAILURE, transport);
        map.put(RegionStatus.BLOCKED, blocked);
        map.put(RegionStatus.NOT_ASKED, notAsked);
        return map;
    }

    static RegionVerdict region(String name, RegionStatus status, Long timeToFirstAuthoritativeMs) {
        Instant first = timeToFirstAuthoritativeMs == null ? null : PUBLISHED.plusMillis(timeToFirstAuthoritativeMs);
        return new RegionVerdict(name, status, 2, Map.of(), first, timeToFirstAuthoritativeMs, false, null);
    }

    private static final Instant PUBLISHED = Instant.parse("2026-11-23T08:00:00Z");

    static VerdictRecord verdict(String serial, String issuer, String issuerSubject, Verdict verdict, boolean flapping,
                                 RegionVerdict... regions) {
        return new VerdictRecord((issuer == null ? "00".repeat(32) : issuer) + ":" + serial, serial, issuer, issuerSubject,
                "CN=" + serial + ".example", List.of("http://ocsp.example/"), "lab log", 1L, PUBLISHED,
                PUBLISHED.plusSeconds(900), PUBLISHED.plusSeconds(4500), verdict, null, verdict.name(), Map.of(),
                List.of(regions), null, flapping, List.of(), PUBLISHED.plusSeconds(960), 1, null);
    }
}
