package dev.ocspwatch.agent.prober;

import static dev.ocspwatch.agent.prober.ProberLab.await;
import static dev.ocspwatch.agent.prober.ProberLab.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.agent.prober.ProberLab.Prober;
import dev.ocspwatch.agent.probe.FetchLimits;
import dev.ocspwatch.agent.testing.FakeResponder;
import dev.ocspwatch.agent.testing.ScriptedOcspResponder;
import dev.ocspwatch.agent.testing.Signal;
import dev.ocspwatch.agent.testing.StaticNameResolver;
import dev.ocspwatch.agent.testing.TestPki;
import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.outcome.OutcomeGroup;
import dev.ocspwatch.common.verdict.Verdict;
import dev.ocspwatch.common.x509.IssuerCertificate;
import dev.ocspwatch.lab.pki.OcspAnswer;
import dev.ocspwatch.lab.scenario.Fault;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.truth.CertificateTruth;
import dev.ocspwatch.lab.world.LabCa;
import dev.ocspwatch.lab.world.World;
import io.vertx.core.Future;
import io.vertx.core.net.NetServer;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prober role against the lab and a real in-process broker: regional agents probe what
 * discovery found in the lab's CT logs, over real HTTP through the lab's CDN, and every
 * observation is checked against the lab's ledger of the answers it served each region.
 * The agents may connect only to the lab's networks, never to loopback, private or
 * link-local addresses.
 */
class ProberAgentTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    /** The schedule of a 20 s deadline: early probes every 1.33 s, the deadline probe, one watch step 6.7 s later, all within an 8 s window. */
    private static final ScheduleSettings SCHEDULE = ScheduleSettings.DEFAULT.scaledTo(DEADLINE).withWatchWindow(Duration.ofSeconds(8));

    private static ProberLab lab;

    @BeforeAll
    static void startBroker() {
        // Lets a prober ask for a session timeout of a few seconds: how soon the group notices an agent that vanished.
        lab = ProberLab.start(Map.of("group.min.session.timeout.ms", "1000"));
    }

    @AfterEach
    void stopWhatTheTestStarted() {
        lab.endTest();
    }

    @AfterAll
    static void stopBroker() {
        if (lab != null) {
            lab.close();
        }
    }

    // ----- every fault switch, seen from three regions -----

    /** What a region must record for a CA's certificates at and after the deadline. */
    private record Expect(Set<Outcome> allowed, Outcome seen) {
        static Expect only(Outcome outcome) {
            return new Expect(EnumSet.of(outcome), outcome);
        }

        /** Intermittent, or the fault ends within the watch window: the outcome shows, GOOD may too. */
        static Expect sometimes(Outcome outcome) {
            return new Expect(EnumSet.of(outcome, Outcome.GOOD), outcome);
        }
    }

    private static final Expect HEALTHY = Expect.only(Outcome.GOOD);

    /**
     * A scenario, how many certificates each of its CAs issues at the start, and what each region
     * must record for each CA ({@code ca@region}, or {@code ca@*} for every region; GOOD otherwise).
     */
    private record FaultCase(Scenario scenario, Map<String, Integer> certificates, Map<String, Expect> cells, FetchLimits limits) {
        Expect expect(String ca, String region) {
            return cells.getOrDefault(ca + "@" + region, cells.getOrDefault(ca + "@*", HEALTHY));
        }
    }

    /**
     * The switches the shipped scenarios leave out, in a scenario of their own. The lab answers
     * {@code slow-ca} after 5 s; these agents give up after 2.5 s.
     */
    private static final String REMAINING_SWITCHES = """
            name: remaining-switches
            description: Every OCSP fault switch the shipped scenarios do not use, each on its own CA.
            seed: 404
            deadline: PT20S
            issueFor: PT8M
            watchWindow: PT20M
            regions:
              - {name: north, site: alpha}
              - {name: south, site: beta}
              - {name: west, site: alpha}
            sites:
              - {name: alpha, replicas: 3, lag: PT1M}
              - {name: beta, replicas: 3, lag: PT1M}
            cas:
              - {name: lag-ca, key: ECDSA_P256, issueEvery: PT1M, signerDelay: PT1M}
              - {name: trylater-ca, key: ECDSA_P256, issueEvery: PT1M, signerDelay: PT1M}
              - {name: rogue-signer-ca, key: ECDSA_P256, issueEvery: PT1M, signerDelay: PT1M}
              - {name: no-eku-ca, key: ECDSA_P256, issueEvery: PT1M, signerDelay: PT1M, delegated: true}
              - {name: expired-delegate-ca, key: ECDSA_P256, issueEvery: PT1M, signerDelay: PT1M, delegated: true}
              - {name: http-error-ca, key: ECDSA_P256, issueEvery: PT1M, signerDelay: PT1M}
              - {name: slow-ca, key: ECDSA_P256, issueEvery: PT1M, signerDelay: PT1M}
              - {name: dns-blocked-ca, key: ECDSA_P256, issueEvery: PT1M, signerDelay: PT1M}
            faults:
              - {switch: replicaLag, ca: lag-ca, site: alpha, lag: PT60M}
              - {switch: tryLater, ca: trylater-ca, site: beta}
              - {switch: wrongSigner, ca: rogue-signer-ca}
              - {switch: delegateWithoutEku, ca: no-eku-ca}
              - {switch: delegateExpired, ca: expired-delegate-ca}
              - {switch: httpStatus, ca: http-error-ca, status: 503}
              - {switch: slow, ca: slow-ca, delay: PT5S}
              - {switch: egressBlocked, ca: dns-blocked-ca, region: west, mode: dns}
            """;

    private static List<FaultCase> faultCases(Path directory) {
        FetchLimits standard = FetchLimits.ocsp();
        Map<String, Expect> remaining = new HashMap<>();
        remaining.put("lag-ca@north", Expect.only(Outcome.UNAUTHORIZED));
        remaining.put("lag-ca@west", Expect.only(Outcome.UNAUTHORIZED));
        remaining.put("trylater-ca@south", Expect.only(Outcome.TRY_LATER));
        remaining.put("rogue-signer-ca@*", Expect.only(Outcome.UNAUTHORIZED_SIGNER));
        remaining.put("no-eku-ca@*", Expect.only(Outcome.UNAUTHORIZED_SIGNER));
        remaining.put("expired-delegate-ca@*", Expect.only(Outcome.UNAUTHORIZED_SIGNER));
        remaining.put("http-error-ca@*", Expect.only(Outcome.HTTP_ERROR));
        remaining.put("slow-ca@*", Expect.only(Outcome.TIMEOUT));
        remaining.put("dns-blocked-ca@west", Expect.only(Outcome.DNS_FAILURE));
        Map<String, Integer> two = new LinkedHashMap<>();
        for (String ca : List.of("lag-ca", "trylater-ca", "rogue-signer-ca", "no-eku-ca", "expired-delegate-ca", "http-error-ca", "slow-ca",
                "dns-blocked-ca")) {
            two.put(ca, 2);
        }
        return List.of(
                // 3 of manchester's 6 replicas stalled: eu-west (routed there) is answered UNAUTHORIZED half the time, and the
                // CDN keeps those answers; the other sites are healthy.
                new FaultCase(ProberLab.shipped("sectigo-2025"), Map.of("sectigo-like", 6, "healthy-ca", 2),
                        Map.of("sectigo-like@eu-west", Expect.sometimes(Outcome.UNAUTHORIZED)), standard),
                new FaultCase(ProberLab.shipped("egress-blocked"), Map.of("rsa-ca", 2, "ecdsa-ca", 2, "crl-only-ca", 2),
                        Map.of("rsa-ca@corp-proxy", Expect.only(Outcome.CONNECT_FAILURE),
                                "ecdsa-ca@corp-proxy", Expect.only(Outcome.CONNECT_FAILURE)), standard),
                // Signed 26.7 s after issuance, unknown for 26.7 s: both still at the deadline, over by the watch probe.
                new FaultCase(ProberLab.shipped("slow-propagation"), Map.of("ten-minute-ca", 2, "twenty-minute-ca", 2, "unknown-ca", 2),
                        Map.of("twenty-minute-ca@*", Expect.sometimes(Outcome.UNAUTHORIZED),
                                "unknown-ca@*", Expect.sometimes(Outcome.UNKNOWN)), standard),
                new FaultCase(ProberLab.shipped("cdn-mixups"), Map.of("mixup-ca", 2, "onebyte-ca", 2, "stale-ca", 2, "control-ca", 2),
                        Map.of("mixup-ca@*", Expect.only(Outcome.WRONG_CERT_ID),
                                "onebyte-ca@*", Expect.only(Outcome.MALFORMED_RESPONSE),
                                "stale-ca@*", Expect.only(Outcome.NOT_CURRENT)), standard),
                new FaultCase(ProberLab.scenario(directory, "remaining-switches", REMAINING_SWITCHES), two, remaining,
                        standard.withTimeout(Duration.ofMillis(2500))));
    }

    /**
     * Every scenario plays at once, each with its own world, discovery and one agent per region
     * (the region's consumer group is named after scenario and region, so the scenarios never
     * share one); each dynamic test then checks one scenario. Agents also probe the other
     * scenarios' certificates (one topic holds them all); those hosts do not resolve in their
     * world, so the lab never sees those probes, and each check looks only at its own world's
     * certificates.
     */
    @TestFactory
    Stream<DynamicTest> eachRegionRecordsTheOutcomeEveryFaultServedIt(@TempDir Path directory) {
        List<FaultCase> cases = faultCases(directory);
        List<Future<FaultRun>> starting = cases.stream().map(FaultRun::start).toList();
        await(Future.all(starting));
        return starting.stream().map(Future::result)
                .map(run -> DynamicTest.dynamicTest(run.fault.scenario().name(), run::verify));
    }

    /** One scenario in play: its world, its agents (one per region) and the certificates its CAs issued. */
    private static final class FaultRun {
        private final FaultCase fault;
        /** Agent region (and consumer group suffix) → the lab region whose view of the world it has. */
        private final Map<String, String> labRegion = new LinkedHashMap<>();
        private World world;
        private List<LabCa.Issued> issued;

        private FaultRun(FaultCase fault) {
            this.fault = fault;
        }

        static Future<FaultRun> start(FaultCase fault) {
            FaultRun run = new FaultRun(fault);
            Scenario scenario = fault.scenario();
            return lab.world(scenario).compose(world -> {
                run.world = world;
                return lab.discover(world);
            }).compose(discovery -> {
                List<Future<Prober>> probers = new ArrayList<>();
                for (Scenario.RegionSpec region : scenario.regions()) {
                    String agentRegion = scenario.name() + "-" + region.name();
                    run.labRegion.put(agentRegion, region.name());
                    probers.add(lab.prober(ProberLab.settings(agentRegion, agentRegion + "-1", SCHEDULE, fault.limits()),
                            new LabNameResolver(run.world.dns(), region.name())));
                }
                return Future.all(probers);
            }).compose(probers -> {
                List<Future<LabCa.Issued>> issuing = new ArrayList<>();
                fault.certificates().forEach((ca, count) -> {
                    for (int i = 0; i < count; i++) {
                        issuing.add(run.world.issueNow(ca, true));
                    }
                });
                return Future.all(issuing);
            }).map(issuing -> {
                run.issued = issuing.list();
                return run;
            });
        }

        private String caOf(String certificateId) {
            return world.cas().values().stream().filter(ca -> ca.issued().stream().anyMatch(i -> i.certificateId().equals(certificateId)))
                    .findFirst().orElseThrow().spec().name();
        }

        private boolean hasOcsp(String certificateId) {
            return world.cas().get(caOf(certificateId)).spec().hasOcsp();
        }

        /** The probes every certificate must get from every region: GET and POST at the deadline and at the one watch step. */
        private List<String> missing(List<Observation> all, Set<String> ids) {
            Set<String> seen = new HashSet<>();
            for (Observation o : all) {
                if (ids.contains(o.certificateId()) && labRegion.containsKey(o.region())) {
                    seen.add(o.certificateId() + " " + o.region() + " " + o.kind() + " " + o.probe().method());
                }
            }
            List<String> missing = new ArrayList<>();
            for (String id : ids) {
                for (String region : labRegion.keySet()) {
                    for (ProbeKind kind : List.of(ProbeKind.DEADLINE, ProbeKind.WATCH)) {
                        for (String method : List.of("GET", "POST")) {
                            String key = id + " " + region + " " + kind + " " + method;
                            if (!seen.contains(key)) {
                                missing.add(key);
                            }
                        }
                    }
                }
            }
            return missing;
        }

        void verify() {
            Set<String> ids = issued.stream().map(LabCa.Issued::certificateId).collect(Collectors.toSet());
            Set<String> probed = ids.stream().filter(this::hasOcsp).collect(Collectors.toSet());
            lab.observations().await(all -> missing(all, probed).isEmpty(), Duration.ofSeconds(90),
                    () -> fault.scenario().name() + ": probes not seen: " + missing(lab.observations().all(), probed));
            List<Observation> observed = lab.observations().where(o -> ids.contains(o.certificateId()) && labRegion.containsKey(o.region()));
            Map<String, CertificateTruth> truth = world.groundTruth().stream()
                    .collect(Collectors.toMap(CertificateTruth::certificateId, Function.identity()));

            // A CA that names no responder: discovery publishes nothing to probe, the lab says NOT_APPLICABLE.
            for (String id : ids) {
                if (!probed.contains(id)) {
                    assertTrue(observed.stream().noneMatch(o -> o.certificateId().equals(id)), () -> id + " names no responder yet was probed");
                    assertEquals(Verdict.NOT_APPLICABLE, truth.get(id).verdict());
                }
            }

            Map<String, Map<Outcome, Integer>> table = new TreeMap<>();
            Set<Outcome> seenByCell = EnumSet.noneOf(Outcome.class);
            for (String id : probed) {
                CertificateTruth served = truth.get(id);
                String ca = caOf(id);
                for (Map.Entry<String, String> region : labRegion.entrySet()) {
                    List<Observation> mine = observed.stream()
                            .filter(o -> o.certificateId().equals(id) && o.region().equals(region.getKey())).toList();
                    List<Observation> counted = mine.stream().filter(Observation::counts).toList();
                    for (Observation o : mine) {
                        assertEquals(region.getKey() + "-1", o.agentId());
                        long lateBy = o.probe().sentAt().toEpochMilli() - o.scheduledAt().toEpochMilli();
                        assertEquals(lateBy > SCHEDULE.lateAfter().toMillis(), o.late(), () -> "late flag of " + summary(List.of(o)));
                        if (o.kind() == ProbeKind.DEADLINE || o.kind() == ProbeKind.WATCH) {
                            assertTrue(o.counts(), () -> "a deadline or watch probe sent before the deadline: " + summary(List.of(o)));
                        }
                    }
                    agreesWithTheLedger(served, region.getValue(), mine);
                    Expect expect = fault.expect(ca, region.getValue());
                    Set<Outcome> outcomes = counted.stream().map(Observation::outcome).collect(Collectors.toCollection(() -> EnumSet.noneOf(Outcome.class)));
                    assertTrue(expect.allowed().containsAll(outcomes), () -> ca + " in " + region.getValue() + ": expected only "
                            + expect.allowed() + ", got\n" + summary(counted));
                    counted.forEach(o -> table.computeIfAbsent(ca + "@" + region.getValue(), k -> new TreeMap<>()).merge(o.outcome(), 1, Integer::sum));
                }
            }
            for (String ca : issued.stream().map(i -> caOf(i.certificateId())).collect(Collectors.toCollection(java.util.TreeSet::new))) {
                if (!world.cas().get(ca).spec().hasOcsp()) {
                    continue;
                }
                for (String region : labRegion.values()) {
                    Expect expect = fault.expect(ca, region);
                    Map<Outcome, Integer> cell = table.getOrDefault(ca + "@" + region, Map.of());
                    assertTrue(cell.containsKey(expect.seen()), () -> ca + " in " + region + ": " + expect.seen() + " never recorded at or after "
                            + "the deadline: " + cell);
                    seenByCell.add(expect.seen());
                }
            }
            // Every switch of the scenario showed the outcome it implies somewhere.
            for (Fault f : fault.scenario().faults()) {
                if (f.implies() != null) {
                    assertTrue(seenByCell.contains(f.implies()), () -> f.switchName() + " implies " + f.implies() + ", never recorded");
                }
            }
            System.out.println(fault.scenario().name() + ": probes at or after the deadline, by CA and region: " + table);
        }

        /**
         * Every outcome an agent counted (sent at or after its deadline) was served to its region by
         * the lab after the deadline, and everything the lab served its region after the deadline
         * was recorded by the agent; the one leeway is an early probe sent just before the deadline
         * that the lab answered just after it. A blocked region's transport failures never reached the lab.
         */
        private void agreesWithTheLedger(CertificateTruth served, String region, List<Observation> mine) {
            List<String> ledger = new ArrayList<>(served.regions().getOrDefault(region, List.of()));
            boolean blocked = served.blockedRegions().contains(region);
            for (Observation o : mine.stream().filter(Observation::counts).toList()) {
                if (blocked && (o.outcome() == Outcome.DNS_FAILURE || o.outcome() == Outcome.CONNECT_FAILURE)) {
                    continue;
                }
                assertTrue(ledger.remove(o.outcome().name()), () -> served.ca() + " " + served.certificateId() + " in " + region
                        + ": recorded " + o.outcome() + " that the lab did not serve after the deadline; ledger "
                        + served.regions().get(region) + "\n" + summary(mine));
            }
            List<String> acrossTheDeadline = mine.stream().filter(o -> !o.counts()
                    && !o.probe().sentAt().isBefore(o.deadline().minusSeconds(1))).map(o -> o.outcome().name())
                    .collect(Collectors.toCollection(ArrayList::new));
            for (String left : ledger) {
                assertTrue(acrossTheDeadline.remove(left), () -> served.ca() + " " + served.certificateId() + " in " + region
                        + ": the lab served " + left + " after the deadline and no probe recorded it; ledger "
                        + served.regions().get(region) + "\n" + summary(mine));
            }
        }
    }

    // ----- one region, two agents, one stops -----

    private static final String HANDOVER = """
            name: handover
            description: Two healthy CAs; a region's two agents share their certificates until one stops.
            seed: 77
            deadline: PT20S
            issueFor: PT1H
            watchWindow: PT20M
            regions:
              - {name: solo, site: main}
            sites:
              - {name: main, replicas: 2, lag: PT30S}
            cas:
              - {name: handover-ca, key: ECDSA_P256, issueEvery: PT1M, signerDelay: PT1M}
              - {name: relay-ca, key: ECDSA_P256, issueEvery: PT1M, signerDelay: PT1M}
            """;

    /** A stop mid-run: when, which agent, and the certificate whose deadline was due just after it. */
    private record Stop(Prober survivor, Prober stopped, Instant at, String dueNext, Future<Void> done) {
    }

    /**
     * Two regions, each with two agents in its consumer group; in each, one agent stops while a
     * certificate on its partitions is a moment from its deadline. In {@code handover-clean} it
     * is undeployed and leaves the group; in {@code handover-crash} it is a static member
     * (group.instance.id), which sends no leave on close, so the group learns only when its 4 s
     * session times out, as after a crash. Either way the survivor is assigned the partitions,
     * rebuilds their schedules from the topic, and makes every deadline probe; one made late says so.
     */
    @Test
    void aSurvivingAgentRebuildsAStoppedPeersSchedulesAndMissesNoDeadlineProbe(@TempDir Path directory) {
        Scenario scenario = ProberLab.scenario(directory, "handover", HANDOVER);
        World world = await(lab.world(scenario));
        await(lab.discover(world));
        // A window longer than the 4 s session: a certificate read after its window ended is not probed at all (ProbePlan.start).
        ScheduleSettings schedule = SCHEDULE;
        Map<String, String> session = Map.of("session.timeout.ms", "4000", "heartbeat.interval.ms", "500");
        LabNameResolver resolver = new LabNameResolver(world.dns(), "solo");
        List<Prober> clean = new ArrayList<>();
        List<Prober> crash = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            clean.add(await(lab.prober(ProberLab.settings("handover-clean", "clean-" + i, schedule, null), resolver,
                    new KafkaSettings(lab.kafkaSettings().bootstrapServers(), session))));
            Map<String, String> staticMember = new HashMap<>(session);
            staticMember.put("group.instance.id", "crash-" + i);
            crash.add(await(lab.prober(ProberLab.settings("handover-crash", "crash-" + i, schedule, null), resolver,
                    new KafkaSettings(lab.kafkaSettings().bootstrapServers(), staticMember))));
        }
        awaitSharedByTwo(clean.get(0).settings().consumerGroup());
        awaitSharedByTwo(crash.get(0).settings().consumerGroup());

        // 16 certificates, one every 600 ms: their deadlines pass one by one while the peers stop.
        List<String> ids = new CopyOnWriteArrayList<>();
        AtomicInteger count = new AtomicInteger();
        lab.vertx().setPeriodic(600, timer -> {
            int n = count.getAndIncrement();
            if (n >= 16) {
                lab.vertx().cancelTimer(timer);
                return;
            }
            world.issueNow(n % 2 == 0 ? "handover-ca" : "relay-ca", true).onSuccess(issued -> {
                ids.add(issued.certificateId());
                Signal.fire();
            });
        });
        Stop cleanStop = stopMidRun(clean.get(0), clean.get(1));
        Stop crashStop = stopMidRun(crash.get(0), crash.get(1));
        Signal.await(() -> ids.size() == 16, Duration.ofSeconds(30), () -> "issued " + ids.size());
        lab.observations().await(all -> deadlineProbesMissing(all, ids, List.of("handover-clean", "handover-crash")).isEmpty(),
                Duration.ofSeconds(60), () -> {
                    List<String> missing = deadlineProbesMissing(lab.observations().all(), ids, List.of("handover-clean", "handover-crash"));
                    return "deadline probes missing: " + missing + " (stops at " + cleanStop.at() + " and " + crashStop.at() + ")\n"
                            + summary(lab.observations().where(o -> missing.stream().anyMatch(m -> m.startsWith(o.certificateId() + " " + o.region()))));
                });
        await(cleanStop.done());
        await(crashStop.done());

        verifyTakeover(cleanStop, ids, schedule);
        verifyTakeover(crashStop, ids, schedule);
        // The peer that vanished was noticed only after its session timed out: its certificate due next was probed late, and says so.
        List<Observation> dueNext = lab.observations().where(o -> o.certificateId().equals(crashStop.dueNext())
                && o.region().equals("handover-crash") && o.kind() == ProbeKind.DEADLINE);
        assertTrue(dueNext.stream().allMatch(o -> o.late() && o.agentId().equals("crash-1")), () -> summary(dueNext));
    }

    private static void awaitSharedByTwo(String group) {
        try (Admin admin = lab.kafka().admin()) {
            Signal.await(() -> {
                try {
                    ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                            .get(5, TimeUnit.SECONDS);
                    return description.members().size() == 2 && description.members().stream()
                            .allMatch(m -> !m.assignment().topicPartitions().isEmpty())
                            && description.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum()
                            == ProberLab.CERTIFICATE_PARTITIONS;
                } catch (Exception e) {
                    return false;
                }
            }, Duration.ofSeconds(30), () -> group + " did not settle with two members sharing every partition");
        }
    }

    /**
     * Waits until {@code peer} has made a deadline probe and holds a certificate whose deadline is
     * 0.3 to 2.2 s away (its own early probes name it), then stops it: that deadline passes while
     * nobody holds the partition if the group takes a while to notice.
     */
    private static Stop stopMidRun(Prober survivor, Prober peer) {
        String[] dueNext = new String[1];
        lab.observations().await(all -> {
            List<Observation> region = all.stream().filter(o -> o.region().equals(peer.region())).toList();
            if (region.stream().noneMatch(o -> o.agentId().equals(peer.agentId()) && o.kind() == ProbeKind.DEADLINE)) {
                return false;
            }
            Instant now = Instant.now();
            Set<String> deadlineProbed = region.stream().filter(o -> o.kind() == ProbeKind.DEADLINE).map(Observation::certificateId)
                    .collect(Collectors.toSet());
            for (Observation o : region) {
                if (o.agentId().equals(peer.agentId()) && !deadlineProbed.contains(o.certificateId())
                        && o.deadline().isAfter(now.plusMillis(300)) && o.deadline().isBefore(now.plusMillis(2200))) {
                    dueNext[0] = o.certificateId();
                    return true;
                }
            }
            return false;
        }, Duration.ofSeconds(60), () -> peer.agentId() + " never held a certificate a moment from its deadline");
        Instant at = Instant.now();
        return new Stop(survivor, peer, at, dueNext[0], lab.stop(peer));
    }

    private static List<String> deadlineProbesMissing(List<Observation> all, List<String> ids, List<String> regions) {
        Set<String> seen = all.stream().filter(o -> o.kind() == ProbeKind.DEADLINE)
                .map(o -> o.certificateId() + " " + o.region() + " " + o.probe().method()).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            for (String region : regions) {
                for (String method : List.of("GET", "POST")) {
                    if (!seen.contains(id + " " + region + " " + method)) {
                        missing.add(id + " " + region + " " + method);
                    }
                }
            }
        }
        return missing;
    }

    private static void verifyTakeover(Stop stop, List<String> ids, ScheduleSettings schedule) {
        String region = stop.survivor().region();
        List<Observation> observed = lab.observations().where(o -> o.region().equals(region) && ids.contains(o.certificateId()));
        for (String id : ids) {
            List<Observation> deadline = observed.stream().filter(o -> o.certificateId().equals(id) && o.kind() == ProbeKind.DEADLINE).toList();
            assertEquals(Set.of("GET", "POST"), deadline.stream().map(o -> o.probe().method()).collect(Collectors.toSet()), () -> region + " " + id);
            for (Observation o : deadline) {
                assertTrue(o.counts(), () -> summary(List.of(o)));
                long lateBy = o.probe().sentAt().toEpochMilli() - o.scheduledAt().toEpochMilli();
                assertEquals(lateBy > schedule.lateAfter().toMillis(), o.late(), () -> "late flag of " + summary(List.of(o)));
            }
        }
        // Certificates the stopped agent had been probing whose deadline came after it stopped: the survivor made those
        // deadline probes, and its first probe of each came from rebuilding the partition's schedule (not a discovery).
        List<String> takenOver = ids.stream().filter(id -> observed.stream().anyMatch(o -> o.certificateId().equals(id)
                && o.agentId().equals(stop.stopped().agentId())) && observed.stream().anyMatch(o -> o.certificateId().equals(id)
                && o.kind() == ProbeKind.DEADLINE && o.agentId().equals(stop.survivor().agentId()))).toList();
        assertTrue(takenOver.contains(stop.dueNext()), () -> region + ": the certificate due next was not taken over: " + summary(observed));
        for (String id : takenOver) {
            Observation first = observed.stream().filter(o -> o.certificateId().equals(id) && o.agentId().equals(stop.survivor().agentId()))
                    .min(Comparator.comparing(o -> o.probe().sentAt())).orElseThrow();
            assertNotEquals(ProbeKind.DISCOVERY, first.kind(), () -> "not rebuilt from the topic: " + summary(List.of(first)));
            assertTrue(first.probe().sentAt().isAfter(stop.at()), () -> summary(List.of(first)));
        }
        assertTrue(observed.stream().noneMatch(o -> o.agentId().equals(stop.stopped().agentId()) && o.probe().sentAt().isAfter(stop.at().plusSeconds(1))),
                "the stopped agent kept probing");
        System.out.println(region + ": " + takenOver.size() + " certificates taken over, "
                + observed.stream().filter(o -> o.kind() == ProbeKind.DEADLINE && o.late()).count() + " deadline probes late");
    }

    // ----- responder URLs that point inside -----

    /**
     * The agent may reach only the lab's networks (127.0.1.0/24, 127.0.2.0/24). A responder URL on
     * loopback (127.0.0.1, where a listener counts connections), on an RFC 1918 address, on the
     * cloud metadata address (literally or by a name that resolves there), or one that redirects
     * to either, gets BLOCKED and no connection; a responder inside the lab's networks answers GOOD.
     */
    @Test
    void responderUrlsOnLoopbackPrivateOrMetadataAddressesAreBlockedWithoutAConnection() {
        AtomicInteger connections = new AtomicInteger();
        NetServer listener = lab.vertx().createNetServer().connectHandler(socket -> {
            connections.incrementAndGet();
            socket.close();
        });
        await(listener.listen(0, "127.0.0.1"));
        FakeResponder fake = FakeResponder.start(lab.vertx(), "127.0.1.250");
        try {
            TestPki pki = TestPki.shared();
            IssuerCertificate issuer = pki.issuing.asIssuer();
            ScriptedOcspResponder responder = new ScriptedOcspResponder(fake);
            String loopback = "http://127.0.0.1:" + listener.actualPort() + "/";
            Map<String, String> urls = new LinkedHashMap<>();
            urls.put("lab network", responder.serve("good", request -> ScriptedOcspResponder.Reply.ocsp(pki.issuing.signer()
                    .sign(request.certId(), OcspAnswer.good(Instant.now().truncatedTo(ChronoUnit.SECONDS), Duration.ofDays(4))))));
            urls.put("loopback", loopback);
            urls.put("private", "http://10.20.30.40/ocsp");
            urls.put("metadata", "http://169.254.169.254/latest/meta-data/");
            urls.put("metadata by name", "http://metadata.internal/computeMetadata/v1/");
            urls.put("redirect to metadata", responder.redirect("to-metadata", 302, "http://169.254.169.254/latest/meta-data/"));
            urls.put("redirect to loopback", responder.redirect("to-loopback", 307, loopback));
            urls.put("redirect to metadata by name", responder.redirect("to-metadata-name", 301, "http://metadata.internal/"));
            StaticNameResolver resolver = new StaticNameResolver().map("metadata.internal", "169.254.169.254");
            Prober prober = await(lab.prober(ProberLab.settings("inside", "inside-1", SCHEDULE, null), resolver));
            assertFalse(prober.settings().addressPolicy().allowPrivate());

            lab.publishIssuer(issuer);
            Map<String, String> idOf = new LinkedHashMap<>();
            long serial = 7_000;
            for (Map.Entry<String, String> url : urls.entrySet()) {
                var record = ProberLab.certificate(issuer, BigInteger.valueOf(serial++), System.currentTimeMillis(), List.of(url.getValue()));
                idOf.put(url.getKey(), record.certificateId());
                lab.publishCertificate(record);
            }
            // The answered one once (its next probe is the deadline's); each refused one twice: at discovery and a minute later in story time.
            lab.observations().await(all -> idOf.entrySet().stream().allMatch(e -> all.stream()
                            .filter(o -> o.certificateId().equals(e.getValue()) && o.region().equals("inside")).count()
                            >= (e.getKey().equals("lab network") ? 1 : 2)),
                    Duration.ofSeconds(30), () -> summary(lab.observations().of(idOf.values())));

            List<Observation> observed = lab.observations().where(o -> o.region().equals("inside") && idOf.containsValue(o.certificateId()));
            Function<String, List<Observation>> of = label -> observed.stream().filter(o -> o.certificateId().equals(idOf.get(label))).toList();
            assertTrue(of.apply("lab network").stream().allMatch(o -> o.outcome() == Outcome.GOOD), () -> summary(of.apply("lab network")));
            Map<String, String> refused = Map.of("loopback", "loopback", "private", "private", "metadata", "link-local",
                    "metadata by name", "link-local", "redirect to metadata", "link-local", "redirect to loopback", "loopback",
                    "redirect to metadata by name", "link-local");
            for (Map.Entry<String, String> expected : refused.entrySet()) {
                List<Observation> these = of.apply(expected.getKey());
                for (Observation o : these) {
                    assertEquals(Outcome.BLOCKED, o.outcome(), () -> expected.getKey() + ": " + summary(these));
                    assertEquals(OutcomeGroup.POLICY, o.outcome().group());
                    assertTrue(o.probe().reason().contains(expected.getValue()), () -> expected.getKey() + ": " + o.probe().reason());
                    assertNull(o.probe().httpStatus());
                    if (expected.getKey().startsWith("redirect")) {
                        assertEquals(1, o.probe().redirects().size(), () -> summary(these));
                        assertEquals("127.0.1.250:" + fake.port(), o.probe().connectedAddress(), "only the first hop was connected to");
                    } else {
                        assertNull(o.probe().connectedAddress(), () -> "connected to " + o.probe().connectedAddress());
                        assertNull(o.probe().timings().connectMs());
                    }
                }
            }
            assertEquals(0, connections.get(), "connections to the loopback listener");
            assertTrue(fake.received().stream().allMatch(r -> r.path().startsWith("/good/") || r.path().startsWith("/to-")),
                    "the lab-network responder saw only its own paths");
        } finally {
            fake.close();
            await(listener.close());
        }
    }
}
