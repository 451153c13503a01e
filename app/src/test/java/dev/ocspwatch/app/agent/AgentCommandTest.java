package dev.ocspwatch.app.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.app.Main;
import dev.ocspwatch.common.kafka.TopicSpec;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.lab.kafka.InProcessKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent command's refusals: they come before anything starts, in one line each, with their exit status. */
class AgentCommandTest {
    @TempDir
    Path directory;

    @Test
    void aBadConfigurationExitsTwoNamingTheFileAndKey() throws Exception {
        Path file = Files.writeString(directory.resolve("agent.yaml"), "kafka: {bootstrapServers: k:9092}\nprober: {region: EU West}\n");
        Result result = run("agent", "--config", file.toString());
        assertEquals(2, result.code());
        assertEquals("ocspwatch agent: " + file + ": prober: region must be lower-case letters, digits, '.', '_' or '-': \"EU West\"\n",
                result.err());
    }

    @Test
    void aClusterWhoseTopicsDisagreeExitsThreeListingEveryDisagreement() throws Exception {
        try (InProcessKafka kafka = InProcessKafka.start(directory.resolve("kafka"), 0, Map.of())) {
            kafka.createTopics(List.of(new TopicSpec(Topics.OBSERVATIONS.name(), 2, Map.of("cleanup.policy", "compact"))));
            Path file = Files.writeString(directory.resolve("agent.yaml"),
                    "kafka: {bootstrapServers: \"" + kafka.bootstrapServers() + "\"}\nprober: {region: eu-west}\n");
            Result result = run("agent", "--config", file.toString());
            assertEquals(3, result.code(), result.err());
            assertTrue(result.err().startsWith("ocspwatch agent: Kafka topics disagree with the configuration:\n"), result.err());
            assertTrue(result.err().contains("ocspwatch.certificates does not exist"), result.err());
            assertTrue(result.err().contains("ocspwatch.observations has 2 partitions, the configuration says 12"), result.err());
            assertTrue(result.err().contains("ocspwatch.observations has cleanup.policy=compact: it must not be compacted"), result.err());
        }
    }

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
