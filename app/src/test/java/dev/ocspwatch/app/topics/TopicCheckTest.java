package dev.ocspwatch.app.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.kafka.TopicSpec;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.lab.kafka.InProcessKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real broker: what a command finds at start, and what it says when the cluster disagrees. */
class TopicCheckTest {
    private static final Duration LIFETIME = Duration.ofMinutes(76);
    @TempDir
    static Path directory;
    static InProcessKafka kafka;
    static Admin admin;

    @BeforeAll
    static void startBroker() {
        kafka = InProcessKafka.start(directory.resolve("kafka"), 0, Map.of());
        admin = kafka.admin();
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        kafka.close();
    }

    @Test
    void createsMissingTopicsAsOcspwatchNeedsThem() throws Exception {
        List<String> created = TopicCheck.ensure(admin, List.of(Topics.OBSERVATIONS, Topics.VERDICTS),
                new TopicPolicy(true, 4, 1, Duration.ofDays(2)), LIFETIME);
        assertEquals(List.of(Topics.OBSERVATIONS.name(), Topics.VERDICTS.name()), created.stream().sorted().toList());
        TopicDescription observations = admin.describeTopics(List.of(Topics.OBSERVATIONS.name())).allTopicNames()
                .get(10, TimeUnit.SECONDS).get(Topics.OBSERVATIONS.name());
        assertEquals(4, observations.partitions().size());
        var configs = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, Topics.OBSERVATIONS.name()),
                new ConfigResource(ConfigResource.Type.TOPIC, Topics.VERDICTS.name()))).all().get(10, TimeUnit.SECONDS);
        configs.forEach((resource, config) -> {
            if (resource.name().equals(Topics.OBSERVATIONS.name())) {
                assertEquals("delete", config.get("cleanup.policy").value());
                assertEquals(Long.toString(Duration.ofDays(2).toMillis()), config.get("retention.ms").value());
            } else {
                assertEquals("compact", config.get("cleanup.policy").value());
            }
        });
        assertEquals(List.of(), TopicCheck.ensure(admin, List.of(Topics.OBSERVATIONS, Topics.VERDICTS),
                new TopicPolicy(true, 4, 1, Duration.ofDays(2)), LIFETIME), "a second start finds them and creates nothing");
    }

    @Test
    void aMissingTopicIsAnErrorWhenCreatingIsNotAllowed() {
        TopicMismatchException e = assertThrows(TopicMismatchException.class, () -> TopicCheck.ensure(admin,
                List.of(Topics.DISCOVERY_CHECKPOINTS), TopicPolicy.defaults(), LIFETIME));
        assertEquals(List.of("ocspwatch.discovery-checkpoints does not exist: create it with 1 partitions and cleanup.policy=compact,"
                + " or set topics.create: true"), e.problems());
    }

    @Test
    void everyDisagreementIsListed() throws Exception {
        // A cluster set up by hand, wrongly: certificates compacted with 3 partitions, issuers not compacted, a day's retention of 10 minutes.
        kafka.createTopics(List.of(new TopicSpec(Topics.CERTIFICATES.name(), 3, Map.of("cleanup.policy", "compact")),
                new TopicSpec(Topics.ISSUERS.name(), 3, Map.of("cleanup.policy", "delete", "retention.ms", "600000"))));
        TopicMismatchException e = assertThrows(TopicMismatchException.class, () -> TopicCheck.ensure(admin,
                List.of(Topics.CERTIFICATES, Topics.ISSUERS), new TopicPolicy(false, 12, -1, null), LIFETIME));
        assertEquals(List.of(
                "ocspwatch.certificates has 3 partitions, the configuration says 12: set topics.partitions: 3 in every agent and"
                        + " collector configuration (certificates and observations must match)",
                "ocspwatch.certificates has cleanup.policy=compact: it must not be compacted, compaction would keep one record per"
                        + " certificate and lose the rest (set cleanup.policy=delete)",
                "ocspwatch.issuers has cleanup.policy=delete: it must be compacted (cleanup.policy=compact), it keeps the latest"
                        + " record per key"), e.problems());
        assertTrue(e.getMessage().startsWith("Kafka topics disagree with the configuration:\n  - ocspwatch.certificates has 3"));
    }

    @Test
    void aRetentionShorterThanACertificatesLifeIsAnError() {
        var spec = TopicCheck.wanted(Topics.OBSERVATIONS, TopicPolicy.defaults());
        var config = new org.apache.kafka.clients.admin.Config(List.of(
                new org.apache.kafka.clients.admin.ConfigEntry("cleanup.policy", "delete"),
                new org.apache.kafka.clients.admin.ConfigEntry("retention.ms", "3600000")));
        assertEquals(List.of("ocspwatch.observations keeps records PT1H (retention.ms=3600000), less than a certificate's life at the"
                + " collector (PT1H16M): records would expire before they are decided"), TopicCheck.disagreements(spec, 12, config, LIFETIME));
    }

    @Test
    void anUnreachableClusterIsNamedNotHung() {
        var settings = new dev.ocspwatch.common.kafka.KafkaSettings("127.0.0.1:1", Map.of("default.api.timeout.ms", "2000",
                "request.timeout.ms", "1000"));
        TopicMismatchException e = assertThrows(TopicMismatchException.class, () -> TopicCheck.ensure(settings, List.of(Topics.VERDICTS),
                TopicPolicy.defaults(), LIFETIME));
        assertTrue(e.getMessage().startsWith("cannot check Kafka's topics: "), e.getMessage());
    }

    @Test
    void anUnresolvableBootstrapAddressIsNamedNotThrown() {
        var settings = dev.ocspwatch.common.kafka.KafkaSettings.of("no-such-broker.invalid:9092");
        TopicMismatchException e = assertThrows(TopicMismatchException.class, () -> TopicCheck.ensure(settings, List.of(Topics.VERDICTS),
                TopicPolicy.defaults(), LIFETIME));
        assertTrue(e.getMessage().startsWith("cannot check Kafka's topics: "), e.getMessage());
    }
}
