package dev.ocspwatch.collector.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.verdict.DecisionStage;
import dev.ocspwatch.common.verdict.RegionStatus;
import dev.ocspwatch.common.verdict.RegionVerdict;
import dev.ocspwatch.common.verdict.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictFilterTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static VerdictRecord verdict(String serial, Verdict verdict, Instant deadline, String issuerSubject, String url,
                                         RegionStatus south) {
        return new VerdictRecord("c".repeat(64) + ":" + serial, serial, "c".repeat(64), issuerSubject, "CN=" + serial, List.of(url), null, null,
                deadline.minusSeconds(900), deadline, deadline.plusSeconds(3600), verdict, DecisionStage.FINAL, "test", Map.of(),
                List.of(new RegionVerdict("north", RegionStatus.AUTHORITATIVE, 2, Map.of(), null, null, false, null),
                        new RegionVerdict("south", south, 2, Map.of(), null, null, false, null)),
                null, false, List.of(), deadline, 2, null);
    }

    private static VerdictQuery query(Verdict verdict, String issuer, String host, String region, String after, int limit) {
        return new VerdictQuery(verdict, issuer, host, region, null, null, after, limit);
    }

    @Test
    void matchesEachFilterOnlyWhenItHolds() {
        VerdictRecord v = verdict("01", Verdict.VIOLATION, T0, "CN=Example Issuing CA, O=Example", "http://ocsp.example.test/x",
                RegionStatus.RESPONDER_FAILURE);
        assertTrue(VerdictFilter.matches(query(Verdict.VIOLATION, "example issuing", "OCSP.example.test", "south", null, 10), v));
        assertTrue(VerdictFilter.matches(query(null, "c".repeat(64), null, null, null, 10), v), "by SPKI hash");
        assertFalse(VerdictFilter.matches(query(Verdict.COMPLIANT, null, null, null, null, 10), v));
        assertFalse(VerdictFilter.matches(query(null, "other ca", null, null, null, 10), v));
        assertFalse(VerdictFilter.matches(query(null, null, "ocsp.example", null, null, 10), v), "hosts match whole");
        assertFalse(VerdictFilter.matches(query(null, null, null, "north", null, 10), v), "north was authoritative");
        assertFalse(VerdictFilter.matches(new VerdictQuery(null, null, null, null, T0.plusSeconds(1), null, null, 10), v));
        assertTrue(VerdictFilter.matches(new VerdictQuery(null, null, null, null, T0, T0.plusSeconds(1), null, 10), v));
        assertFalse(VerdictFilter.matches(new VerdictQuery(null, null, null, null, null, T0, null, 10), v), "until is exclusive");
    }

    @Test
    void pagesRunNewestDeadlineFirstWithoutGapsOrRepeats() {
        List<VerdictRecord> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // Two certificates share each deadline: the id breaks the tie.
            all.add(verdict(String.format("%02x", i), Verdict.COMPLIANT, T0.plusSeconds(i / 2), "CN=CA", "http://o.test/", RegionStatus.AUTHORITATIVE));
        }
        List<VerdictRecord> seen = new ArrayList<>();
        String after = null;
        do {
            VerdictPage page = VerdictFilter.page(all, query(null, null, null, null, after, 3));
            seen.addAll(page.items());
            after = page.next();
        } while (after != null);
        assertEquals(all.stream().sorted(VerdictFilter.ORDER).toList(), seen);
        assertEquals(T0.plusSeconds(3), seen.get(0).deadline());
        assertTrue(seen.get(1).certificateId().compareTo(seen.get(2).certificateId()) < 0);
        assertNull(VerdictFilter.page(all, query(null, null, null, null, null, 7)).next(), "one full page has no next");
    }

    @Test
    void refusesATokenItDidNotMake() {
        assertFalse(VerdictFilter.isToken("abc"));
        assertFalse(VerdictFilter.isToken("12~"));
        assertTrue(VerdictFilter.isToken("12~" + "c".repeat(64) + ":01"));
        assertThrows(IllegalArgumentException.class, () -> VerdictFilter.page(List.of(), query(null, null, null, null, "x~", 3)));
    }
}
