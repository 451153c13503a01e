package dev.ocspwatch.agent.prober;

import static dev.ocspwatch.agent.prober.ProberLab.await;
import static dev.ocspwatch.agent.prober.ProberLab.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.agent.probe.AddressPolicy;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.world.LabCa;
import dev.ocspwatch.lab.world.World;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Discovery and two regional probers against the healthy lab: every certificate probed at discovery and at its deadline, GOOD by then. */
class ProberAgentSmokeTest {
    @Test
    void probesEveryNewCertificateAtDiscoveryAndAtItsDeadlineFromEachRegion() {
        try (ProberLab lab = ProberLab.start(Map.of())) {
            Scenario scenario = ProberLab.shipped("healthy");
            World world = await(lab.world(scenario));
            await(lab.discover(world));
            ScheduleSettings schedule = ScheduleSettings.DEFAULT.scaledTo(scenario.deadline())
                    .withWatchWindow(scenario.real(Duration.ofMinutes(2)));
            for (String region : List.of("us-east", "eu-west")) {
                ProberSettings prober = new ProberSettings(region, region + "-1", schedule, null, null, AddressPolicy.ALLOW_ALL,
                        10_000, 1_000, null, Duration.ofMillis(20));
                await(lab.prober(prober, new LabNameResolver(world.dns(), region)));
            }
            Set<String> issued = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                LabCa.Issued one = await(world.issueNow(i % 2 == 0 ? "rsa-ca" : "ecdsa-ca", false));
                issued.add(one.certificateId());
            }

            lab.observations().await(all -> deadlineProbesDone(all, issued), Duration.ofSeconds(90),
                    () -> "deadline probes: " + summary(lab.observations().of(issued)));
            List<Observation> observations = lab.observations().of(issued);
            for (String id : issued) {
                for (String region : List.of("us-east", "eu-west")) {
                    List<Observation> mine = observations.stream()
                            .filter(o -> o.certificateId().equals(id) && o.region().equals(region)).toList();
                    assertTrue(mine.stream().anyMatch(o -> o.kind() == ProbeKind.DISCOVERY), () -> region + " " + summary(mine));
                    List<Observation> atDeadline = mine.stream().filter(o -> o.kind() == ProbeKind.DEADLINE).toList();
                    assertEquals(Set.of("GET", "POST"), atDeadline.stream().map(o -> o.probe().method()).collect(Collectors.toSet()));
                    for (Observation o : atDeadline) {
                        assertEquals(Outcome.GOOD, o.outcome(), () -> summary(List.of(o)));
                        assertTrue(o.counts(), "sent at or after the deadline");
                        assertFalse(o.late());
                        assertEquals(region + "-1", o.agentId());
                    }
                }
            }
        }
    }

    private static boolean deadlineProbesDone(List<Observation> observations, Set<String> issued) {
        Map<String, Long> deadlineProbes = observations.stream().filter(o -> o.kind() == ProbeKind.DEADLINE)
                .collect(Collectors.groupingBy(Observation::certificateId, Collectors.counting()));
        return issued.stream().allMatch(id -> deadlineProbes.getOrDefault(id, 0L) >= 4);
    }
}
