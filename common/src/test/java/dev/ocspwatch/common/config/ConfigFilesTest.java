package dev.ocspwatch.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {
    record Kafka(String bootstrapServers, Integer partitions) {
    }

    enum Mode { FAST, CAREFUL }

    record Agent(String region, Duration timeout, Mode mode, Kafka kafka, List<Kafka> clusters) {
        Agent {
            if (region == null) {
                throw new IllegalArgumentException("region is required");
            }
        }
    }

    @TempDir
    Path directory;

    private Path write(String yaml) throws Exception {
        return Files.writeString(directory.resolve("agent.yaml"), yaml);
    }

    @Test
    void loadsATypedRecordWithDurationsEnumsAndNesting() throws Exception {
        Agent agent = ConfigFiles.load(write("""
                region: eu-west
                timeout: PT10S
                mode: careful
                kafka: {bootstrapServers: "k1:9092", partitions: 12}
                clusters: []
                """), Agent.class);
        assertEquals(new Agent("eu-west", Duration.ofSeconds(10), Mode.CAREFUL, new Kafka("k1:9092", 12), List.of()), agent);
    }

    @Test
    void namesTheFileTheKeyAndTheKnownKeysForAnUnknownKey() throws Exception {
        Path file = write("region: eu-west\nkafka: {bootstrapServers: k1, partitons: 3}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFiles.load(file, Agent.class));
        assertEquals(file + ": kafka: unknown key 'partitons' (known keys: bootstrapServers, partitions)", e.getMessage());
    }

    @Test
    void namesTheListIndexOfABadValue() throws Exception {
        Path file = write("region: eu-west\nclusters: [{bootstrapServers: a}, {partitions: many}]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFiles.load(file, Agent.class));
        assertTrue(e.getMessage().startsWith(file + ": clusters[1].partitions: "), e.getMessage());
    }

    @Test
    void explainsABadDurationAndACheckInTheRecordItself() throws Exception {
        Path badDuration = write("region: eu-west\ntimeout: ten seconds\n");
        ConfigException duration = assertThrows(ConfigException.class, () -> ConfigFiles.load(badDuration, Agent.class));
        assertTrue(duration.getMessage().contains("timeout: expected a duration such as PT20S"), duration.getMessage());

        Path missing = write("timeout: PT1S\n");
        ConfigException required = assertThrows(ConfigException.class, () -> ConfigFiles.load(missing, Agent.class));
        assertEquals(missing + ": region is required", required.getMessage());
    }

    @Test
    void saysWhatIsWrongWithTheFileItself() throws Exception {
        ConfigException absent = assertThrows(ConfigException.class,
                () -> ConfigFiles.load(directory.resolve("nope.yaml"), Agent.class));
        assertEquals(directory.resolve("nope.yaml") + ": no such file", absent.getMessage());
        Path broken = write("region: [unclosed\n");
        ConfigException yaml = assertThrows(ConfigException.class, () -> ConfigFiles.load(broken, Agent.class));
        assertTrue(yaml.getMessage().startsWith(broken + ": not valid YAML"), yaml.getMessage());
        Path list = write("- a\n- b\n");
        ConfigException notMapping = assertThrows(ConfigException.class, () -> ConfigFiles.load(list, Agent.class));
        assertTrue(notMapping.getMessage().contains("expected a mapping"), notMapping.getMessage());
    }

    @Test
    void appliesEnvironmentOverridesToExistingKeysOnly() throws Exception {
        Path file = write("region: eu-west\ntimeout: PT10S\nkafka: {bootstrapServers: k1, partitions: 3}\n");
        Agent agent = ConfigFiles.load(file, Agent.class, "OCSPWATCH", Map.of(
                "OCSPWATCH_KAFKA__BOOTSTRAP_SERVERS", "broker.internal:9093",
                "OCSPWATCH_TIMEOUT", "PT3S",
                "UNRELATED_VARIABLE", "ignored"));
        assertEquals("broker.internal:9093", agent.kafka().bootstrapServers());
        assertEquals(3, agent.kafka().partitions());
        assertEquals(Duration.ofSeconds(3), agent.timeout());

        ConfigException typo = assertThrows(ConfigException.class, () -> ConfigFiles.load(file, Agent.class, "OCSPWATCH",
                Map.of("OCSPWATCH_KAFKA__BOOTSTRAP_SERVER", "x")));
        assertTrue(typo.getMessage().contains("OCSPWATCH_KAFKA__BOOTSTRAP_SERVER names no key"), typo.getMessage());
        ConfigException badValue = assertThrows(ConfigException.class, () -> ConfigFiles.load(file, Agent.class, "OCSPWATCH",
                Map.of("OCSPWATCH_KAFKA__PARTITIONS", "lots")));
        assertTrue(badValue.getMessage().contains("kafka.partitions"), badValue.getMessage());
    }

    @Test
    void rejectsDuplicateKeys() throws Exception {
        Path file = write("region: eu-west\nregion: us-east\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFiles.load(file, Agent.class));
        assertTrue(e.getMessage().contains("region"), e.getMessage());
    }

    @Test
    void reportsAMisspeltRequiredKeyAsTheTypoItIs() throws Exception {
        Path file = write("regoin: eu-west\ntimeout: PT1S\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFiles.load(file, Agent.class));
        assertTrue(e.getMessage().startsWith(file + ": unknown key 'regoin' (known keys: "), e.getMessage());
        Path nested = write("region: eu-west\nclusters: [{bootstrapServers: a}, {bootstrap_servers: b}]\n");
        ConfigException inList = assertThrows(ConfigException.class, () -> ConfigFiles.load(nested, Agent.class));
        assertTrue(inList.getMessage().startsWith(nested + ": clusters[1]: unknown key 'bootstrap_servers'"), inList.getMessage());
    }
}
