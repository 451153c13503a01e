package dev.ocspwatch.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ocspwatch.common.config.ConfigException;
import dev.ocspwatch.lab.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every file in {@code config/} loads as what its name says it is (Boulder's "a test that loads
 * every config file"), and the deployment files agree with each other: a region the collector
 * expects has an agent, every agent and the collector share the deadline and partitions, and
 * exactly one agent runs discovery.
 */
class ShippedConfigFilesTest {
    private static final Path CONFIG = Path.of("../config");
    /** What an operator puts in an agent's environment for its file's secrets. */
    private static final Map<String, String> AGENT_SECRETS = Map.of(
            "OCSPWATCH_KAFKA__PROPERTIES__SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    /** ... and in the collector's: an override naming a key the file lacks is an error, so each process gets its own. */
    private static final Map<String, String> COLLECTOR_SECRETS = Map.of(
            "OCSPWATCH_KAFKA__PROPERTIES__SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "OCSPWATCH_API__BEARER_TOKEN", "0123456789abcdef0123456789abcdef");

    @Test
    void everyConfigurationFileLoads() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CONFIG)) {
            files = walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
        assertTrue(files.size() >= 10, "config/ holds the scenarios and the deployment files: " + files);
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (file.getParent().getFileName().toString().equals("scenarios")) {
                assertNotNull(Scenario.load(file));
            } else if (name.startsWith("agent-")) {
                assertNotNull(AgentConfig.load(file, AGENT_SECRETS));
            } else if (name.startsWith("collector")) {
                assertNotNull(CollectorConfig.load(file, COLLECTOR_SECRETS));
            } else if (name.startsWith("standalone")) {
                assertNotNull(StandaloneConfig.load(file, Map.of()));
            } else {
                fail(file + ": no loader knows this file; name it agent-*, collector*, standalone* or put it in scenarios/");
            }
        }
    }

    @Test
    void theDeploymentFilesAgree() throws Exception {
        CollectorConfig collector = CollectorConfig.load(CONFIG.resolve("collector.yaml"), COLLECTOR_SECRETS);
        List<AgentConfig> agents = new ArrayList<>();
        for (String region : collector.regions()) {
            AgentConfig agent = AgentConfig.load(CONFIG.resolve("agent-" + region + ".yaml"), AGENT_SECRETS);
            assertEquals(region, agent.prober().region());
            assertEquals(collector.watch(), agent.watch(), region + " and the collector disagree on the deadline");
            assertEquals(collector.topics().partitions(), agent.topics().partitions());
            assertEquals(collector.kafka().bootstrapServers(), agent.kafka().bootstrapServers());
            agents.add(agent);
        }
        assertEquals(3, agents.size());
        assertEquals(1, agents.stream().filter(a -> a.discovery() != null).count(), "exactly one agent runs discovery");
        assertEquals(Duration.ofMinutes(15), collector.watch().deadline());
    }

    @Test
    void theStandaloneFileIsTheBuiltInDefaults() throws Exception {
        StandaloneConfig file = StandaloneConfig.load(CONFIG.resolve("standalone.yaml"), Map.of());
        StandaloneConfig defaults = StandaloneConfig.defaults();
        assertEquals(defaults.directory(), file.directory());
        assertEquals(defaults.watch(), file.watch());
        assertEquals(defaults.prober().region(), file.prober().region());
        assertEquals(defaults.discovery().logList(), file.discovery().logList());
        assertEquals(defaults.api().settings().toString(), file.api().settings().toString());
        assertNull(file.api().bearerToken());
    }

    @Test
    void theCollectorFileRefusesToServeOffLoopbackWithoutAToken() {
        Map<String, String> withoutToken = Map.of("OCSPWATCH_KAFKA__PROPERTIES__SASL_JAAS_CONFIG", "x required;");
        ConfigException e = assertThrows(ConfigException.class, () -> CollectorConfig.load(CONFIG.resolve("collector.yaml"), withoutToken));
        assertTrue(e.getMessage().startsWith("../config/collector.yaml: api: refusing to serve the API on \"0.0.0.0\" without a bearer token"),
                e.getMessage());
        assertFalse(e.getMessage().contains("0123456789abcdef"));
    }

    @Test
    void theAgentFilesNeedTheirKafkaSecretFromTheEnvironment() {
        ConfigException e = assertThrows(ConfigException.class, () -> AgentConfig.load(CONFIG.resolve("agent-us-east.yaml"), Map.of()));
        assertEquals("../config/agent-us-east.yaml: kafka: properties.sasl.jaas.config has no value (set it in the file or the environment)",
                e.getMessage());
    }

}
