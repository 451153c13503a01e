package dev.ocspwatch.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ocspwatch.agent.discovery.CtApi;
import dev.ocspwatch.agent.prober.ProberSettings;
import dev.ocspwatch.common.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {
    @TempDir
    Path directory;

    @Test
    void loadsAMinimalProberWithDefaults() throws Exception {
        AgentConfig config = load("kafka: {bootstrapServers: k1:9092}\nprober: {region: eu-west}\n");
        assertEquals("k1:9092", config.kafka().settings().bootstrapServers());
        assertNull(config.discovery());
        ProberSettings prober = config.prober().settings(config.watch().schedule());
        assertEquals("eu-west-1", prober.agentId());
        assertEquals(Duration.ofMinutes(15), prober.schedule().deadline());
        assertEquals(Duration.ofHours(1), prober.schedule().watchWindow());
        assertEquals(9464, config.metrics().port());
        assertEquals(12, config.topics().partitions());
    }

    @Test
    void anUnknownKeyNamesTheFileAndTheKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("kafka: {bootstrapServers: k1:9092}\nprober: {region: eu-west, regoin: x}\n"));
        assertEquals(directory.resolve("agent.yaml") + ": prober: unknown key 'regoin' (known keys: agentId, allowPrivate,"
                + " allowedNetworks, contact, hosts, maxBufferedObservations, maxWatched, politeness, region, timeout)", e.getMessage());
    }

    @Test
    void aBadNetworkNamesItsIndex() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("kafka: {bootstrapServers: k1:9092}\nprober: {region: eu-west, allowedNetworks: [10.0.0.0/8, intranet]}\n"));
        assertEquals(directory.resolve("agent.yaml") + ": prober: allowedNetworks[1]: not an IP network: \"intranet\""
                + " (expected e.g. 10.0.0.0/8 or fd00::/8)", e.getMessage());
    }

    @Test
    void aPinnedHostMustBeAnAddressNotAName() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("kafka: {bootstrapServers: k1:9092}\nprober: {region: eu-west, hosts: {ocsp.example.com: [pop.example.net]}}\n"));
        assertEquals(directory.resolve("agent.yaml") + ": prober: hosts.ocsp.example.com: \"pop.example.net\" is not an IP address",
                e.getMessage());
    }

    @Test
    void anAgentWithNoRoleIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("kafka: {bootstrapServers: k1:9092}\n"));
        assertEquals(directory.resolve("agent.yaml") + ": an agent needs discovery, prober or both", e.getMessage());
    }

    @Test
    void aMissingBootstrapIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("kafka: {properties: {}}\nprober: {region: r}\n"));
        assertEquals(directory.resolve("agent.yaml") + ": kafka: bootstrapServers is required (host:port of at least one broker)",
                e.getMessage());
    }

    @Test
    void environmentOverridesReachKafkaPropertiesWithDots() throws Exception {
        AgentConfig config = ConfigFilesLoad.agent(directory, """
                kafka:
                  bootstrapServers: k1:9092
                  properties: {sasl.jaas.config: ~, security.protocol: SASL_SSL}
                prober: {region: eu-west}
                """, Map.of("OCSPWATCH_KAFKA__PROPERTIES__SASL_JAAS_CONFIG", "secret-module required;",
                "OCSPWATCH_KAFKA__BOOTSTRAP_SERVERS", "k2:9093"));
        assertEquals("secret-module required;", config.kafka().settings().properties().get("sasl.jaas.config"));
        assertEquals("k2:9093", config.kafka().bootstrapServers());
        assertEquals("KafkaConfig[bootstrapServers=k2:9093, properties=" + config.kafka().properties().keySet() + "]",
                config.kafka().toString(), "values stay out of logs");
    }

    @Test
    void discoveryLogsAreReadWithTheirApi() throws Exception {
        AgentConfig config = load("""
                kafka: {bootstrapServers: k1:9092}
                discovery:
                  logList: ~
                  logs:
                    - {name: tiles, url: "https://tiles.example.net/", api: static, key: "MFkw", origin: "log.example.net/2026"}
                """);
        assertEquals(CtApi.STATIC, config.discovery().logs().get(0).api());
        assertNull(config.discovery().logList());
        assertNull(config.prober());
    }

    private AgentConfig load(String yaml) throws Exception {
        return ConfigFilesLoad.agent(directory, yaml, Map.of());
    }
}
