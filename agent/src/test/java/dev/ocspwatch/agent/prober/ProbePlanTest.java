package dev.ocspwatch.agent.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.agent.probe.ProbeMethod;
import dev.ocspwatch.common.kafka.ProbeKind;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The schedule as plain arithmetic in ms: deadline 15 min, every minute, watch every 5 min for an hour, guard 10 s. */
class ProbePlanTest {
    private static final long MIN = 60_000;
    private static final long P = 1_000_000_000; // published at
    private static final long D = P + 15 * MIN; // its deadline
    private static final ProbePlan EXACT = plan(0);
    private static final ProbePlan JITTERED = plan(20_000);

    private static ProbePlan plan(long jitterMs) {
        return plan(jitterMs, Duration.ofHours(1));
    }

    private static ProbePlan plan(long jitterMs, Duration window) {
        List<ProbeMethod> get = List.of(ProbeMethod.GET);
        return new ProbePlan(new ScheduleSettings(Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(5), window,
                get, get, get, Duration.ofMillis(jitterMs), Duration.ofSeconds(10), Duration.ofSeconds(30)));
    }

    private static WatchedCertificate cert(String id) {
        return new WatchedCertificate(id, null, BigInteger.ONE, List.of("http://ocsp.test"), 0, P);
    }

    private static WatchedCertificate started(ProbePlan plan, String id, long now) {
        WatchedCertificate c = cert(id);
        assertTrue(plan.start(c, now, false));
        return c;
    }

    /** Dispatches each step exactly when due, while the kind is {@code kind}; returns the due times. */
    private static List<Long> runWhile(ProbePlan plan, WatchedCertificate c, ProbeKind kind) {
        List<Long> dues = new ArrayList<>();
        while (c.nextKind == kind) {
            dues.add(c.nextDueMs);
            plan.advance(c, c.nextDueMs);
        }
        return dues;
    }

    @Test
    void probesAtDiscoveryRightAway() {
        WatchedCertificate c = started(EXACT, "a", P + 1234);
        assertEquals(ProbeKind.DISCOVERY, c.nextKind);
        assertEquals(P + 1234, c.nextDueMs);
    }

    @Test
    void probesEveryIntervalUntilTheDeadlineWhileNothingAuthoritativeCameBack() {
        WatchedCertificate c = started(EXACT, "a", P);
        EXACT.advance(c, P);
        List<Long> early = runWhile(EXACT, c, ProbeKind.UNTIL_AUTHORITATIVE);
        List<Long> expected = new ArrayList<>();
        for (long k = 1; k <= 14; k++) {
            expected.add(P + k * MIN); // 14 min is the last one before deadline - guard
        }
        assertEquals(expected, early);
        assertEquals(ProbeKind.DEADLINE, c.nextKind);
        assertEquals(D, c.nextDueMs);
    }

    @Test
    void mergesAnEarlyProbeDueWithinTheGuardIntoTheDeadlineProbe() {
        WatchedCertificate merged = started(EXACT, "a", D - MIN - 5_000); // the next early probe would be 5 s before D
        EXACT.advance(merged, merged.nextDueMs);
        assertEquals(ProbeKind.DEADLINE, merged.nextKind);
        assertEquals(D, merged.nextDueMs);

        WatchedCertificate kept = started(EXACT, "b", D - MIN - 11_000); // 11 s before D: outside the guard
        EXACT.advance(kept, kept.nextDueMs);
        assertEquals(ProbeKind.UNTIL_AUTHORITATIVE, kept.nextKind);
        assertEquals(D - 11_000, kept.nextDueMs);
    }

    @Test
    void startsWithTheDeadlineProbeWhenFirstSeenWithinTheGuard() {
        WatchedCertificate c = started(EXACT, "a", D - 5_000);
        assertEquals(ProbeKind.DEADLINE, c.nextKind);
        assertEquals(D, c.nextDueMs);
    }

    @Test
    void movesTheDeadlineProbeLaterByLessThanTheJitterAndNeverEarlier() {
        Set<Long> offsets = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            WatchedCertificate c = started(JITTERED, "cert-" + i, P);
            JITTERED.authoritative(c);
            assertEquals(ProbeKind.DEADLINE, c.nextKind);
            long offset = c.nextDueMs - D;
            assertTrue(offset >= 0 && offset < 20_000, () -> c + ": " + offset);
            offsets.add(offset);
        }
        assertTrue(offsets.size() > 100, "the jitter spreads deadline probes: " + offsets.size() + " distinct offsets");
    }

    @Test
    void watchesEveryIntervalAfterTheDeadlineUntilTheWindowEnds() {
        WatchedCertificate c = started(EXACT, "a", D);
        EXACT.advance(c, D);
        List<Long> watch = runWhile(EXACT, c, ProbeKind.WATCH);
        List<Long> expected = new ArrayList<>();
        for (long k = 1; k <= 12; k++) {
            expected.add(D + k * 5 * MIN);
        }
        assertEquals(expected, watch);
        assertNull(c.nextKind, "the window is over");
        EXACT.advance(c, D + 2 * 60 * MIN);
        assertNull(c.nextKind, "advancing a finished schedule does nothing");
    }

    @Test
    void jittersWatchProbesWithinTheirIntervalAndTheWindow() {
        WatchedCertificate c = started(JITTERED, "jittered", D + 30_000);
        JITTERED.advance(c, c.nextDueMs);
        List<Long> watch = runWhile(JITTERED, c, ProbeKind.WATCH);
        assertEquals(12, watch.size(), "steps " + watch + ": the last, at the window's end, is made despite its jitter");
        for (int i = 0; i < watch.size(); i++) {
            long base = D + (i + 1) * 5 * MIN;
            long due = watch.get(i);
            assertTrue(due >= base && due < base + 20_000, "step " + (i + 1) + " at " + (due - D));
        }
        assertNull(c.nextKind);
    }

    @Test
    void anAuthoritativeAnswerStopsEarlyProbesButKeepsTheDeadlineProbe() {
        WatchedCertificate c = started(EXACT, "a", P);
        EXACT.advance(c, P);
        assertEquals(ProbeKind.UNTIL_AUTHORITATIVE, c.nextKind);
        EXACT.authoritative(c);
        assertEquals(ProbeKind.DEADLINE, c.nextKind);
        assertEquals(D, c.nextDueMs);

        EXACT.authoritative(c); // a second answer changes nothing
        assertEquals(ProbeKind.DEADLINE, c.nextKind);
        assertEquals(D, c.nextDueMs);
        EXACT.advance(c, D);
        assertEquals(ProbeKind.WATCH, c.nextKind, "watching goes on after an authoritative answer");
    }

    @Test
    void anEarlierCtTimestampMovesTheDeadlineBack() {
        WatchedCertificate c = started(EXACT, "a", P);
        assertTrue(EXACT.republished(c, P - 5 * MIN, P));
        assertEquals(P - 5 * MIN, c.publishedAtMs);
        assertEquals(ProbeKind.DISCOVERY, c.nextKind, "the discovery probe due now stays");
        EXACT.advance(c, P);
        runWhile(EXACT, c, ProbeKind.UNTIL_AUTHORITATIVE);
        assertEquals(ProbeKind.DEADLINE, c.nextKind);
        assertEquals(D - 5 * MIN, c.nextDueMs);

        assertTrue(EXACT.republished(c, P - 7 * MIN, P + 9 * MIN));
        assertEquals(D - 7 * MIN, c.nextDueMs, "a pending deadline probe moves with the deadline");
    }

    @Test
    void mergesThePendingEarlyProbeWhenTheDeadlineMovesBackPastIt() {
        WatchedCertificate c = started(EXACT, "a", P + 10 * MIN);
        EXACT.advance(c, P + 10 * MIN); // next early probe at P + 11 min
        assertTrue(EXACT.republished(c, P - 5 * MIN, P + 10 * MIN)); // deadline now P + 10 min: already past
        assertEquals(ProbeKind.DEADLINE, c.nextKind);
        assertEquals(D - 5 * MIN, c.nextDueMs);
    }

    @Test
    void restartsTheWatchFromTheEarlierDeadline() {
        WatchedCertificate c = started(EXACT, "a", D);
        EXACT.advance(c, D); // watch 1 at D + 5 min
        assertTrue(EXACT.republished(c, P - 2 * MIN, D + MIN));
        assertEquals(ProbeKind.WATCH, c.nextKind);
        assertEquals(1, c.step);
        assertEquals(D - 2 * MIN + 5 * MIN, c.nextDueMs);
    }

    @Test
    void aLaterOrEqualCtTimestampChangesNothing() {
        WatchedCertificate c = started(EXACT, "a", P);
        EXACT.advance(c, P);
        long due = c.nextDueMs;
        assertFalse(EXACT.republished(c, P + MIN, P));
        assertFalse(EXACT.republished(c, P, P));
        assertEquals(P, c.publishedAtMs);
        assertEquals(due, c.nextDueMs);
        assertEquals(ProbeKind.UNTIL_AUTHORITATIVE, c.nextKind);
    }

    @Test
    void probesACertificateFirstSeenAfterItsDeadlineAtOnce() {
        long now = D + 10 * MIN;
        WatchedCertificate c = started(JITTERED, "late", now);
        assertEquals(ProbeKind.DEADLINE, c.nextKind);
        assertTrue(c.nextDueMs >= D && c.nextDueMs < D + 20_000, "due in the past, at the deadline: " + (c.nextDueMs - D));
    }

    @Test
    void refusesACertificateSeenAfterItsWatchWindow() {
        WatchedCertificate over = cert("over");
        assertFalse(EXACT.start(over, D + 60 * MIN + 1, false));
        assertFalse(EXACT.start(over, D + 60 * MIN + 1, true));
        assertNull(over.nextKind);
        assertTrue(EXACT.start(cert("just"), D + 60 * MIN, false), "the last moment of the window still gets its deadline probe");
    }

    @Test
    void startsAReplayedCertificateWithAnUntilAuthoritativeProbe() {
        WatchedCertificate c = cert("replayed");
        assertTrue(EXACT.start(c, P + 3 * MIN, true));
        assertEquals(ProbeKind.UNTIL_AUTHORITATIVE, c.nextKind);
        assertEquals(P + 3 * MIN, c.nextDueMs);

        WatchedCertificate past = cert("replayed-past");
        assertTrue(EXACT.start(past, D + 20 * MIN, true));
        assertEquals(ProbeKind.DEADLINE, past.nextKind, "a past deadline is due at once, never missed");
        assertEquals(D, past.nextDueMs);
    }

    @Test
    void skipsWatchStepsMissedDuringALongGapInsteadOfMakingThemUp() {
        WatchedCertificate c = started(EXACT, "a", D);
        EXACT.advance(c, D); // watch 1 due at D + 5 min
        EXACT.advance(c, D + 23 * MIN); // ... dispatched 18 minutes late
        assertEquals(ProbeKind.WATCH, c.nextKind);
        assertEquals(5, c.step, "steps 2 to 4, all past, are skipped");
        assertEquals(D + 25 * MIN, c.nextDueMs, "watching resumes at the next step to come, not back to back with the late one");
        EXACT.advance(c, D + 25 * MIN);
        assertEquals(6, c.step);
        assertEquals(D + 30 * MIN, c.nextDueMs);
    }

    @Test
    void neverSkipsTheDeadlineProbeAfterALongGap() {
        WatchedCertificate c = started(EXACT, "a", P);
        EXACT.advance(c, P); // next early probe at P + 1 min
        EXACT.advance(c, D + 40 * MIN); // ... dispatched long after the deadline
        assertEquals(ProbeKind.DEADLINE, c.nextKind);
        assertEquals(D, c.nextDueMs, "the deadline probe is due at once");
        EXACT.advance(c, D + 40 * MIN);
        assertEquals(ProbeKind.WATCH, c.nextKind);
        assertEquals(D + 45 * MIN, c.nextDueMs, "the next watch step to come");
    }

    @Test
    void endsAtOnceWhenTheDeadlineMovesBackBeyondTheWindow() {
        ProbePlan tiny = new ProbePlan(new ScheduleSettings(Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1),
                Duration.ofMillis(10), List.of(ProbeMethod.GET), List.of(ProbeMethod.GET), List.of(ProbeMethod.GET), Duration.ZERO,
                Duration.ZERO, Duration.ZERO));
        long now = 1_740_000_000_000L;
        WatchedCertificate c = new WatchedCertificate("a", null, BigInteger.ONE, List.of("http://ocsp.test"), 0, now);
        assertTrue(tiny.start(c, now, false));
        tiny.advance(c, now + 1); // the discovery probe was made; the deadline probe is next
        tiny.advance(c, now + 1); // the deadline probe was made; watching is next
        assertEquals(ProbeKind.WATCH, c.nextKind);
        // A record claiming CT time 0: decades of 1 ms watch steps to skip, none of them inside the window.
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertTrue(tiny.republished(c, 0, now + 1)));
        assertNull(c.nextKind);
    }

    @Test
    void jitterIsFixedPerCertificateAndStepAndBelowItsBound() {
        WatchedCertificate a = cert("issuer:01");
        WatchedCertificate again = cert("issuer:01");
        Set<Long> bySalt = new HashSet<>();
        for (int salt = -1; salt < 2000; salt++) {
            long j = JITTERED.jitter(a, salt);
            assertEquals(j, JITTERED.jitter(again, salt), "same id, same step, same jitter");
            assertTrue(j >= 0 && j < 20_000, "salt " + salt + ": " + j);
            bySalt.add(j);
        }
        assertTrue(bySalt.size() > 100, "different steps are spread: " + bySalt.size());
        assertNotEquals(JITTERED.jitter(a, 1), JITTERED.jitter(cert("issuer:02"), 1));
        assertEquals(0, EXACT.jitter(a, 1), "no jitter configured, none applied");
    }
}
