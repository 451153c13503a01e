package dev.ocspwatch.lab.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.verdict.Verdict;
import dev.ocspwatch.lab.scenario.Fault;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.testing.LabScenarios;
import dev.ocspwatch.lab.world.ManualClock;
import dev.ocspwatch.lab.world.WorldTime;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroundTruthTest {
    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Duration WINDOW = Duration.ofSeconds(60);
    private static final List<String> REGIONS = List.of("us-east", "eu-west", "ap-south");
    private static final String ID = "aa".repeat(32) + ":1234";
    private static final BigInteger SERIAL = BigInteger.valueOf(0x1234);

    /** deadline PT20S: story time is real time times 45. */
    private final Scenario scenario = LabScenarios.scenario("truth", 1, DEADLINE, Duration.ofMinutes(45),
            List.of(LabScenarios.region("us-east", "s"), LabScenarios.region("eu-west", "s"), LabScenarios.region("ap-south", "s")),
            List.of(LabScenarios.site("s", 1, null)), List.of(LabScenarios.ca("one-ca").build(), LabScenarios.ca("two-ca").build()),
            List.of());
    private final WorldTime time = new WorldTime(new ManualClock(START), START, scenario);
    private final GroundTruth truth = new GroundTruth(time, DEADLINE, WINDOW, REGIONS);

    /** Story time that scales to {@code real}. */
    private static Duration story(Duration real) {
        return real.multipliedBy(45);
    }

    private CertificateTruth only(List<Fault> faults) {
        List<CertificateTruth> all = truth.export(faults);
        assertEquals(1, all.size());
        return all.get(0);
    }

    @Test
    void theEarliestPublicationWins() {
        truth.issued(ID, "one-ca", SERIAL, true);
        truth.published("one-ca", SERIAL, START.plusSeconds(10));
        truth.published("one-ca", SERIAL, START.plusSeconds(5)); // a second log sequenced it earlier
        truth.published("one-ca", SERIAL, START.plusSeconds(8));
        CertificateTruth certificate = only(List.of());
        assertEquals(START.plusSeconds(5), certificate.publishedAt());
        assertEquals(START.plusSeconds(25), certificate.deadline());
        assertEquals(START.plusSeconds(85), certificate.windowEnd());
        assertEquals(ID, certificate.certificateId());
        assertEquals("one-ca", certificate.ca());
        assertEquals("1234", certificate.serial());
    }

    @Test
    void beforeAnyLogHasItThereIsNoVerdict() {
        truth.issued(ID, "one-ca", SERIAL, true);
        truth.served("one-ca", SERIAL, "us-east", "GET", Outcome.UNAUTHORIZED, false, START.plusSeconds(100));
        CertificateTruth certificate = only(List.of());
        assertNull(certificate.publishedAt());
        assertNull(certificate.deadline());
        assertNull(certificate.verdict());
        assertEquals("not yet in a CT log", certificate.reason());
    }

    @Test
    void onlyAnswersFromDeadlineToWindowEndCount() {
        truth.issued(ID, "one-ca", SERIAL, true);
        truth.published("one-ca", SERIAL, START);
        Instant deadline = START.plus(DEADLINE);
        Instant end = deadline.plus(WINDOW);
        truth.served("one-ca", SERIAL, "us-east", "POST", Outcome.UNAUTHORIZED, false, deadline.minusMillis(1));
        truth.served("one-ca", SERIAL, "us-east", "POST", Outcome.GOOD, false, deadline);
        truth.served("one-ca", SERIAL, "eu-west", "GET", Outcome.REVOKED, true, end);
        truth.served("one-ca", SERIAL, "eu-west", "GET", Outcome.UNKNOWN, false, end.plusMillis(1));
        CertificateTruth certificate = only(List.of());
        assertEquals(Map.of("us-east", List.of("GOOD"), "eu-west", List.of("REVOKED")), certificate.regions());
        assertEquals(Verdict.COMPLIANT, certificate.verdict(), certificate.reason());

        truth.served("one-ca", SERIAL, "ap-south", "GET", Outcome.UNAUTHORIZED, true, deadline.plusSeconds(30));
        CertificateTruth after = only(List.of());
        assertEquals(List.of("UNAUTHORIZED"), after.regions().get("ap-south"));
        assertEquals(Verdict.VIOLATION, after.verdict());
        assertTrue(after.reason().contains("ap-south"), after.reason());
    }

    @Test
    void answersAreKeptInOrderPerRegion() {
        truth.issued(ID, "one-ca", SERIAL, true);
        truth.published("one-ca", SERIAL, START);
        Instant deadline = START.plus(DEADLINE);
        truth.served("one-ca", SERIAL, "us-east", "GET", Outcome.GOOD, false, deadline);
        truth.served("one-ca", SERIAL, "us-east", "GET", Outcome.UNAUTHORIZED, true, deadline.plusSeconds(1));
        truth.served("one-ca", SERIAL, "us-east", "POST", Outcome.GOOD, false, deadline.plusSeconds(2));
        assertEquals(List.of("GOOD", "UNAUTHORIZED", "GOOD"), only(List.of()).regions().get("us-east"));
    }

    @Test
    void anEarlierPublicationMovesTheDeadlineAndTheWindowBack() {
        truth.issued(ID, "one-ca", SERIAL, true);
        truth.published("one-ca", SERIAL, START.plusSeconds(30));
        truth.served("one-ca", SERIAL, "us-east", "GET", Outcome.UNAUTHORIZED, false, START.plusSeconds(40));
        assertEquals(Verdict.INCONCLUSIVE, only(List.of()).verdict(), "the answer was before the deadline of 50 s");
        truth.published("one-ca", SERIAL, START);
        assertEquals(Verdict.VIOLATION, only(List.of()).verdict(), "with the deadline at 20 s it counts");
    }

    @Test
    void egressFaultsOverlappingTheWindowMarkTheRegionBlocked() {
        truth.issued(ID, "one-ca", SERIAL, true);
        truth.published("one-ca", SERIAL, START.plusSeconds(10)); // deadline 30 s, window end 90 s
        for (String region : REGIONS) {
            if (!region.equals("eu-west")) {
                truth.served("one-ca", SERIAL, region, "GET", Outcome.GOOD, false, START.plusSeconds(40));
            }
        }
        assertBlocked(List.of(), List.of());
        // over before the deadline (ends exactly at it: [from, until) is half-open)
        assertBlocked(List.of(egress("eu-west", null, Duration.ofSeconds(10), Duration.ofSeconds(30))), List.of());
        // begins after the window
        assertBlocked(List.of(egress("eu-west", null, Duration.ofSeconds(91), null)), List.of());
        // another CA's egress
        assertBlocked(List.of(egress("eu-west", "two-ca", Duration.ZERO, null)), List.of());
        // overlapping the start, the middle, the end; and a block that never ends
        assertBlocked(List.of(egress("eu-west", null, Duration.ofSeconds(20), Duration.ofSeconds(31))), List.of("eu-west"));
        assertBlocked(List.of(egress("eu-west", "one-ca", Duration.ofSeconds(50), Duration.ofSeconds(60))), List.of("eu-west"));
        assertBlocked(List.of(egress("eu-west", null, Duration.ofSeconds(89), Duration.ofSeconds(200))), List.of("eu-west"));
        assertBlocked(List.of(new Fault.EgressBlocked(null, "eu-west", Fault.EgressMode.REFUSE, null, null)), List.of("eu-west"));

        CertificateTruth blocked = only(List.of(egress("eu-west", null, Duration.ofSeconds(50), Duration.ofSeconds(60))));
        assertEquals(Verdict.INCONCLUSIVE, blocked.verdict(), "one region's path failed, the rest were answered: " + blocked.reason());
        assertFalse(blocked.regions().containsKey("eu-west"));
    }

    @Test
    void everyRegionBlockedIsAViolation() {
        truth.issued(ID, "one-ca", SERIAL, true);
        truth.published("one-ca", SERIAL, START);
        List<Fault> faults = new ArrayList<>();
        for (String region : REGIONS) {
            faults.add(new Fault.EgressBlocked(null, region, null, null, null));
        }
        CertificateTruth certificate = only(faults);
        assertEquals(REGIONS.stream().sorted().toList(), certificate.blockedRegions());
        assertEquals(Verdict.VIOLATION, certificate.verdict(), certificate.reason());
    }

    @Test
    void aCertificateWithoutOcspIsNotApplicable() {
        truth.issued(ID, "one-ca", SERIAL, false);
        truth.published("one-ca", SERIAL, START);
        CertificateTruth certificate = only(List.of());
        assertFalse(certificate.ocsp());
        assertEquals(Verdict.NOT_APPLICABLE, certificate.verdict());
    }

    @Test
    void precertificatesWithoutAFinalCertificateAreMarked() {
        truth.issued(ID, "one-ca", SERIAL, true);
        assertFalse(only(List.of()).precertOnly());
        truth.precertOnly("one-ca", SERIAL);
        assertTrue(only(List.of()).precertOnly());
    }

    @Test
    void whatItDidNotIssueIsIgnored() {
        truth.published("one-ca", SERIAL, START);
        truth.served("one-ca", SERIAL, "us-east", "GET", Outcome.GOOD, false, START);
        truth.precertOnly("one-ca", SERIAL);
        assertEquals(0, truth.size());
        assertTrue(truth.export(List.of()).isEmpty());
        truth.issued(ID, "one-ca", SERIAL, true);
        truth.published("two-ca", SERIAL, START); // same serial, another CA
        truth.served("two-ca", SERIAL, "us-east", "GET", Outcome.UNAUTHORIZED, false, START.plusSeconds(30));
        truth.served("one-ca", SERIAL, "us-east", "GET", null, false, START.plusSeconds(30));
        CertificateTruth certificate = only(List.of());
        assertNull(certificate.publishedAt());
        assertTrue(certificate.regions().isEmpty());
        truth.issued(ID, "one-ca", SERIAL, false); // issued twice: the first stays
        assertTrue(only(List.of()).ocsp());
    }

    @Test
    void exportIsSortedByCertificateIdAndComplete() {
        List<String> ids = new ArrayList<>();
        Random random = new Random(4);
        for (int i = 0; i < 40; i++) {
            BigInteger serial = new BigInteger(64, random).add(BigInteger.ONE);
            String ca = i % 2 == 0 ? "one-ca" : "two-ca";
            String id = String.format("%064x", new BigInteger(256, random)) + ":" + serial.toString(16);
            ids.add(id);
            truth.issued(id, ca, serial, true);
            if (i % 3 != 0) {
                truth.published(ca, serial, START.plusSeconds(i));
            }
        }
        List<CertificateTruth> export = truth.export(List.of());
        assertEquals(40, truth.size());
        List<String> sorted = new ArrayList<>(ids);
        Collections.sort(sorted);
        assertEquals(sorted, export.stream().map(CertificateTruth::certificateId).toList());
        assertEquals(40 - 14, export.stream().filter(c -> c.publishedAt() != null).count());
    }

    private void assertBlocked(List<Fault> faults, List<String> expected) {
        assertEquals(expected, only(faults).blockedRegions(), faults.toString());
    }

    /** An egress block from {@code from} to {@code until} real time after the start (story time is 45 times that). */
    private static Fault egress(String region, String ca, Duration from, Duration until) {
        return new Fault.EgressBlocked(ca, region, Fault.EgressMode.DNS, story(from), until == null ? null : story(until));
    }
}
