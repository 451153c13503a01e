package dev.ocspwatch.app.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.truth.CertificateTruth;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shipped scenario end to end in one JVM: the lab's CAs, CT logs, CDN and faults; the
 * discovery agent; an agent per region; the collector on a real broker. The collector's verdicts
 * must equal the lab's ground truth for every certificate.
 */
class LabRunTest {
    private static final Path SCENARIOS = Path.of("../config/scenarios");

    /** Every scenario, or those named in {@code -Docspwatch.lab.scenarios=a,b} (to rerun one). */
    static List<String> scenarios() {
        String only = System.getProperty("ocspwatch.lab.scenarios", "");
        return only.isBlank() ? List.of("healthy", "sectigo-2025", "egress-blocked", "slow-propagation", "cdn-mixups")
                : List.of(only.split(","));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void theCollectorsVerdictsEqualTheLabsGroundTruth(String name, @TempDir Path directory) throws Exception {
        Scenario scenario = Scenario.load(SCENARIOS, name);
        try (LabRun run = LabRun.start(scenario, directory, new SimpleMeterRegistry())) {
            awaitDecided(run, run.expectedEnd().plusSeconds(60));
            LabScore score = run.score();
            assertTrue(score.perfect(), () -> name + ": " + score.mismatches().size() + " mismatches\n" + String.join("\n", score.mismatches())
                    + "\n" + score.confusion());
            assertEquals(1.0, score.precision());
            assertEquals(1.0, score.recall());
            System.out.println(name + ": " + score.certificates() + " certificates, " + score.confusion());
        }
    }

    /**
     * The 2025 incident again, with the system itself failing mid-run: the collector killed (its
     * transaction aborted) and a new one started on an empty state directory, a region's agent
     * stopped and started, and the broker stopped for a few seconds. The verdicts must still
     * equal the ground truth, and no certificate may go undecided.
     */
    @org.junit.jupiter.api.Test
    void verdictsSurviveACollectorCrashAnAgentRestartAndABrokerPause(@TempDir Path directory) throws Exception {
        Scenario scenario = Scenario.load(SCENARIOS, "sectigo-2025");
        try (LabRun run = LabRun.start(scenario, directory, new SimpleMeterRegistry())) {
            Instant start = Instant.now();
            at(start.plusSeconds(12));
            run.killCollector();
            at(start.plusSeconds(16));
            run.startCollector();
            run.stopProber("eu-west");
            at(start.plusSeconds(20));
            run.startProber("eu-west");
            at(start.plusSeconds(26));
            run.kafka().stop();
            at(start.plusSeconds(31));
            run.kafka().restart();
            awaitDecided(run, run.expectedEnd().plusSeconds(90));
            LabScore score = run.score();
            assertTrue(score.perfect(), () -> score.mismatches().size() + " mismatches\n" + String.join("\n", score.mismatches())
                    + "\n" + score.confusion());
            assertTrue(score.violationsTrue() > 0, "the incident showed");
            System.out.println("sectigo-2025 with faults: " + score.certificates() + " certificates, " + score.confusion());
        }
    }

    private static void at(Instant when) {
        while (Instant.now().isBefore(when)) {
            LockSupport.parkUntil(when.toEpochMilli()); // the test's own schedule of faults, in real time
        }
    }

    private static void awaitDecided(LabRun run, Instant until) {
        while (true) {
            List<CertificateTruth> truth = run.world().groundTruth();
            Map<String, VerdictRecord> verdicts = run.verdicts();
            if (Instant.now().isAfter(run.expectedEnd()) && LabRun.allDecided(truth, verdicts)) {
                return;
            }
            if (Instant.now().isAfter(until)) {
                long undecided = truth.stream().filter(t -> verdicts.get(t.certificateId()) == null).count();
                String stages = truth.stream().map(t -> {
                    VerdictRecord v = verdicts.get(t.certificateId());
                    return t.ca() + " " + (v == null ? "none" : v.verdict() + "/" + v.stage() + " r" + v.revision() + " window end " + v.windowEnd());
                }).collect(java.util.stream.Collectors.joining("\n"));
                throw new AssertionError(run.scenario().name() + ": not all decided by " + until + "; " + undecided + " of " + truth.size()
                        + " without a verdict\n" + stages);
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // polling the collector's view, not waiting on a timer
        }
    }
}
