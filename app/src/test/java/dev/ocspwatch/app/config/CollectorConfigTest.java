package dev.ocspwatch.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.collector.verdict.DecisionSettings;
import dev.ocspwatch.common.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorConfigTest {
    private static final String MINIMAL = "kafka: {bootstrapServers: k1:9092}\nstreams: {stateDirectory: /tmp/state}\n";

    @TempDir
    Path directory;

    @Test
    void decidesOnTheBaselineRequirementsScheduleByDefault() throws Exception {
        CollectorConfig config = ConfigFilesLoad.collector(directory, MINIMAL + "regions: [eu-west, us-east]\n", Map.of());
        DecisionSettings decisions = config.decision().settings(config.watch(), config.regions());
        assertEquals(Duration.ofMinutes(15), decisions.deadline());
        assertEquals(Duration.ofMinutes(1), decisions.grace());
        assertEquals(Duration.ofHours(1), decisions.watchWindow());
        assertEquals(Duration.ofDays(30), decisions.violationRetention());
        assertEquals(List.of("eu-west", "us-east"), decisions.regions());
        assertEquals("127.0.0.1:8080", config.api().applicationServer(8080));
        assertFalse(config.alerts().settings(null).enabled());
    }

    @Test
    void aRehearsalDeadlineScalesTheWholeLifeButGraceStaysAtLeastTwoSeconds() throws Exception {
        CollectorConfig config = ConfigFilesLoad.collector(directory, MINIMAL + "watch: {deadline: PT30S}\n", Map.of());
        DecisionSettings decisions = config.decision().settings(config.watch(), config.regions());
        assertEquals(Duration.ofSeconds(30), decisions.deadline());
        assertEquals(Duration.ofMinutes(2), decisions.watchWindow(), "one hour for fifteen minutes");
        assertEquals(Duration.ofSeconds(2), decisions.grace(), "a minute scaled is 2 s here; never less");
        assertEquals(Duration.ofSeconds(30 + 120 + 2), config.watch().lifetime());
    }

    @Test
    void theBearerTokenComesFromTheEnvironmentAndNeverShows() throws Exception {
        String token = "s3cret-token-0123456789";
        CollectorConfig config = ConfigFilesLoad.collector(directory, MINIMAL + "api: {host: 0.0.0.0, bearerToken: ~, advertisedHost: c1.example.net}\n",
                Map.of("OCSPWATCH_API__BEARER_TOKEN", token));
        assertEquals(token, config.api().settings().bearerToken());
        assertEquals("c1.example.net:8080", config.api().applicationServer(8080));
        assertFalse(config.api().toString().contains(token));
    }

    @Test
    void servingOffLoopbackWithoutATokenStopsAtLoad() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigFilesLoad.collector(directory, MINIMAL + "api: {host: 0.0.0.0}\n", Map.of()));
        assertTrue(e.getMessage().startsWith(directory.resolve("collector.yaml") + ": api: refusing to serve the API on \"0.0.0.0\""),
                e.getMessage());
    }

    @Test
    void anEnvironmentVariableNamingNoKeyIsAnError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigFilesLoad.collector(directory, MINIMAL, Map.of("OCSPWATCH_API__BEARER_TOKEN", "0123456789abcdef0123")));
        assertEquals(directory.resolve("collector.yaml") + ": environment variable OCSPWATCH_API__BEARER_TOKEN names no key"
                + " (no 'api' under the top level)", e.getMessage());
    }

    @Test
    void theStateDirectoryIsRequired() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigFilesLoad.collector(directory, "kafka: {bootstrapServers: k1:9092}\nstreams: {threads: 2}\n", Map.of()));
        assertEquals(directory.resolve("collector.yaml") + ": streams: stateDirectory is required (where the collector keeps its RocksDB state)",
                e.getMessage());
    }

    @Test
    void alertTargetsAreCheckedAtLoadWithoutShowingTheirUrls() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFilesLoad.collector(directory, MINIMAL + """
                alerts:
                  targets:
                    - {name: a, url: "https://hooks.example.net/T0/B0/secret-path"}
                    - {name: a, url: "https://hooks.example.net/T1/B1/other-secret"}
                """, Map.of()));
        assertTrue(e.getMessage().contains("give each target its own name"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }
}
