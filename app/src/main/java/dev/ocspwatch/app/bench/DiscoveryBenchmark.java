package dev.ocspwatch.app.bench;

import dev.ocspwatch.agent.discovery.CtApi;
import dev.ocspwatch.agent.discovery.DiscoveryAgent;
import dev.ocspwatch.agent.discovery.DiscoverySettings;
import dev.ocspwatch.agent.discovery.FollowerSettings;
import dev.ocspwatch.agent.discovery.LogSpec;
import dev.ocspwatch.agent.probe.FetchLimits;
import dev.ocspwatch.app.cli.Await;
import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.lab.ct.CtLogServer;
import dev.ocspwatch.lab.ct.SimulatedCtLog;
import dev.ocspwatch.lab.kafka.InProcessKafka;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.pki.SimulatedCa;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.world.FaultBook;
import dev.ocspwatch.lab.world.WorldTime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Entries per second from a local CT log into Kafka, through each API: a lab log preloaded with
 * certificates and precertificates, an in-process broker, and the discovery agent reading from
 * index 0 until its checkpoint reaches the end, after one discarded pass that warms the JIT. Certificates carry a dummy signature: discovery
 * never verifies certificate signatures, so this measures discovery, not a CA's signing.
 */
@Command(name = "discovery", mixinStandardHelpOptions = true,
        description = "CT entries per second from a local log into Kafka, RFC 6962 and static-ct-api.")
public final class DiscoveryBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--entries", defaultValue = "100000", description = "Entries in the log (default: ${DEFAULT-VALUE}).")
    int entries;

    @Option(names = "--parallel-fetches", defaultValue = "4", description = "Windows or tiles in flight (default: ${DEFAULT-VALUE}).")
    int parallelFetches;

    @Option(names = "--batch-size", defaultValue = "256", description = "Entries per get-entries request (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--runs", defaultValue = "3", description = "Measured runs per API; the median is printed (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--api", split = ",", defaultValue = "RFC6962,STATIC",
            description = "The APIs to measure, in order (default: ${DEFAULT-VALUE}).")
    List<CtApi> apis;

    @Option(names = "--scenario", defaultValue = "config/scenarios/healthy.yaml", description = "Any scenario (for its fault book).")
    Path scenarioFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        Random random = new Random(5);
        SimulatedCa root = SimulatedCa.root("Bench CT Root", KeyKind.ECDSA_P256, Instant.now().minus(Duration.ofDays(30)), random);
        SimulatedCa issuing = root.intermediate("Bench CT Issuing CA", KeyKind.ECDSA_P256, Instant.now().minus(Duration.ofDays(30)),
                List.of(), List.of());
        SimulatedCtLog log = new SimulatedCtLog("bench-log", KeyKind.ECDSA_P256.generate(), clock, Duration.ZERO);
        out.printf(Locale.ROOT, "preloading %,d entries...%n", entries);
        out.flush();
        BenchCertificates.fill(log, issuing, root, entries, random);
        Vertx vertx = Vertx.vertx();
        Scenario scenario = Scenario.load(scenarioFile);
        FaultBook faults = new FaultBook(new WorldTime(clock, clock.instant(), scenario), List.of());
        try (CtLogServer server = Await.result(CtLogServer.start(vertx, List.of(log), Map.of("bench-log", Math.max(256, batchSize)),
                List.of(), faults, clock, 0))) {
            String url = "http://127.0.0.1:" + server.port() + "/bench-log/";
            log.origin("127.0.0.1:" + server.port() + "/bench-log");
            String key = Base64.getEncoder().encodeToString(log.key().getPublic().getEncoded());
            out.printf(Locale.ROOT, "%-10s %12s %18s %10s %11s %10s %12s%n", "api", "entries/s", "(min..max)", "seconds",
                    "cores busy", "start s", "heap (MiB)");
            for (CtApi api : apis) {
                LogSpec logSpec = new LogSpec("bench-log", url, api, key, null, 0L);
                run(vertx, logSpec, log.logId().base64()); // warm-up: JIT, pools
                List<Result> results = new java.util.ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    results.add(run(vertx, logSpec, log.logId().base64()));
                }
                results.sort(java.util.Comparator.comparingDouble(Result::seconds));
                Result median = results.get(results.size() / 2);
                out.printf(Locale.ROOT, "%-10s %,12.0f %18s %10.2f %11.2f %10.2f %12d%n", api, entries / median.seconds(),
                        String.format(Locale.ROOT, "(%,.0f..%,.0f)", entries / results.get(results.size() - 1).seconds(),
                                entries / results.get(0).seconds()),
                        median.seconds(), median.cpuSeconds() / median.seconds(), median.startSeconds(), median.heapMiB());
                out.flush();
            }
            out.printf(Locale.ROOT, "(median of %d runs per API after one discarded warm-up pass, each from a started agent to its last entry acknowledged;"
                    + " one JVM: lab log, in-process broker and agent share %d cores; cores busy = process CPU time / wall time;"
                    + " agent heap = heap retained after GC with the agent caught up, minus before it started)%n",
                    runs, Runtime.getRuntime().availableProcessors());
        } finally {
            Await.result(vertx.close());
        }
        return 0;
    }

    private record Result(double seconds, double cpuSeconds, long heapMiB, double startSeconds) {
    }

    private Result run(Vertx vertx, LogSpec spec, String logId) throws Exception {
        try (InProcessKafka kafka = InProcessKafka.startTemporary()) {
            kafka.createTopics(Topics.discovery().stream().map(t -> t.spec(6)).toList());
            // The last tile is fetched as soon as it is partial: the bound on partial tiles is latency by design, not throughput.
            DiscoverySettings settings = new DiscoverySettings(null, null, null, List.of(spec),
                    new FollowerSettings(Duration.ofMillis(100), batchSize, parallelFetches, Duration.ZERO, 5), null, null);
            DiscoveryAgent agent = new DiscoveryAgent(settings, KafkaSettings.of(kafka.bootstrapServers()), new SimpleMeterRegistry(),
                    Clock.systemUTC(), FetchLimits.DEFAULT_USER_AGENT);
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long heapBefore = HeapMeter.usedAfterGc();
            long deploying = System.nanoTime();
            String deployment = Await.result(vertx.deployVerticle(agent));
            // Timed from a started agent: producer creation and the checkpoint read are start-up, reported apart.
            double startSeconds = (System.nanoTime() - deploying) / 1e9;
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            while (agent.followers().get(logId).nextIndex() < entries) {
                Thread.sleep(20); // a benchmark command, not a test: polling the agent's position is fine here
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
            long heapAfter = HeapMeter.usedAfterGc();
            Await.result(vertx.undeploy(deployment));
            return new Result(seconds, cpuSeconds, Math.max(0, heapAfter - heapBefore) >> 20, startSeconds);
        }
    }
}
