package dev.ocspwatch.agent.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.agent.discovery.DiscoveryAgent;
import dev.ocspwatch.agent.discovery.DiscoverySettings;
import dev.ocspwatch.agent.discovery.FollowerSettings;
import dev.ocspwatch.agent.probe.AddressPolicy;
import dev.ocspwatch.agent.probe.ProbeMethod;
import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.lab.kafka.InProcessKafka;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.world.LabCa;
import dev.ocspwatch.lab.world.World;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** Discovery and two regional probers against the healthy lab: every certificate probed at discovery and at its deadline, GOOD by then. */
class ProberAgentSmokeTest {
    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Test
    void probesEveryNewCertificateAtDiscoveryAndAtItsDeadlineFromEachRegion() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (InProcessKafka kafka = InProcessKafka.startTemporary()) {
            List<dev.ocspwatch.common.kafka.TopicSpec> topics = new ArrayList<>();
            Topics.discovery().forEach(t -> topics.add(t.spec(3)));
            topics.add(Topics.OBSERVATIONS.spec(3));
            kafka.createTopics(topics);
            Scenario scenario = Scenario.load(Path.of("../config/scenarios/healthy.yaml"));
            World world = await(vertx.executeBlocking(() -> World.start(vertx, scenario, Clock.systemUTC()), false).compose(f -> f));
            try (world) {
                KafkaSettings settings = KafkaSettings.of(kafka.bootstrapServers());
                await(vertx.deployVerticle(new DiscoveryAgent(new DiscoverySettings(world.logListUrl(), null, null, List.of(),
                        new FollowerSettings(Duration.ofMillis(200), 64, 2, Duration.ofMillis(300), 5), null, null), settings,
                        new SimpleMeterRegistry(), Clock.systemUTC(), "ocspwatch-test")));
                ScheduleSettings schedule = ScheduleSettings.DEFAULT.scaledTo(scenario.deadline())
                        .withWatchWindow(scenario.real(Duration.ofMinutes(2)));
                for (String region : List.of("us-east", "eu-west")) {
                    ProberSettings prober = new ProberSettings(region, region + "-1", schedule, null, null, AddressPolicy.ALLOW_ALL,
                            10_000, 1_000, null, Duration.ofMillis(20));
                    await(vertx.deployVerticle(new ProberAgent(prober, settings, new LabNameResolver(world.dns(), region),
                            new SimpleMeterRegistry(), Clock.systemUTC())));
                }
                Set<String> issued = new HashSet<>();
                for (int i = 0; i < 3; i++) {
                    LabCa.Issued one = await(world.issueNow(i % 2 == 0 ? "rsa-ca" : "ecdsa-ca", false));
                    issued.add(one.certificateId());
                }

                List<Observation> observations = new ArrayList<>();
                try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings.consumer("test", null),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                    List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(Topics.OBSERVATIONS.name()).stream()
                            .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                    while (System.nanoTime() < until && !deadlineProbesDone(observations, issued)) {
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                            observations.add(Topics.OBSERVATIONS.value(record.value()));
                        }
                    }
                }
                assertTrue(deadlineProbesDone(observations, issued), () -> "deadline probes: " + summary(observations));
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
        } finally {
            await(vertx.close());
        }
    }

    private static boolean deadlineProbesDone(List<Observation> observations, Set<String> issued) {
        Map<String, Long> deadlineProbes = observations.stream().filter(o -> o.kind() == ProbeKind.DEADLINE)
                .collect(Collectors.groupingBy(Observation::certificateId, Collectors.counting()));
        return issued.stream().allMatch(id -> deadlineProbes.getOrDefault(id, 0L) >= 4);
    }

    private static String summary(List<Observation> observations) {
        return observations.stream().map(o -> o.region() + " " + o.kind() + " " + o.probe().method() + " " + o.outcome()
                + " " + o.probe().reason()).collect(Collectors.joining("\n"));
    }
}
