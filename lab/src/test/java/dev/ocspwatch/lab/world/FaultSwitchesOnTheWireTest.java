package dev.ocspwatch.lab.world;

import static dev.ocspwatch.common.outcome.Outcome.GOOD;
import static dev.ocspwatch.common.outcome.Outcome.UNAUTHORIZED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.verdict.Verdict;
import dev.ocspwatch.lab.dns.LabDns;
import dev.ocspwatch.lab.scenario.Fault;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.testing.Futures;
import dev.ocspwatch.lab.testing.LabProbe;
import dev.ocspwatch.lab.testing.LabWorld;
import dev.ocspwatch.lab.testing.LabProbe.Observation;
import dev.ocspwatch.lab.testing.LabScenarios;
import dev.ocspwatch.lab.truth.CertificateTruth;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every fault switch that shapes OCSP answers, switched on at run time in a real world and seen on
 * the wire: real DNS views, real HTTP through a region's point of presence, the bytes judged by
 * the OCSP core. For each: the outcome equals the switch's {@link Fault#implies()}, the ground
 * truth ledger recorded it for that region, the switch's scope leaves the rest alone, and with
 * the switch cleared the answer is GOOD again.
 *
 * <p>The deadline is 15 minutes, so story time is real time; the world's clock is a
 * {@link ManualClock} that only the tests move.
 */
class FaultSwitchesOnTheWireTest {
    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration DEADLINE = Duration.ofMinutes(15);
    private static final Scenario SCENARIO = scenario(11, List.of());

    private static LabWorld lab;
    private static Vertx vertx;
    private static ManualClock clock;
    private static World world;
    private static LabProbe probe;

    private static Scenario scenario(long seed, List<Fault> faults) {
        return LabScenarios.scenario("wire", seed, DEADLINE, Duration.ofHours(10),
                List.of(LabScenarios.region("north", "alpha"), LabScenarios.region("south", "beta"), LabScenarios.region("west", "alpha")),
                List.of(LabScenarios.site("alpha", 6, Duration.ofMinutes(1)), LabScenarios.site("beta", 6, Duration.ofMinutes(1))),
                List.of(LabScenarios.ca("direct-ca").signerDelay(Duration.ofMinutes(1)).errorMaxAge(Duration.ofMinutes(30)).build(),
                        LabScenarios.ca("delegated-ca").delegated(true).signerDelay(Duration.ofMinutes(1)).build(),
                        LabScenarios.ca("late-ca").signerDelay(Duration.ofMinutes(20)).errorMaxAge(Duration.ofMinutes(30)).build()),
                faults);
    }

    @BeforeAll
    static void startWorld() {
        lab = LabWorld.start(SCENARIO, START);
        vertx = lab.vertx();
        clock = lab.clock();
        world = lab.world();
        probe = lab.probe();
    }

    @AfterAll
    static void stopWorld() {
        if (lab != null) {
            lab.close();
        }
    }

    @AfterEach
    void clearEverySwitch() {
        lab.reset();
    }

    /** The switches this class shows on the wire: every one that shapes OCSP answers. */
    private static final Set<String> COVERED = Set.of("replicaStall", "replicaLag", "cdnCachesErrors", "unknownAfterIssuance",
            "tryLater", "wrongSigner", "delegateWithoutEku", "delegateExpired", "otherCertificate", "nextUpdatePast",
            "httpStatus", "oneByteBody", "slow", "egressBlocked");

    @Test
    void everySwitchThatShapesOcspAnswersIsCoveredHere() {
        Set<String> shaping = new TreeSet<>();
        for (Class<?> kind : Fault.class.getPermittedSubclasses()) {
            String simple = kind.getSimpleName();
            String name = Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
            boolean ct = name.startsWith("ct");
            if (!ct) {
                shaping.add(name);
            }
        }
        assertEquals(new TreeSet<>(COVERED), shaping);
    }

    // ----- the status pipeline -----

    @Test
    void replicaLagAtOneSiteLeavesItsRegionsUnauthorized() {
        LabCa ca = ca("direct-ca");
        LabCa.Issued issued = issue(ca);
        clock.advance(DEADLINE);
        assertOutcome(GOOD, "north", ca, issued);
        Fault lag = new Fault.ReplicaLag("direct-ca", "alpha", Duration.ofMinutes(30), null, null);
        world.faults().set(lag);
        assertOutcome(lag.implies(), "north", ca, issued);
        assertOutcome(lag.implies(), "west", ca, issued);
        assertOutcome(GOOD, "south", ca, issued); // routed to beta
        LabCa other = ca("delegated-ca");
        LabCa.Issued otherIssued = issue(other);
        clock.advance(DEADLINE);
        assertOutcome(GOOD, "north", other, otherIssued); // another CA's pipeline
        world.faults().clear(Fault.ReplicaLag.class);
        assertOutcome(GOOD, "north", ca, issued);
        assertEquals(List.of("GOOD", "UNAUTHORIZED", "GOOD"), ledger(issued, "north"));
        assertEquals(List.of("UNAUTHORIZED"), ledger(issued, "west"));
        assertEquals(List.of("GOOD"), ledger(issued, "south"));
        assertEquals(Verdict.VIOLATION, truth(issued).verdict());
    }

    @Test
    void aLagEndsWhenItHasPassed() {
        LabCa ca = ca("direct-ca");
        world.faults().set(new Fault.ReplicaLag("direct-ca", "alpha", Duration.ofMinutes(30), null, null));
        LabCa.Issued issued = issue(ca);
        clock.advance(Duration.ofMinutes(30)); // signed at 1 min, copied at 31 min
        assertOutcome(UNAUTHORIZED, "north", ca, issued);
        clock.advance(Duration.ofMinutes(1));
        assertOutcome(GOOD, "north", ca, issued);
    }

    @Test
    void replicaStallMakesTheSitesRegionsFailIntermittentlyAndOnlyThem() {
        LabCa ca = ca("direct-ca");
        LabCa.Issued before = issue(ca);
        clock.advance(DEADLINE);
        Fault stall = new Fault.ReplicaStall("direct-ca", "alpha", 3, null, null);
        world.faults().set(stall);
        // Switched on now: what the stalled replicas had applied stays there.
        assertEquals(List.of(GOOD), distinct(post(20, "north", ca, before)), "replicas keep what they had when they stalled");

        LabCa.Issued after = issue(ca);
        clock.advance(DEADLINE);
        List<Outcome> north = post(60, "north", ca, after);
        assertTrue(north.contains(stall.implies()) && north.contains(GOOD), "intermittent: " + north);
        assertEquals(List.of(GOOD), distinct(post(30, "south", ca, after)), "the other site is fine");
        assertEquals(north.stream().map(Outcome::name).toList(), ledger(after, "north"), "the ledger saw what the wire saw");
        assertEquals(Verdict.VIOLATION, truth(after).verdict());
        assertTrue(truth(after).reason().contains("north"), truth(after).reason());

        world.faults().clear(Fault.ReplicaStall.class);
        assertEquals(List.of(GOOD), distinct(post(30, "north", ca, after)), "the stalled replicas catch up");
    }

    @Test
    void theSameSeedStallsTheSameRequests() {
        List<Outcome> first = stallStory(2025);
        List<Outcome> again = stallStory(2025);
        List<Outcome> otherSeed = stallStory(2026);
        assertEquals(first, again);
        assertNotEquals(first, otherSeed);
    }

    /** A fresh world whose site alpha has 3 of 6 replicas stalled from the start: 40 POSTs from north, 20 from south. */
    private static List<Outcome> stallStory(long seed) {
        Scenario story = scenario(seed, List.of(new Fault.ReplicaStall("direct-ca", "alpha", 3, null, null)));
        ManualClock storyClock = new ManualClock(START);
        try (World stalled = Futures.await(World.start(vertx, story, storyClock), 60)) {
            LabCa ca = stalled.cas().get("direct-ca");
            LabCa.Issued issued = Futures.await(stalled.issueNow("direct-ca", false));
            storyClock.advance(DEADLINE);
            List<Outcome> north = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                north.add(probe.post(stalled, "north", ca, issued.serial()).outcome());
            }
            assertTrue(north.contains(UNAUTHORIZED) && north.contains(GOOD), "seed " + seed + ": " + north);
            for (int i = 0; i < 20; i++) {
                assertEquals(GOOD, probe.post(stalled, "south", ca, issued.serial()).outcome());
            }
            return north;
        }
    }

    @Test
    void cdnCachesErrorsKeepsServingUnauthorizedAfterTheOriginHealed() {
        LabCa ca = ca("late-ca"); // signs 20 minutes after issuance; error max-age 30 minutes
        LabCa.Issued issued = issue(ca);
        clock.advance(DEADLINE);
        Fault caching = new Fault.CdnCachesErrors("late-ca", null, null);
        world.faults().set(caching);
        Observation first = probe.get(world, "north", ca, issued.serial());
        assertEquals(UNAUTHORIZED, first.outcome(), "not signed yet");
        assertEquals("MISS", first.cache());

        clock.advance(Duration.ofMinutes(7)); // signed at 20, copied at 21
        assertOutcome(GOOD, "north", ca, issued); // POST reaches the origin
        Observation cached = probe.get(world, "north", ca, issued.serial());
        assertEquals(caching.implies(), cached.outcome(), cached.toString());
        assertEquals("HIT", cached.cache());
        assertEquals("420", cached.header("Age"));
        assertArrayEquals(first.body(), cached.body());
        Observation otherPop = probe.get(world, "south", ca, issued.serial());
        assertEquals(GOOD, otherPop.outcome(), "another PoP has its own cache");
        assertEquals("MISS", otherPop.cache());

        world.faults().clear(Fault.CdnCachesErrors.class);
        Observation stillCached = probe.get(world, "north", ca, issued.serial());
        assertEquals("HIT", stillCached.cache(), "clearing the switch does not purge what is cached");
        assertEquals(UNAUTHORIZED, stillCached.outcome());
        clock.advance(Duration.ofMinutes(23)); // the cached error's 30 minutes are over
        Observation fresh = probe.get(world, "north", ca, issued.serial());
        assertEquals(GOOD, fresh.outcome());
        assertEquals("MISS", fresh.cache());
        assertEquals(List.of("UNAUTHORIZED", "GOOD", "UNAUTHORIZED", "UNAUTHORIZED", "GOOD"), ledger(issued, "north"));
    }

    // ----- the responder -----

    @Test
    void unknownAfterIssuanceAnswersUnknownForItsWindow() {
        LabCa ca = ca("direct-ca");
        Fault unknown = new Fault.UnknownAfterIssuance("direct-ca", Duration.ofMinutes(20), null, null);
        world.faults().set(unknown);
        LabCa.Issued issued = issue(ca);
        clock.advance(DEADLINE);
        assertOutcome(unknown.implies(), "north", ca, issued);
        assertOutcome(unknown.implies(), "south", ca, issued);
        clock.advance(Duration.ofMinutes(5));
        assertOutcome(GOOD, "north", ca, issued); // 20 minutes after issuance
        assertEquals(List.of("UNKNOWN", "GOOD"), ledger(issued, "north"));

        LabCa.Issued second = issue(ca);
        clock.advance(DEADLINE);
        assertOutcome(Outcome.UNKNOWN, "north", ca, second);
        world.faults().clear(Fault.UnknownAfterIssuance.class);
        assertOutcome(GOOD, "north", ca, second);
        assertEquals(List.of("UNKNOWN", "GOOD"), ledger(second, "north"));
    }

    @Test
    void tryLaterAtOneSite() {
        LabCa ca = ca("direct-ca");
        LabCa.Issued issued = issue(ca);
        clock.advance(DEADLINE);
        Fault tryLater = new Fault.TryLater("direct-ca", "alpha", null, null);
        world.faults().set(tryLater);
        assertOutcome(tryLater.implies(), "north", ca, issued);
        assertOutcome(tryLater.implies(), "west", ca, issued);
        assertOutcome(GOOD, "south", ca, issued);
        world.faults().clear(Fault.TryLater.class);
        assertOutcome(GOOD, "north", ca, issued);
        assertEquals(List.of("TRY_LATER", "GOOD"), ledger(issued, "north"));
        assertEquals(List.of("GOOD"), ledger(issued, "south"));
    }

    @Test
    void wrongSignerForOneCa() {
        LabCa ca = ca("direct-ca");
        LabCa.Issued issued = issue(ca);
        LabCa other = ca("delegated-ca");
        LabCa.Issued otherIssued = issue(other);
        clock.advance(DEADLINE);
        Fault wrong = new Fault.WrongSigner("direct-ca", null, null);
        world.faults().set(wrong);
        assertOutcome(wrong.implies(), "north", ca, issued);
        assertOutcome(wrong.implies(), "south", ca, issued);
        assertOutcome(GOOD, "north", other, otherIssued);
        world.faults().clear(Fault.WrongSigner.class);
        assertOutcome(GOOD, "north", ca, issued);
        assertEquals(List.of("UNAUTHORIZED_SIGNER", "GOOD"), ledger(issued, "north"));
        assertEquals(List.of("UNAUTHORIZED_SIGNER"), ledger(issued, "south"));
    }

    @Test
    void delegateWithoutEku() {
        assertSigningFault(new Fault.DelegateWithoutEku("delegated-ca", null, null), Fault.DelegateWithoutEku.class);
    }

    @Test
    void delegateExpired() {
        assertSigningFault(new Fault.DelegateExpired("delegated-ca", null, null), Fault.DelegateExpired.class);
    }

    private void assertSigningFault(Fault fault, Class<? extends Fault> kind) {
        LabCa ca = ca("delegated-ca");
        LabCa.Issued issued = issue(ca);
        LabCa other = ca("direct-ca");
        LabCa.Issued otherIssued = issue(other);
        clock.advance(DEADLINE);
        assertOutcome(GOOD, "north", ca, issued);
        world.faults().set(fault);
        assertOutcome(fault.implies(), "north", ca, issued);
        assertOutcome(fault.implies(), "south", ca, issued);
        assertOutcome(GOOD, "north", other, otherIssued);
        world.faults().clear(kind);
        assertOutcome(GOOD, "north", ca, issued);
        assertEquals(List.of("GOOD", fault.implies().name(), "GOOD"), ledger(issued, "north"));
    }

    @Test
    void otherCertificatesAnswer() {
        LabCa ca = ca("direct-ca");
        LabCa.Issued one = issue(ca);
        LabCa.Issued two = issue(ca);
        clock.advance(DEADLINE);
        Fault mixup = new Fault.OtherCertificate("direct-ca", null, null);
        world.faults().set(mixup);
        Observation first = probe.post(world, "north", ca, one.serial());
        Observation second = probe.post(world, "north", ca, two.serial());
        assertEquals(mixup.implies(), first.outcome(), first.toString());
        assertEquals(mixup.implies(), second.outcome(), second.toString());
        assertTrue(first.detail().contains(one.serial().toString(16)), "asked for ours: " + first.detail());
        world.faults().clear(Fault.OtherCertificate.class);
        assertOutcome(GOOD, "north", ca, one);
        assertEquals(List.of("WRONG_CERT_ID", "GOOD"), ledger(one, "north"));
    }

    @Test
    void nextUpdatePast() {
        LabCa ca = ca("direct-ca");
        LabCa.Issued issued = issue(ca);
        clock.advance(DEADLINE);
        Fault stale = new Fault.NextUpdatePast("direct-ca", null, null);
        world.faults().set(stale);
        Observation seen = assertOutcome(stale.implies(), "north", ca, issued);
        assertTrue(seen.detail().contains("nextUpdate"), seen.detail());
        world.faults().clear(Fault.NextUpdatePast.class);
        assertOutcome(GOOD, "north", ca, issued);
        assertEquals(List.of("NOT_CURRENT", "GOOD"), ledger(issued, "north"));
    }

    // ----- the web tier and the network -----

    @ParameterizedTest
    @ValueSource(ints = {404, 500})
    void httpStatus(int status) {
        LabCa ca = ca("direct-ca");
        LabCa.Issued issued = issue(ca);
        clock.advance(DEADLINE);
        Fault error = new Fault.HttpStatus("direct-ca", status, null, null);
        world.faults().set(error);
        for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.GET)) {
            Observation seen = probe.ocsp(world, "north", ca, issued.serial(), method, Duration.ofSeconds(10));
            assertEquals(error.implies(), seen.outcome(), seen.toString());
            assertEquals(status, seen.status());
        }
        world.faults().clear(Fault.HttpStatus.class);
        assertOutcome(GOOD, "north", ca, issued);
        assertEquals(List.of("HTTP_ERROR", "HTTP_ERROR", "GOOD"), ledger(issued, "north"));
    }

    @Test
    void oneByteBody() {
        LabCa ca = ca("direct-ca");
        LabCa.Issued issued = issue(ca);
        clock.advance(DEADLINE);
        Fault oneByte = new Fault.OneByteBody("direct-ca", null, null);
        world.faults().set(oneByte);
        Observation seen = assertOutcome(oneByte.implies(), "north", ca, issued);
        assertEquals(200, seen.status());
        assertEquals(1, seen.body().length);
        world.faults().clear(Fault.OneByteBody.class);
        assertOutcome(GOOD, "north", ca, issued);
        assertEquals(List.of("MALFORMED_RESPONSE", "GOOD"), ledger(issued, "north"));
    }

    @Test
    void slowAnswersTimeOutAClientThatWaitsLessThanTheDelay() {
        LabCa ca = ca("direct-ca");
        LabCa.Issued issued = issue(ca);
        clock.advance(DEADLINE);
        Fault slow = new Fault.Slow("direct-ca", Duration.ofMillis(300), null, null);
        world.faults().set(slow);
        Observation impatient = probe.ocsp(world, "north", ca, issued.serial(), HttpMethod.POST, Duration.ofMillis(100));
        assertEquals(slow.implies(), impatient.outcome(), impatient.toString());

        long began = System.nanoTime();
        Observation patient = probe.ocsp(world, "south", ca, issued.serial(), HttpMethod.POST, Duration.ofSeconds(5));
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertEquals(GOOD, patient.outcome(), "the answer itself is fine, only late");
        assertTrue(took.compareTo(Duration.ofMillis(300)) >= 0, "held for the delay: " + took);

        world.faults().clear(Fault.Slow.class);
        assertOutcome(GOOD, "north", ca, issued);
        assertEquals(List.of("TIMEOUT", "GOOD"), ledger(issued, "north"));
    }

    @Test
    void egressBlockedByDns() {
        LabCa ca = ca("direct-ca");
        LabCa.Issued issued = issue(ca);
        clock.advance(DEADLINE);
        assertOutcome(GOOD, "north", ca, issued);
        Fault blocked = new Fault.EgressBlocked(null, "north", Fault.EgressMode.DNS, null, null);
        world.faults().set(blocked);
        assertEquals(Optional.empty(), world.dns().resolve("north", ca.spec().ocspHost()));
        assertEquals(Optional.empty(), world.dns().resolve("north", ca.spec().repositoryHost()));
        assertPops(ca);
        assertOutcome(blocked.implies(), "north", ca, issued);
        assertOutcome(GOOD, "south", ca, issued);
        assertOutcome(GOOD, "west", ca, issued);
        CertificateTruth during = truth(issued);
        assertEquals(List.of("north"), during.blockedRegions());
        assertEquals(Verdict.INCONCLUSIVE, during.verdict(), during.reason());

        clock.advance(Duration.ofMinutes(1));
        world.faults().clear(Fault.EgressBlocked.class);
        assertEquals(Optional.of(List.of(LabDns.popAddress(1))), world.dns().resolve("north", ca.spec().ocspHost()));
        assertOutcome(GOOD, "north", ca, issued);
        assertEquals(List.of("north"), truth(issued).blockedRegions(), "the ledger remembers the block");
        assertEquals(List.of("GOOD", "GOOD"), ledger(issued, "north"), "blocked requests never reach the lab");
    }

    @Test
    void egressBlockedByRefusal() {
        LabCa ca = ca("direct-ca");
        LabCa.Issued issued = issue(ca);
        clock.advance(DEADLINE);
        Fault blocked = new Fault.EgressBlocked("direct-ca", "west", Fault.EgressMode.REFUSE, null, null);
        world.faults().set(blocked);
        assertEquals(Optional.of(List.of(LabDns.deadAddress(3))), world.dns().resolve("west", ca.spec().ocspHost()));
        LabCa other = ca("delegated-ca");
        assertEquals(Optional.of(List.of(LabDns.popAddress(3))), world.dns().resolve("west", other.spec().ocspHost()),
                "only the blocked CA's hosts");
        Observation refused = assertOutcome(blocked.implies(), "west", ca, issued);
        assertTrue(refused.detail().contains("127.0.2.3"), refused.detail());
        assertOutcome(GOOD, "north", ca, issued);
        assertEquals(List.of("west"), truth(issued).blockedRegions());
        world.faults().clear(Fault.EgressBlocked.class);
        assertOutcome(GOOD, "west", ca, issued);
    }

    // ----- helpers -----

    private static void assertPops(LabCa ca) {
        assertEquals(Optional.of(List.of(LabDns.popAddress(2))), world.dns().resolve("south", ca.spec().ocspHost()));
        assertEquals(Optional.of(List.of(LabDns.popAddress(3))), world.dns().resolve("west", ca.spec().ocspHost()));
    }

    private static LabCa ca(String name) {
        return world.cas().get(name);
    }

    private static LabCa.Issued issue(LabCa ca) {
        return Futures.await(world.issueNow(ca.spec().name(), false));
    }

    private static Observation assertOutcome(Outcome expected, String region, LabCa ca, LabCa.Issued issued) {
        Observation seen = probe.post(world, region, ca, issued.serial());
        assertEquals(expected, seen.outcome(), region + ", " + ca.spec().name() + ": " + seen);
        return seen;
    }

    private static List<Outcome> post(int times, String region, LabCa ca, LabCa.Issued issued) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            outcomes.add(probe.post(world, region, ca, issued.serial()).outcome());
        }
        return outcomes;
    }

    private static List<Outcome> distinct(List<Outcome> outcomes) {
        return outcomes.stream().distinct().toList();
    }

    private static CertificateTruth truth(LabCa.Issued issued) {
        return world.groundTruth().stream().filter(t -> t.certificateId().equals(issued.certificateId())).findFirst()
                .orElseThrow(() -> new AssertionError("not in the ledger: " + issued.certificateId()));
    }

    /** The outcomes the ledger holds for this certificate and region, at or after its deadline. */
    private static List<String> ledger(LabCa.Issued issued, String region) {
        return truth(issued).regions().getOrDefault(region, List.of());
    }
}
