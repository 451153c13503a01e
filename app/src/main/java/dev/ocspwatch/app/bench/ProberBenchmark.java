package dev.ocspwatch.app.bench;

import dev.ocspwatch.agent.probe.AddressPolicy;
import dev.ocspwatch.agent.probe.Cidr;
import dev.ocspwatch.agent.prober.PolitenessSettings;
import dev.ocspwatch.agent.prober.ProberAgent;
import dev.ocspwatch.agent.prober.ProberSettings;
import dev.ocspwatch.agent.prober.ScheduleSettings;
import dev.ocspwatch.app.cli.Await;
import dev.ocspwatch.app.lab.LabNameResolver;
import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.lab.dns.LabDns;
import dev.ocspwatch.lab.kafka.InProcessKafka;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.world.ManualClock;
import dev.ocspwatch.lab.world.World;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What one prober agent sustains against the lab's responder (behind its CDN), with every answer
 * checked and every observation acknowledged by Kafka; the same probes by a practitioner's
 * Python script and an {@code openssl ocsp} loop; the latency the agent adds over a minimal
 * client's; and the heap each scheduled certificate costs.
 *
 * <p>The lab's clock stands still after every response was signed, so the agent (on the same
 * clock) finds each certificate exactly at its deadline: two probes each (GET and POST), nothing
 * scheduled after within the run.
 */
@Command(name = "prober", mixinStandardHelpOptions = true,
        description = "Probes per second one prober agent sustains against the lab, baselines, added latency, memory per certificate.")
public final class ProberBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", defaultValue = "config/scenarios/healthy.yaml", description = "Scenario file (default: ${DEFAULT-VALUE}).")
    Path scenarioFile;

    @Option(names = "--ca", defaultValue = "rsa-ca", description = "The scenario's CA whose responder is probed (default: ${DEFAULT-VALUE}).")
    String caName;

    @Option(names = "--certificates", defaultValue = "10000", description = "Certificates probed at their deadline, GET and POST each (default: ${DEFAULT-VALUE}).")
    int certificates;

    @Option(names = "--latency-certificates", defaultValue = "500", description = "Certificates probed one at a time for latency (default: ${DEFAULT-VALUE}).")
    int latencyCertificates;

    @Option(names = "--baseline-certificates", defaultValue = "1000", description = "Certificates the Python baseline probes (default: ${DEFAULT-VALUE}).")
    int baselineCertificates;

    @Option(names = "--openssl-certificates", defaultValue = "100", description = "Certificates the openssl loop probes (default: ${DEFAULT-VALUE}).")
    int opensslCertificates;

    @Option(names = "--memory-certificates", defaultValue = "200000", description = "Certificates scheduled for the memory figure (default: ${DEFAULT-VALUE}).")
    int memoryCertificates;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Scenario scenario = Scenario.load(scenarioFile);
        ManualClock clock = new ManualClock(Instant.now());
        Vertx labVertx = Vertx.vertx();
        Vertx agentVertx = Vertx.vertx();
        Path directory = Files.createTempDirectory("ocspwatch-bench-prober");
        try (World world = Await.result(World.start(labVertx, scenario, clock))) {
            int needed = Math.max(certificates, Math.max(latencyCertificates, baselineCertificates));
            out.printf(Locale.ROOT, "issuing %,d certificates in the lab...%n", needed);
            out.flush();
            ProbeTargets targets = ProbeTargets.issue(world, caName, needed);
            clock.advance(scenario.real(Duration.ofHours(1))); // every response signed and replicated
            String region = scenario.regions().get(0).name();
            Lab lab = new Lab(world, clock, region, World.regionNumbers(scenario).get(region), targets);

            PolitenessSettings unbounded = new PolitenessSettings(256, 1e9, 1024);
            throughput(agentVertx, lab, Math.min(2_000, certificates), unbounded); // warm-up: JIT, connection pools
            Throughput agent = throughput(agentVertx, lab, certificates, unbounded);
            out.printf(Locale.ROOT, "%nagent: %,d probes timed from the first (%,d certificates x GET and POST) in %.2f s = %,.0f probes/s,"
                    + " %.2f cores busy, %,d GOOD of %,d observations acknowledged by Kafka%n", agent.probes(), certificates, agent.seconds(), agent.perSecond(),
                    agent.coresBusy(), agent.good(), 2L * certificates);
            out.printf(Locale.ROOT, "       probe latency under that load: p50 %.2f ms, p99 %.2f ms%n", percentile(agent.latenciesMs(), 50),
                    percentile(agent.latenciesMs(), 99));
            out.flush();

            Throughput sequential = throughput(agentVertx, lab, latencyCertificates, new PolitenessSettings(1, 1e9, 1));
            List<Double> direct = MinimalClient.sequential(agentVertx, lab.popAddress(), world.cdnPort(), targets.ca(),
                    targets.issued().subList(0, latencyCertificates));
            out.printf(Locale.ROOT, "%nlatency, one probe at a time (%,d probes each):%n", sequential.probes());
            out.printf(Locale.ROOT, "  %-44s p50 %6.2f ms   p99 %6.2f ms%n", "minimal Vert.x client (the responder's own)",
                    percentile(direct, 50), percentile(direct, 99));
            out.printf(Locale.ROOT, "  %-44s p50 %6.2f ms   p99 %6.2f ms   (%,.0f probes/s)%n", "agent (probe timings)",
                    percentile(sequential.latenciesMs(), 50), percentile(sequential.latenciesMs(), 99), sequential.perSecond());
            out.printf(Locale.ROOT, "  %-44s %s%n", "agent's steps", sequential.phases());
            out.printf(Locale.ROOT, "  %-44s p50 %+6.2f ms   p99 %+6.2f ms%n", "added by the agent",
                    percentile(sequential.latenciesMs(), 50) - percentile(direct, 50),
                    percentile(sequential.latenciesMs(), 99) - percentile(direct, 99));
            out.flush();

            Map<String, Path> pem = targets.writePem(directory, baselineCertificates);
            String host = targets.ca().spec().ocspHost();
            String ip = lab.popAddress();
            List<BaselineProber.Run> baselines = List.of(
                    BaselineProber.python(directory, pem.get("leaves"), pem.get("issuer"), host, ip, world.cdnPort()),
                    BaselineProber.openssl(directory, targets.issued().subList(0, opensslCertificates).stream()
                            .map(dev.ocspwatch.lab.world.LabCa.Issued::precertificate).toList(), pem.get("issuer"), host, ip, world.cdnPort()));
            out.printf(Locale.ROOT, "%nbaselines (sequential, as a short script does it):%n");
            for (BaselineProber.Run run : baselines) {
                if (run.skipped() != null) {
                    out.printf(Locale.ROOT, "  %-10s skipped: %s%n", run.name(), run.skipped());
                    continue;
                }
                out.printf(Locale.ROOT, "  %-10s %,6d probes, %,6d good, %,8.0f probes/s, p50 %.2f ms; agent/baseline = %.2fx%n", run.name(),
                        run.probes(), run.good(), run.perSecond(), percentile(run.latenciesMs(), 50), agent.perSecond() / run.perSecond());
            }
            out.flush();

            long bytes = memoryPerCertificate(agentVertx, lab, memoryCertificates);
            out.printf(Locale.ROOT, "%nmemory: %,d bytes of heap per scheduled certificate (%,d scheduled, 16-byte serials, one responder URL)%n",
                    bytes, memoryCertificates);
            out.printf(Locale.ROOT, "(one JVM on %d cores: the lab, its CDN, the broker and the agent share them; %s's responses are %s;"
                    + " per-host politeness lifted for the throughput figure, after one discarded warm-up pass)%n",
                    Runtime.getRuntime().availableProcessors(), caName, targets.ca().spec().key());
        } finally {
            Await.result(agentVertx.close());
            Await.result(labVertx.close());
        }
        return 0;
    }

    /** The lab as the benchmark's agents see it. */
    private record Lab(World world, ManualClock clock, String region, int regionNumber, ProbeTargets targets) {
        String popAddress() {
            return LabDns.popAddress(regionNumber).getHostAddress();
        }

        ProberSettings settings(String agentId, ScheduleSettings schedule, PolitenessSettings politeness) {
            AddressPolicy policy = new AddressPolicy(false, List.of(Cidr.parse("127.0.1.0/24")));
            return new ProberSettings(region, agentId, schedule, politeness, null, policy, 1_000_000, 20_000, Duration.ofMinutes(1),
                    Duration.ofMillis(20));
        }
    }

    private record Throughput(long probes, double seconds, double coresBusy, long good, List<Double> latenciesMs, String phases) {
        double perSecond() {
            return probes / seconds;
        }
    }

    private static Throughput throughput(Vertx vertx, Lab lab, int count, PolitenessSettings politeness) throws Exception {
        try (InProcessKafka kafka = InProcessKafka.startTemporary()) {
            kafka.createTopics(Topics.prober().stream().map(t -> t.spec(6)).toList());
            KafkaSettings settings = KafkaSettings.of(kafka.bootstrapServers());
            // Published a deadline (and the most jitter can add) ago: each certificate is due for its deadline probe when read.
            lab.targets().publish(settings, lab.world(), count, lab.clock().instant().minus(ScheduleSettings.DEFAULT.deadline())
                    .minus(ScheduleSettings.DEFAULT.jitter()).minusSeconds(1));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            ScheduleSettings schedule = ScheduleSettings.DEFAULT;
            ProberAgent agent = new ProberAgent(lab.settings("bench-1", schedule, politeness), settings,
                    new LabNameResolver(lab.world().dns(), lab.region()), registry, lab.clock());
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            String deployment = Await.result(vertx.deployVerticle(agent));
            long expected = 2L * count;
            // Timed from the first probe made: joining the consumer group and reading the partitions is start-up.
            while (probes(registry) == 0) {
                Thread.onSpinWait();
            }
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            long startProbes = probes(registry);
            while (probes(registry) < expected || agent.observationsHeld() > 0) {
                Thread.sleep(5); // a benchmark command, not a test: polling the agent's counters is fine here
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
            expected -= startProbes;
            Await.result(vertx.undeploy(deployment));
            List<Observation> observations = observations(settings, 2L * count);
            long good = observations.stream().filter(o -> o.outcome() == Outcome.GOOD).count();
            List<Double> latencies = observations.stream().map(o -> o.probe().timings().totalMs()).filter(java.util.Objects::nonNull).toList();
            List<Double> connect = observations.stream().map(o -> o.probe().timings().connectMs()).filter(java.util.Objects::nonNull).toList();
            List<Double> dns = observations.stream().map(o -> o.probe().timings().dnsMs()).filter(java.util.Objects::nonNull).toList();
            List<Double> firstByte = observations.stream().map(o -> o.probe().timings().firstByteMs()).filter(java.util.Objects::nonNull)
                    .toList();
            return new Throughput(expected, seconds, cpu / seconds, good, latencies, String.format(Locale.ROOT,
                    "p50 dns %.2f ms, connect %.2f ms, first byte %.2f ms", percentile(dns, 50), percentile(connect, 50),
                    percentile(firstByte, 50)));
        }
    }

    private static long probes(SimpleMeterRegistry registry) {
        return (long) registry.find("ocspwatch_prober_probes").counters().stream().mapToDouble(Counter::count).sum();
    }

    private static List<Observation> observations(KafkaSettings settings, long expected) {
        List<Observation> observations = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings.consumer("bench-reader", null),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.OBSERVATIONS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (observations.size() < expected && System.nanoTime() < until) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    observations.add(Topics.OBSERVATIONS.value(record.value()));
                }
            }
        }
        return observations;
    }

    /**
     * Heap per certificate on the schedule, as the slope between a tenth of {@code count} and all
     * of it on one agent (so the agent's fixed costs cancel out). The schedule's guard covers the
     * whole deadline, so every certificate waits for its deadline probe, 15 minutes away: nothing
     * is probed while measuring.
     */
    private static long memoryPerCertificate(Vertx vertx, Lab lab, int count) throws Exception {
        ScheduleSettings waiting = new ScheduleSettings(Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(5),
                Duration.ofHours(1), List.of(dev.ocspwatch.agent.probe.ProbeMethod.GET), List.of(dev.ocspwatch.agent.probe.ProbeMethod.GET),
                List.of(dev.ocspwatch.agent.probe.ProbeMethod.GET), Duration.ZERO, Duration.ofMinutes(15), Duration.ofSeconds(30));
        try (InProcessKafka kafka = InProcessKafka.startTemporary()) {
            kafka.createTopics(Topics.prober().stream().map(t -> t.spec(6)).toList());
            KafkaSettings settings = KafkaSettings.of(kafka.bootstrapServers());
            Instant now = lab.clock().instant();
            int first = count / 10;
            lab.targets().publish(settings, lab.world(), 0, now); // the issuer
            lab.targets().publishUnanswered(settings, lab.world(), first, now, 1);
            ProberAgent agent = new ProberAgent(lab.settings("bench-memory", waiting, PolitenessSettings.DEFAULT), settings,
                    new LabNameResolver(lab.world().dns(), lab.region()), new SimpleMeterRegistry(), lab.clock());
            String deployment = Await.result(vertx.deployVerticle(agent));
            while (agent.watched() < first) {
                Thread.sleep(20); // a benchmark command, not a test
            }
            long before = HeapMeter.usedAfterGc();
            lab.targets().publishUnanswered(settings, lab.world(), count - first, now, 2);
            while (agent.watched() < count) {
                Thread.sleep(20); // a benchmark command, not a test
            }
            long after = HeapMeter.usedAfterGc();
            Await.result(vertx.undeploy(deployment));
            return (after - before) / (count - first);
        }
    }

    static double percentile(List<Double> values, int percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
