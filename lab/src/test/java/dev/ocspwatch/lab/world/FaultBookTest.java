package dev.ocspwatch.lab.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.verdict.Verdict;
import dev.ocspwatch.lab.scenario.Fault;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.testing.LabScenarios;
import dev.ocspwatch.lab.truth.CertificateTruth;
import dev.ocspwatch.lab.truth.GroundTruth;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultBookTest {
    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final ManualClock clock = new ManualClock(START);
    /** deadline PT20S: one story minute is 4/3 s real. */
    private final Scenario scenario = LabScenarios.scenario("faults", 1, DEADLINE, Duration.ofMinutes(15),
            List.of(LabScenarios.region("us-east", "east"), LabScenarios.region("eu-west", "west")),
            List.of(LabScenarios.site("east", 4, null), LabScenarios.site("west", 4, null)),
            List.of(LabScenarios.ca("one-ca").build(), LabScenarios.ca("two-ca").build()), List.of());
    private final WorldTime time = new WorldTime(clock, START, scenario);

    @Test
    void scenarioFaultsWithoutAWindowAreOnFromTheStart() {
        FaultBook book = new FaultBook(time, List.of(new Fault.TryLater("one-ca", null, null, null)));
        clock.advance(Duration.ofHours(1));
        assertTrue(book.active(Fault.TryLater.class, "one-ca", "east", "us-east", START).isPresent());
        assertTrue(book.active(Fault.TryLater.class, "one-ca", "east", "us-east", clock.instant()).isPresent());
    }

    @Test
    void activeMatchesCaSiteAndRegionWhereTheFaultNamesThem() {
        FaultBook book = new FaultBook(time, List.of(
                new Fault.TryLater("one-ca", "east", null, null),
                new Fault.EgressBlocked(null, "eu-west", Fault.EgressMode.DNS, null, null)));
        Instant now = clock.instant();
        assertTrue(book.active(Fault.TryLater.class, "one-ca", "east", "us-east", now).isPresent());
        assertTrue(book.active(Fault.TryLater.class, "one-ca", "west", "us-east", now).isEmpty(), "another site");
        assertTrue(book.active(Fault.TryLater.class, "two-ca", "east", "us-east", now).isEmpty(), "another CA");
        assertTrue(book.active(Fault.EgressBlocked.class, "two-ca", null, "eu-west", now).isPresent(), "every CA");
        assertTrue(book.active(Fault.EgressBlocked.class, "two-ca", null, "us-east", now).isEmpty(), "another region");
        assertTrue(book.active(Fault.WrongSigner.class, "one-ca", "east", "us-east", now).isEmpty(), "another kind");
        assertEquals(1, book.allActive(Fault.TryLater.class, "one-ca", "east", now).size());
    }

    @Test
    void windowsAreStoryTimeHalfOpen() {
        FaultBook book = new FaultBook(time, List.of(new Fault.WrongSigner(null, Duration.ofMinutes(3), Duration.ofMinutes(6))));
        assertFalse(book.active(Fault.WrongSigner.class, "one-ca", null, null, START.plusMillis(3999)).isPresent());
        assertTrue(book.active(Fault.WrongSigner.class, "one-ca", null, null, START.plusSeconds(4)).isPresent());
        assertTrue(book.active(Fault.WrongSigner.class, "one-ca", null, null, START.plusMillis(7999)).isPresent());
        assertFalse(book.active(Fault.WrongSigner.class, "one-ca", null, null, START.plusSeconds(8)).isPresent());
    }

    @Test
    void aSwitchSetAtRunTimeIsOnFromNowNotFromTheStart() {
        FaultBook book = new FaultBook(time, List.of());
        clock.advance(Duration.ofSeconds(40));
        Instant setAt = clock.instant();
        book.set(new Fault.ReplicaStall("one-ca", "east", 2, null, null));
        assertTrue(book.active(Fault.ReplicaStall.class, "one-ca", "east", null, setAt).isPresent(), "on at once");
        assertTrue(book.active(Fault.ReplicaStall.class, "one-ca", "east", null, setAt.plus(Duration.ofDays(1))).isPresent());
        assertTrue(book.active(Fault.ReplicaStall.class, "one-ca", "east", null, setAt.minusSeconds(1)).isEmpty(),
                "it was not on before it was set");
        Fault.ReplicaStall stored = (Fault.ReplicaStall) book.all().get(0);
        assertEquals(2, stored.replicas());
        assertEquals("east", stored.site());
        assertTrue(!time.at(stored.from()).isAfter(setAt) && time.at(stored.from()).isAfter(setAt.minusMillis(1)),
                "began when set: " + time.at(stored.from()));
    }

    @Test
    void aSwitchSetWithItsOwnWindowKeepsIt() {
        FaultBook book = new FaultBook(time, List.of());
        clock.advance(Duration.ofSeconds(40));
        Fault fault = new Fault.OneByteBody("one-ca", Duration.ofMinutes(60), Duration.ofMinutes(90));
        book.set(fault);
        assertEquals(List.of(fault), book.all());
        assertTrue(book.active(Fault.OneByteBody.class, "one-ca", null, null, clock.instant()).isEmpty());
        assertTrue(book.active(Fault.OneByteBody.class, "one-ca", null, null, START.plusSeconds(80)).isPresent());
    }

    @Test
    void clearSwitchesOffNowAndLeavesOtherKindsOn() {
        FaultBook book = new FaultBook(time, List.of(new Fault.WrongSigner(null, null, null)));
        book.set(new Fault.TryLater(null, null, null, null));
        clock.advance(Duration.ofSeconds(10));
        book.clear(Fault.TryLater.class);
        assertTrue(book.active(Fault.TryLater.class, "one-ca", "east", "us-east", clock.instant()).isEmpty());
        assertTrue(book.active(Fault.TryLater.class, "one-ca", "east", "us-east", clock.instant().plusSeconds(100)).isEmpty());
        assertTrue(book.active(Fault.WrongSigner.class, "one-ca", null, null, clock.instant()).isPresent());
        clock.advance(Duration.ofSeconds(10));
        book.set(new Fault.TryLater(null, null, null, null));
        assertTrue(book.active(Fault.TryLater.class, "one-ca", "east", "us-east", clock.instant()).isPresent(), "set again after a clear");
    }

    @Test
    void clearRemovesASwitchThatWasNeverOn() {
        FaultBook book = new FaultBook(time, List.of(new Fault.TryLater(null, null, Duration.ofMinutes(30), null)));
        book.clear(Fault.TryLater.class);
        assertTrue(book.active(Fault.TryLater.class, "one-ca", "east", "us-east", START.plus(Duration.ofMinutes(30))).isEmpty(),
                "a switch scheduled for later is off after a clear");
    }

    @Test
    void groundTruthKnowsOnlyTheEgressBlocksThatOverlappedAWindow() {
        // Blocked egress never reaches the lab: the ledger reads it from the book, so the book must
        // keep when a run-time switch was on: not before it was set, and still after it was cleared.
        FaultBook book = new FaultBook(time, List.of());
        GroundTruth truth = new GroundTruth(time, DEADLINE, Duration.ofSeconds(30), List.of("us-east", "eu-west"));
        BigInteger early = BigInteger.valueOf(1);
        BigInteger during = BigInteger.valueOf(2);
        BigInteger late = BigInteger.valueOf(3);
        String idPrefix = "ab".repeat(32) + ":";
        for (BigInteger serial : List.of(early, during, late)) {
            truth.issued(idPrefix + serial.toString(16), "one-ca", serial, true);
        }
        truth.published("one-ca", early, START); // deadline 20 s, window ends at 50 s
        answerEverywhere(truth, early, START.plusSeconds(25));

        clock.set(START.plusSeconds(100));
        book.set(new Fault.EgressBlocked(null, "eu-west", Fault.EgressMode.DNS, null, null));
        truth.published("one-ca", during, START.plusSeconds(90)); // window 110 s to 140 s
        answer(truth, during, "us-east", START.plusSeconds(115));
        clock.set(START.plusSeconds(120));
        book.clear(Fault.EgressBlocked.class);
        truth.published("one-ca", late, START.plusSeconds(200)); // window 220 s to 250 s
        answerEverywhere(truth, late, START.plusSeconds(225));

        List<CertificateTruth> export = truth.export(book.all());
        assertEquals(List.of(), export.get(0).blockedRegions(), "window over before the block was set");
        assertEquals(Verdict.COMPLIANT, export.get(0).verdict());
        assertEquals(List.of("eu-west"), export.get(1).blockedRegions(), "window overlapped the block, cleared since");
        assertEquals(Verdict.INCONCLUSIVE, export.get(1).verdict());
        assertEquals(List.of(), export.get(2).blockedRegions(), "window after the block was cleared");
        assertEquals(Verdict.COMPLIANT, export.get(2).verdict());
    }

    private static void answerEverywhere(GroundTruth truth, BigInteger serial, Instant at) {
        answer(truth, serial, "us-east", at);
        answer(truth, serial, "eu-west", at);
    }

    private static void answer(GroundTruth truth, BigInteger serial, String region, Instant at) {
        truth.served("one-ca", serial, region, "POST", Outcome.GOOD, false, at);
    }
}
