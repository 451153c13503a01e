package dev.ocspwatch.app.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes a test's YAML to a file and loads it, as the commands do. */
final class ConfigFilesLoad {
    private ConfigFilesLoad() {
    }

    static AgentConfig agent(Path directory, String yaml, Map<String, String> environment) throws Exception {
        return AgentConfig.load(Files.writeString(directory.resolve("agent.yaml"), yaml), environment);
    }

    static CollectorConfig collector(Path directory, String yaml, Map<String, String> environment) throws Exception {
        return CollectorConfig.load(Files.writeString(directory.resolve("collector.yaml"), yaml), environment);
    }
}
