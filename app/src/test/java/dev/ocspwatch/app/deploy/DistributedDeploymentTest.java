package dev.ocspwatch.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.app.cli.Await;
import dev.ocspwatch.app.lab.LabRun;
import dev.ocspwatch.app.lab.LabScore;
import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.lab.kafka.InProcessKafka;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.world.World;
import dev.ocspwatch.common.verdict.Verdict;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distributed deployment as an operator runs it: {@code ocspwatch agent --config} for three
 * regions (discovery in one) and {@code ocspwatch collector --config}, each in its own JVM, all
 * against one broker, playing the 2025 incident in the lab. The collector is killed (SIGKILL)
 * mid-run and started again on its state directory. Its verdicts, read from
 * {@code ocspwatch.verdicts} as any consumer would, must equal the lab's ground truth, and its
 * webhook must have announced every violation and nothing else.
 */
class DistributedDeploymentTest {
    private static final Path SCENARIOS = Path.of("../config/scenarios");

    @Test
    void agentsAndCollectorInSeparateProcessesReachTheGroundTruth(@TempDir Path directory) throws Exception {
        Scenario scenario = Scenario.load(SCENARIOS, "sectigo-2025");
        Vertx vertx = Vertx.vertx();
        List<ChildJvm> children = new ArrayList<>();
        try (InProcessKafka kafka = InProcessKafka.start(directory.resolve("kafka"), 0, Map.of())) {
            World world = Await.result(World.start(vertx, scenario, Clock.systemUTC()));
            try {
                LabConfigs configs = new LabConfigs(scenario, world, kafka.bootstrapServers(), directory);
                Set<String> alerted = ConcurrentHashMap.newKeySet();
                int webhook = Await.result(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                    alerted.add(new JsonObject(body).getString("certificateId"));
                    request.response().setStatusCode(204).end();
                })).listen(0, "127.0.0.1")).actualPort();
                Path collectorConfig = configs.collector("http://127.0.0.1:" + webhook + "/alerts");
                ChildJvm collector = ChildJvm.start("collector", directory, "collector", "--config", collectorConfig.toString());
                children.add(collector);
                collector.awaitOutput("ocspwatch collector: running", Duration.ofSeconds(120));
                boolean discovery = true;
                for (Scenario.RegionSpec region : scenario.regions()) {
                    ChildJvm agent = ChildJvm.start("agent-" + region.name(), directory, "agent", "--config",
                            configs.agent(region.name(), discovery).toString());
                    children.add(agent);
                    discovery = false;
                }
                for (ChildJvm agent : children.subList(1, children.size())) {
                    agent.awaitOutput("ocspwatch agent: running", Duration.ofSeconds(120));
                }
                world.startIssuing();
                Instant start = Instant.now();
                Instant end = world.time().start().plus(scenario.real(scenario.issueFor())).plus(configs.watch().lifetime());

                at(start.plusSeconds(12));
                collector.kill();
                at(start.plusSeconds(15));
                ChildJvm again = ChildJvm.start("collector-again", directory, "collector", "--config", collectorConfig.toString());
                children.add(again);
                again.awaitOutput("ocspwatch collector: running", Duration.ofSeconds(120));

                Map<String, VerdictRecord> verdicts = awaitDecided(kafka.bootstrapServers(), world, end.plusSeconds(90), children);
                LabScore score = LabScore.of(world.groundTruth(), verdicts);
                assertTrue(score.perfect(), () -> score.mismatches().size() + " mismatches\n" + String.join("\n", score.mismatches())
                        + "\n" + score.confusion());
                assertEquals(1.0, score.recall());
                assertTrue(score.violationsTrue() > 0, "the incident showed");
                Set<String> violations = verdicts.values().stream().filter(v -> v.verdict() == Verdict.VIOLATION)
                        .map(VerdictRecord::certificateId).collect(Collectors.toSet());
                awaitAlerts(alerted, violations, Instant.now().plusSeconds(30));
                for (ChildJvm child : children) {
                    if (child.alive()) {
                        assertEquals(143, child.stop(), child::output); // SIGTERM
                        child.awaitOutput(": stopped", Duration.ZERO); // ... and its hook closed everything
                    }
                }
                System.out.println("distributed sectigo-2025: " + score.certificates() + " certificates, " + score.confusion());
            } finally {
                for (ChildJvm child : children) {
                    child.close();
                }
                world.close();
            }
        } finally {
            Await.result(vertx.close());
        }
    }

    /** Each certificate's latest verdict, read from the topic until every certificate the lab issued is decided for good. */
    private static Map<String, VerdictRecord> awaitDecided(String bootstrap, World world, Instant until, List<ChildJvm> children) {
        Map<String, VerdictRecord> latest = new HashMap<>();
        var properties = KafkaSettings.of(bootstrap).consumer("distributed-test", null);
        try (KafkaConsumer<String, VerdictRecord> consumer = new KafkaConsumer<>(properties, Topics.VERDICTS.keySerde().deserializer(),
                Topics.VERDICTS.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.VERDICTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (true) {
                for (ConsumerRecord<String, VerdictRecord> record : consumer.poll(Duration.ofMillis(500))) {
                    latest.put(record.key(), record.value());
                }
                if (Instant.now().isAfter(until.minusSeconds(90)) && LabRun.allDecided(world.groundTruth(), latest)) {
                    return latest;
                }
                if (Instant.now().isAfter(until)) {
                    StringBuilder outputs = new StringBuilder();
                    children.forEach(c -> outputs.append(c.output()).append('\n'));
                    throw new AssertionError("not every certificate decided by " + until + ": " + latest.size() + " verdicts for "
                            + world.groundTruth().size() + " certificates\n" + outputs);
                }
            }
        }
    }

    /** Every violation alerted through the collector command's webhook, and nothing else (a repeat after the crash is allowed). */
    private static void awaitAlerts(Set<String> alerted, Set<String> violations, Instant until) {
        while (!alerted.equals(violations)) {
            if (Instant.now().isAfter(until) || !violations.containsAll(alerted)) {
                throw new AssertionError("alerts for " + alerted + ", violations " + violations);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // waiting for webhook deliveries
        }
    }

    private static void at(Instant when) {
        while (Instant.now().isBefore(when)) {
            LockSupport.parkUntil(when.toEpochMilli()); // the test's own schedule of faults, in real time
        }
    }
}
