package dev.ocspwatch.collector.topology;

import static dev.ocspwatch.collector.topology.CollectorWorld.T0;
import static dev.ocspwatch.collector.topology.CollectorWorld.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.collector.state.CertificateState;
import dev.ocspwatch.collector.verdict.DecisionSettings;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.verdict.DecisionStage;
import dev.ocspwatch.common.verdict.RegionStatus;
import dev.ocspwatch.common.verdict.RegionVerdict;
import dev.ocspwatch.common.verdict.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector's topology in a TopologyTestDriver: every verdict rule and edge, decided by the
 * wall-clock punctuator at deadline plus grace and at the window's end, with the test moving
 * the clock. Deadline 15 min, grace 1 min, window 1 h, retention 1 h.
 */
class CollectorTopologyTest {
    private static final Instant DEADLINE = T0.plus(Duration.ofMinutes(15));
    private static final Instant FIRST_DECISION = DEADLINE.plus(Duration.ofMinutes(1));
    private static final Instant WINDOW_END = DEADLINE.plus(Duration.ofHours(1));

    @TempDir
    Path stateDir;
    private CollectorWorld world;

    private CollectorWorld world(DecisionSettings settings) {
        world = new CollectorWorld(settings, stateDir);
        return world;
    }

    private CollectorWorld world() {
        return world(DecisionSettings.DEFAULT);
    }

    @AfterEach
    void close() {
        if (world != null) {
            world.close();
        }
    }

    private static RegionVerdict region(VerdictRecord v, String name) {
        return v.regions().stream().filter(r -> r.region().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " in " + v));
    }

    @Test
    void flagsCertificateStillUnauthorizedAfterDeadline() {
        CollectorWorld w = world();
        String id = id(1);
        w.publish(id, T0);
        w.probe(id, T0, "us-east", T0.plusSeconds(5), Outcome.UNAUTHORIZED);
        w.probe(id, T0, "eu-west", DEADLINE.plusSeconds(3), Outcome.GOOD);
        Observation failing = w.probe(id, T0, "us-east", DEADLINE.plusSeconds(2), Outcome.UNAUTHORIZED);
        w.clockTo(FIRST_DECISION.minusSeconds(1));
        assertEquals(List.of(), w.emitted(), "decided before deadline plus grace");

        w.clockTo(FIRST_DECISION);
        List<VerdictRecord> emitted = w.emitted();
        assertEquals(1, emitted.size());
        VerdictRecord v = emitted.get(0);
        assertEquals(Verdict.VIOLATION, v.verdict());
        assertEquals(DecisionStage.DEADLINE, v.stage());
        assertEquals(1, v.revision());
        assertNull(v.previousVerdict());
        assertTrue(v.newViolation());
        assertEquals(failing.observationId(), v.firstFailure().observationId());
        assertEquals(RegionStatus.RESPONDER_FAILURE, region(v, "us-east").status());
        assertEquals(RegionStatus.AUTHORITATIVE, region(v, "eu-west").status());
        assertEquals(1, v.outcomes().get(Outcome.UNAUTHORIZED), "the early UNAUTHORIZED does not count");
        assertTrue(v.reason().contains("us-east"), v.reason());
        assertEquals(DEADLINE, v.deadline());
        assertEquals("CN=Test CA", v.issuerSubject());
    }

    @Test
    void isCompliantWhenEveryRegionIsAuthoritativeAndMeasuresTimeToFirstAnswer() {
        CollectorWorld w = world();
        String id = id(2);
        w.publish(id, T0);
        w.probe(id, T0, "eu-west", T0.plusSeconds(10), Outcome.UNKNOWN);
        w.probe(id, T0, "eu-west", T0.plusSeconds(70), Outcome.GOOD);
        w.probe(id, T0, "us-east", T0.plusSeconds(12), Outcome.GOOD);
        for (String region : List.of("eu-west", "us-east")) {
            w.probe(id, T0, region, DEADLINE.plusSeconds(1), Outcome.GOOD, "GET");
            w.probe(id, T0, region, DEADLINE.plusSeconds(1), Outcome.GOOD, "POST");
        }
        w.clockTo(FIRST_DECISION);
        VerdictRecord v = w.emitted().get(0);
        assertEquals(Verdict.COMPLIANT, v.verdict(), v.reason());
        assertEquals(70_000L, region(v, "eu-west").timeToFirstAuthoritativeMs());
        assertEquals(12_000L, region(v, "us-east").timeToFirstAuthoritativeMs());
        assertFalse(v.flapping(), "UNKNOWN before the first GOOD is not flapping");
        assertEquals(4, v.outcomes().get(Outcome.GOOD));
    }

    @Test
    void aWatchProbeThatFailsTurnsCompliantIntoViolationAsANewRevision() {
        CollectorWorld w = world();
        String id = id(3);
        w.publish(id, T0);
        w.probe(id, T0, "eu-west", DEADLINE.plusSeconds(1), Outcome.GOOD);
        w.clockTo(FIRST_DECISION);
        assertEquals(Verdict.COMPLIANT, w.emitted().get(0).verdict());
        w.probe(id, T0, "eu-west", DEADLINE.plus(Duration.ofMinutes(5)), Outcome.GOOD);
        assertEquals(List.of(), w.emitted(), "one more GOOD changes counts, not the verdict: no new record");

        w.clockTo(DEADLINE.plus(Duration.ofMinutes(20)));
        w.probe(id, T0, "eu-west", DEADLINE.plus(Duration.ofMinutes(20)), Outcome.UNAUTHORIZED);
        List<VerdictRecord> emitted = w.emitted();
        assertEquals(1, emitted.size(), "decided again at once");
        VerdictRecord v = emitted.get(0);
        assertEquals(Verdict.VIOLATION, v.verdict());
        assertEquals(DecisionStage.WATCH, v.stage());
        assertEquals(2, v.revision());
        assertEquals(Verdict.COMPLIANT, v.previousVerdict());
        assertTrue(v.flapping());
        assertTrue(region(v, "eu-west").flapping());

        w.probe(id, T0, "eu-west", DEADLINE.plus(Duration.ofMinutes(25)), Outcome.GOOD);
        assertEquals(List.of(), w.emitted(), "a GOOD after the failure changes nothing of substance");
        w.probe(id, T0, "us-east", DEADLINE.plus(Duration.ofMinutes(26)), Outcome.TRY_LATER);
        VerdictRecord again = w.emitted().get(0);
        assertEquals(3, again.revision(), "a second region failing is news");
        assertEquals(Verdict.VIOLATION, again.verdict(), "a violation stays one");
        assertFalse(again.newViolation(), "and is not new");
    }

    @Test
    void aRegionFailingOnlyInTransportIsAPathProblemNeverAViolation() {
        CollectorWorld w = world();
        String id = id(4);
        w.publish(id, T0);
        w.probe(id, T0, "eu-west", DEADLINE.plusSeconds(1), Outcome.GOOD);
        w.probe(id, T0, "corp-proxy", DEADLINE.plusSeconds(1), Outcome.CONNECT_FAILURE);
        w.clockTo(FIRST_DECISION);
        VerdictRecord v = w.emitted().get(0);
        assertEquals(Verdict.INCONCLUSIVE, v.verdict());
        assertEquals(List.of("corp-proxy"), v.pathProblems());
        assertEquals(RegionStatus.TRANSPORT_FAILURE, region(v, "corp-proxy").status());
        assertTrue(v.reason().contains("path problem"), v.reason());
    }

    @Test
    void noRegionReachingTheResponderIsAViolation() {
        CollectorWorld w = world();
        String id = id(5);
        w.publish(id, T0);
        w.probe(id, T0, "eu-west", DEADLINE.plusSeconds(1), Outcome.TIMEOUT);
        w.probe(id, T0, "us-east", DEADLINE.plusSeconds(1), Outcome.DNS_FAILURE);
        w.clockTo(FIRST_DECISION);
        VerdictRecord v = w.emitted().get(0);
        assertEquals(Verdict.VIOLATION, v.verdict());
        assertEquals(List.of(), v.pathProblems());
        assertTrue(v.reason().startsWith("no region could reach"), v.reason());
    }

    @Test
    void aRegionThatNeverReportedKeepsTransportFailuresInconclusive() {
        CollectorWorld w = world(DecisionSettings.DEFAULT.withRegions(List.of("eu-west", "us-east", "ap-south")));
        String id = id(6);
        w.publish(id, T0);
        w.probe(id, T0, "eu-west", DEADLINE.plusSeconds(1), Outcome.TIMEOUT);
        w.probe(id, T0, "us-east", DEADLINE.plusSeconds(1), Outcome.TIMEOUT);
        w.clockTo(FIRST_DECISION);
        VerdictRecord v = w.emitted().get(0);
        assertEquals(Verdict.INCONCLUSIVE, v.verdict(), v.reason());
        assertEquals(RegionStatus.NOT_ASKED, region(v, "ap-south").status());
    }

    @Test
    void aCertificateWithoutResponderIsNotApplicableAndForgottenAfterRetention() {
        CollectorWorld w = world();
        String id = id(7);
        w.publish(CollectorWorld.certificate(id, T0, List.of()), T0.plusSeconds(2));
        w.clockTo(FIRST_DECISION);
        VerdictRecord v = w.emitted().get(0);
        assertEquals(Verdict.NOT_APPLICABLE, v.verdict());
        assertEquals(DecisionStage.DEADLINE, v.stage());
        w.clockTo(FIRST_DECISION.plus(Duration.ofHours(1)));
        assertEquals(List.of(), w.emitted(), "no final decision for a certificate nobody probes");
        assertNull(states(w).get(id));
    }

    @Test
    void nothingAskedAtOrAfterTheDeadlineIsInconclusive() {
        CollectorWorld w = world();
        String id = id(8);
        w.publish(id, T0);
        w.probe(id, T0, "eu-west", T0.plusSeconds(5), Outcome.GOOD);
        w.clockTo(FIRST_DECISION);
        VerdictRecord v = w.emitted().get(0);
        assertEquals(Verdict.INCONCLUSIVE, v.verdict());
        assertEquals(RegionStatus.NOT_ASKED, region(v, "eu-west").status());
        assertEquals(5_000L, region(v, "eu-west").timeToFirstAuthoritativeMs());
    }

    @Test
    void aLaterRecordWithAnEarlierCtTimestampMovesTheDeadlineBack() {
        CollectorWorld w = world();
        String id = id(9);
        Instant later = T0.plus(Duration.ofMinutes(5));
        w.publish(id, later);
        w.publish(id, T0); // the precertificate in another log, logged five minutes earlier
        // Sent 16 minutes after T0: after the moved deadline, before the original one.
        w.probe(id, later, "eu-west", T0.plus(Duration.ofMinutes(16)), Outcome.UNAUTHORIZED);
        w.clockTo(FIRST_DECISION);
        VerdictRecord v = w.emitted().get(0);
        assertEquals(T0, v.publishedAt());
        assertEquals(DEADLINE, v.deadline());
        assertEquals(Verdict.VIOLATION, v.verdict());
    }

    @Test
    void duplicatesAndArrivalOrderDoNotChangeTheVerdict() {
        List<Observation> probes = new ArrayList<>();
        String id = id(10);
        for (int i = 0; i < 12; i++) {
            String region = i % 2 == 0 ? "eu-west" : "us-east";
            Outcome outcome = i == 7 ? Outcome.TRY_LATER : Outcome.GOOD;
            probes.add(CollectorWorld.observation(id, T0, region, DEADLINE.plusSeconds(i * 10L), outcome, i % 3 == 0 ? "GET" : "POST"));
        }
        VerdictRecord inOrder = decide(id, probes, stateDir.resolve("a"));
        List<Observation> shuffled = new ArrayList<>(probes);
        shuffled.addAll(probes.subList(0, 5));
        Collections.shuffle(shuffled, new Random(7));
        VerdictRecord reordered = decide(id, shuffled, stateDir.resolve("b"));
        assertEquals(5, world.metrics.duplicateCount());
        assertEquals(12, world.metrics.observationCount());
        assertEquals(Verdict.VIOLATION, inOrder.verdict());
        assertEquals(withoutTime(inOrder), withoutTime(reordered));
    }

    private VerdictRecord decide(String id, List<Observation> probes, Path dir) {
        if (world != null) {
            world.close();
        }
        CollectorWorld w = new CollectorWorld(DecisionSettings.DEFAULT, dir);
        world = w;
        w.publish(id, T0);
        for (Observation o : probes) {
            w.observations.pipeInput(id, o, DEADLINE.plusSeconds(30));
        }
        w.clockTo(FIRST_DECISION);
        List<VerdictRecord> emitted = w.emitted();
        assertEquals(1, emitted.size());
        return emitted.get(0);
    }

    private static VerdictRecord withoutTime(VerdictRecord v) {
        return new VerdictRecord(v.certificateId(), v.serial(), v.issuerSpkiSha256(), v.issuerSubject(), v.subject(), v.ocspUrls(),
                v.logName(), v.logIndex(), v.publishedAt(), v.deadline(), v.windowEnd(), v.verdict(), v.stage(), v.reason(), v.outcomes(),
                v.regions(), v.firstFailure(), v.flapping(), v.pathProblems(), null, v.revision(), v.previousVerdict());
    }

    @Test
    void malformedRecordsAreCountedAndTheStreamReadsOn() {
        CollectorWorld w = world();
        w.rawCertificates.pipeInput("x", "{not json".getBytes(StandardCharsets.UTF_8), T0);
        w.rawCertificates.pipeInput("y", null, T0);
        w.rawObservations.pipeInput("z", "[]".getBytes(StandardCharsets.UTF_8), T0);
        String id = id(11);
        // Under another certificate's key: it would land in the wrong task's state.
        w.certificates.pipeInput(id(99), CollectorWorld.certificate(id, T0, List.of(CollectorWorld.URL)), T0);
        w.publish(id, T0);
        w.probe(id, T0, "eu-west", DEADLINE.plusSeconds(1), Outcome.GOOD);
        w.clockTo(FIRST_DECISION);
        assertEquals(Verdict.COMPLIANT, w.emitted().get(0).verdict());
        assertEquals(3, w.metrics.rejectedCount("malformed-certificate"));
        assertEquals(1, w.metrics.rejectedCount("malformed-observation"));
    }

    @Test
    void waitsForTheBacklogBeforeDecidingWhileRecordsKeepArriving() {
        CollectorWorld w = world();
        String id = id(12);
        w.publish(id, T0);
        w.probe(id, T0, "eu-west", DEADLINE.plusSeconds(1), Outcome.GOOD);
        // The collector was away: its clock is past the decision while it still reads records from before it.
        w.clockTo(FIRST_DECISION.plusSeconds(30));
        w.emitted(); // decided: input was idle for 30 s
        String late = id(13);
        w.publish(late, T0.plusSeconds(30));
        for (int i = 0; i < 6; i++) {
            Instant sent = DEADLINE.plusSeconds(30 + i);
            w.clockTo(w.now().plusSeconds(1));
            w.probe(late, T0.plusSeconds(30), "eu-west", sent, Outcome.GOOD);
            assertEquals(List.of(), w.emitted(), "decided while its records were still being read");
        }
        w.probe(late, T0.plusSeconds(30), "us-east", DEADLINE.plusSeconds(45), Outcome.UNAUTHORIZED);
        w.clockTo(w.now().plusSeconds(5)); // input idle: everything read
        VerdictRecord v = w.emitted().get(0);
        assertEquals(late, v.certificateId());
        assertEquals(Verdict.VIOLATION, v.verdict(), "the us-east failure read last is in the first decision");
        assertEquals(1, v.revision());
    }

    @Test
    void decidesFinallyAtTheWindowsEndThenDropsStateAndRejectsWhatComesAfter() {
        CollectorWorld w = world();
        String id = id(14);
        w.publish(id, T0);
        w.probe(id, T0, "eu-west", DEADLINE.plusSeconds(1), Outcome.GOOD);
        w.clockTo(FIRST_DECISION);
        w.emitted();
        w.clockTo(WINDOW_END.plus(Duration.ofMinutes(1)));
        VerdictRecord last = w.emitted().get(0);
        assertEquals(DecisionStage.FINAL, last.stage());
        assertEquals(Verdict.COMPLIANT, last.verdict());
        assertEquals(2, last.revision());
        assertNotNull(states(w).get(id));
        assertEquals(1, last.outcomes().get(Outcome.GOOD));

        // A probe sent after the window, arriving within retention: stored, does not count.
        w.probe(id, T0, "eu-west", WINDOW_END.plusSeconds(30), Outcome.UNAUTHORIZED);
        assertEquals(List.of(), w.emitted());

        w.clockTo(WINDOW_END.plus(Duration.ofMinutes(1)).plus(Duration.ofHours(1)));
        assertNull(states(w).get(id), "state dropped after retention");
        assertEquals(0, w.driver.getKeyValueStore(StoreNames.EVIDENCE).approximateNumEntries());
        assertEquals(0, w.driver.getKeyValueStore(StoreNames.PROBES).approximateNumEntries());
        assertEquals(0, w.driver.getKeyValueStore(StoreNames.CERTIFICATE_RECORDS).approximateNumEntries());
        Observation afterwards = CollectorWorld.observation(id, T0, "eu-west", WINDOW_END.minusSeconds(5), Outcome.UNAUTHORIZED, "GET");
        w.observations.pipeInput(id, afterwards, WINDOW_END.plus(Duration.ofHours(2)));
        assertEquals(1, w.metrics.rejectedCount("after-retention"));
        assertNull(states(w).get(id));
    }

    @Test
    void decidesFinallyWhenScaledStoryTimesCarryNanoseconds() {
        // A 20 s deadline scales the hour's window to 26.666666667 s: the due index keeps milliseconds.
        CollectorWorld w = world(DecisionSettings.DEFAULT.scaledTo(Duration.ofSeconds(20)));
        String id = id(17);
        w.publish(id, T0);
        Instant deadline = T0.plusSeconds(20);
        w.probe(id, T0, "eu-west", deadline.plusMillis(10), Outcome.GOOD);
        w.clockTo(deadline.plusSeconds(2));
        assertEquals(DecisionStage.DEADLINE, w.emitted().get(0).stage());
        w.clockTo(deadline.plus(w.settings.watchWindow()).plus(w.settings.grace()).plusMillis(1));
        List<VerdictRecord> emitted = w.emitted();
        assertEquals(1, emitted.size(), "the final decision");
        assertEquals(DecisionStage.FINAL, emitted.get(0).stage());
    }

    @Test
    void keepsRawBytesForFailuresAndEachRegionsEarliestAuthoritativeAnswer() {
        CollectorWorld w = world();
        String id = id(15);
        w.publish(id, T0);
        Observation second = w.probe(id, T0, "eu-west", T0.plusSeconds(90), Outcome.GOOD);
        Observation first = w.probe(id, T0, "eu-west", T0.plusSeconds(30), Outcome.GOOD);
        Observation failed = w.probe(id, T0, "eu-west", DEADLINE.plusSeconds(1), Outcome.UNAUTHORIZED);
        KeyValueStore<String, byte[]> evidence = w.driver.getKeyValueStore(StoreNames.EVIDENCE);
        List<Observation> kept = EvidenceStore.of(evidence, id);
        assertEquals(List.of(first.observationId(), second.observationId(), failed.observationId()),
                kept.stream().map(Observation::observationId).toList(), "in send order");
        assertNotNull(kept.get(0).probe().responseBase64(), "the earliest authoritative answer keeps its bytes");
        assertNull(kept.get(1).probe().responseBase64(), "a later authoritative one does not");
        assertEquals(second.probe().headers(), kept.get(1).probe().headers(), "but keeps its headers");
        assertNotNull(kept.get(2).probe().responseBase64());
    }

    @Test
    void theGlobalViewHoldsEachCertificatesLatestVerdict() {
        CollectorWorld w = world();
        String id = id(16);
        w.publish(id, T0);
        w.probe(id, T0, "eu-west", DEADLINE.plusSeconds(1), Outcome.GOOD);
        w.clockTo(FIRST_DECISION);
        w.probe(id, T0, "eu-west", DEADLINE.plusSeconds(120), Outcome.UNKNOWN);
        KeyValueStore<String, VerdictRecord> view = w.driver.getKeyValueStore(StoreNames.VERDICTS);
        assertEquals(Verdict.VIOLATION, view.get(id).verdict());
        assertEquals(2, view.get(id).revision());
    }

    private static KeyValueStore<String, CertificateState> states(CollectorWorld w) {
        return w.driver.getKeyValueStore(StoreNames.CERTIFICATES);
    }
}
