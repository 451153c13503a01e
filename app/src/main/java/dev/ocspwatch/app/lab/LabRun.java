package dev.ocspwatch.app.lab;

import dev.ocspwatch.agent.discovery.CtApi;
import dev.ocspwatch.agent.discovery.DiscoveryAgent;
import dev.ocspwatch.agent.discovery.DiscoverySettings;
import dev.ocspwatch.agent.discovery.FollowerSettings;
import dev.ocspwatch.agent.discovery.LogSpec;
import dev.ocspwatch.agent.probe.AddressPolicy;
import dev.ocspwatch.agent.probe.Cidr;
import dev.ocspwatch.agent.prober.ProberAgent;
import dev.ocspwatch.agent.prober.ProberSettings;
import dev.ocspwatch.agent.prober.ScheduleSettings;
import dev.ocspwatch.app.cli.Await;
import dev.ocspwatch.collector.metrics.CollectorMetrics;
import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.collector.query.CollectorHealth;
import dev.ocspwatch.collector.query.CollectorView;
import dev.ocspwatch.collector.query.EvidenceLocation;
import dev.ocspwatch.collector.query.VerdictPage;
import dev.ocspwatch.collector.query.VerdictQuery;
import dev.ocspwatch.collector.service.CollectorService;
import dev.ocspwatch.collector.service.CollectorStreamsSettings;
import dev.ocspwatch.collector.verdict.DecisionSettings;
import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.Topic;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.verdict.DecisionStage;
import dev.ocspwatch.common.verdict.Verdict;
import dev.ocspwatch.lab.ct.SimulatedCtLog;
import dev.ocspwatch.lab.kafka.InProcessKafka;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.truth.CertificateTruth;
import dev.ocspwatch.lab.world.World;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A scenario played end to end in one JVM: the in-process broker, the lab's world, discovery
 * following its logs, one prober agent per scenario region (seeing the world as that region
 * does) and the collector; then the collector's verdicts scored against the lab's ground truth.
 * {@code ocspwatch lab} and the end-to-end tests run it. Blocking methods are for the command's
 * own thread, never an event loop.
 */
public final class LabRun implements AutoCloseable {
    /** The lab's networks and nothing else: agents may reach its CDN and its dead addresses, never loopback or private addresses. */
    public static final AddressPolicy LAB_NETWORKS = new AddressPolicy(false, List.of(Cidr.parse("127.0.1.0/24"), Cidr.parse("127.0.2.0/24")));
    private static final int PARTITIONS = 6;

    private final Scenario scenario;
    private final Path directory;
    private final MeterRegistry registry;
    private final InProcessKafka kafka;
    private final Vertx vertx;
    private final World world;
    private final Map<String, String> probers = new LinkedHashMap<>();
    private final DecisionSettings decisions;
    private CollectorService collector;
    private int collectorStarts;

    private LabRun(Scenario scenario, Path directory, MeterRegistry registry, InProcessKafka kafka, Vertx vertx, World world) {
        this.scenario = scenario;
        this.directory = directory;
        this.registry = registry;
        this.kafka = kafka;
        this.vertx = vertx;
        this.world = world;
        List<String> regions = scenario.regions().stream().map(Scenario.RegionSpec::name).toList();
        // Grace for probes in flight: the agents' 10 s timeout does not shrink with the story, so at least 2 s however short the deadline.
        Duration grace = max(DecisionSettings.DEFAULT.scaledTo(scenario.deadline()).grace(), Duration.ofSeconds(2));
        this.decisions = DecisionSettings.DEFAULT.scaledTo(scenario.deadline()).withWindow(grace, scenario.real(scenario.watchWindow()))
                .withRegions(regions);
    }

    /** Starts everything and the CAs' issuing. */
    public static LabRun start(Scenario scenario, Path directory, MeterRegistry registry) throws Exception {
        Files.createDirectories(directory);
        InProcessKafka kafka = InProcessKafka.start(directory.resolve("kafka"), 0, Map.of());
        Vertx vertx = Vertx.vertx();
        LabRun run = null;
        try {
            LinkedHashSet<Topic<?, ?>> topics = new LinkedHashSet<>(Topics.discovery());
            topics.addAll(Topics.prober());
            topics.addAll(Topics.collector());
            kafka.createTopics(topics.stream().map(t -> t.spec(PARTITIONS)).toList());
            World world = Await.result(World.start(vertx, scenario, Clock.systemUTC()));
            run = new LabRun(scenario, directory, registry, kafka, vertx, world);
            run.startCollector();
            Await.result(vertx.deployVerticle(new DiscoveryAgent(run.discovery(), run.kafkaSettings(), registry, Clock.systemUTC(),
                    "ocspwatch-lab")));
            for (Scenario.RegionSpec region : scenario.regions()) {
                run.startProber(region.name());
            }
            world.startIssuing();
            return run;
        } catch (Exception | Error e) {
            if (run != null) {
                run.close();
            } else {
                vertx.close();
                kafka.close();
            }
            throw e;
        }
    }

    public KafkaSettings kafkaSettings() {
        return KafkaSettings.of(kafka.bootstrapServers());
    }

    private DiscoverySettings discovery() {
        List<LogSpec> logs = new ArrayList<>();
        for (SimulatedCtLog log : world.logs()) {
            Scenario.CtApi api = scenario.ctLogs().stream().filter(s -> s.name().equals(log.name())).findFirst().orElseThrow().api();
            CtApi agentApi = api == Scenario.CtApi.STATIC ? CtApi.STATIC : CtApi.RFC6962;
            logs.add(new LogSpec(log.name(), world.logUrl(log.name()), agentApi, Base64.getEncoder().encodeToString(log.key().getPublic().getEncoded()),
                    agentApi == CtApi.STATIC ? log.origin() : null, 0L));
        }
        return DiscoverySettings.logs(logs, new FollowerSettings(Duration.ofMillis(200), 256, 2, Duration.ofMillis(300), 5));
    }

    /** The schedule of the scenario's story: a 15-minute day played in its deadline, probes through its watch window. */
    public ScheduleSettings schedule() {
        return ScheduleSettings.DEFAULT.scaledTo(scenario.deadline()).withWatchWindow(scenario.real(scenario.watchWindow()));
    }

    public DecisionSettings decisions() {
        return decisions;
    }

    /** Deploys region {@code region}'s agent (again, after {@link #stopProber}). */
    public void startProber(String region) throws Exception {
        ProberSettings settings = new ProberSettings(region, region + "-1", schedule(), null, null, LAB_NETWORKS, 100_000, 10_000, null,
                Duration.ofMillis(20));
        String id = Await.result(vertx.deployVerticle(new ProberAgent(settings, kafkaSettings(), new LabNameResolver(world.dns(), region),
                registry, Clock.systemUTC())));
        probers.put(region, id);
    }

    public void stopProber(String region) throws Exception {
        String id = probers.remove(region);
        if (id != null) {
            Await.result(vertx.undeploy(id));
        }
    }

    /** Starts the collector; after {@link #killCollector} a new instance takes over from the changelogs on an empty state directory. */
    public void startCollector() throws InterruptedException {
        Path state = directory.resolve("collector-state-" + (++collectorStarts));
        collector = new CollectorService(CollectorStreamsSettings.of(state).withApplicationId("ocspwatch-lab-collector"), kafkaSettings(),
                decisions, new CollectorMetrics(registry));
        collector.start();
        if (!collector.awaitRunning(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the collector did not start: " + collector.state());
        }
    }

    /** Stops the collector as a crash would: its open transaction is aborted. */
    public void killCollector() {
        collector.close(Duration.ZERO);
    }

    public CollectorService collector() {
        return collector;
    }

    /** The collector's view, following the collector across restarts: what the dashboard reads. */
    public CollectorView view() {
        return new CollectorView() {
            @Override
            public VerdictPage verdicts(VerdictQuery query) {
                return collector.view().verdicts(query);
            }

            @Override
            public void forEachVerdict(Consumer<VerdictRecord> action) {
                collector.view().forEachVerdict(action);
            }

            @Override
            public Optional<CertificateEvidence> certificate(String certificateId) {
                return collector.view().certificate(certificateId);
            }

            @Override
            public EvidenceLocation locate(String certificateId) {
                return collector.view().locate(certificateId);
            }

            @Override
            public CollectorHealth health() {
                return collector.view().health();
            }
        };
    }

    public Vertx vertx() {
        return vertx;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public World world() {
        return world;
    }

    public InProcessKafka kafka() {
        return kafka;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** When the last certificate issued is decided for good: issuing ends, then its deadline, window and grace pass. */
    public Instant expectedEnd() {
        return world.time().start().plus(scenario.real(scenario.issueFor())).plus(scenario.deadline()).plus(decisions.watchWindow())
                .plus(decisions.grace());
    }

    /** Each certificate's latest verdict. */
    public Map<String, VerdictRecord> verdicts() {
        Map<String, VerdictRecord> latest = new HashMap<>();
        collector.view().forEachVerdict(v -> latest.put(v.certificateId(), v));
        return latest;
    }

    /**
     * Whether every certificate the lab issued that names a responder has its last verdict
     * (FINAL); discovery does not send the others to the collector.
     */
    public static boolean allDecided(List<CertificateTruth> truth, Map<String, VerdictRecord> verdicts) {
        return !truth.isEmpty() && truth.stream().filter(t -> t.verdict() != Verdict.NOT_APPLICABLE).allMatch(t -> {
            VerdictRecord v = verdicts.get(t.certificateId());
            return v != null && (v.stage() == DecisionStage.FINAL || v.verdict() == Verdict.NOT_APPLICABLE);
        });
    }

    public LabScore score() {
        return LabScore.of(world.groundTruth(), verdicts());
    }

    @Override
    public void close() {
        try {
            world.close();
        } catch (RuntimeException e) {
            // closing everything else matters more
        }
        if (collector != null) {
            collector.close();
        }
        try {
            Await.result(vertx.close());
        } catch (Exception e) {
            // best effort: the broker below still closes
        }
        kafka.close();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
