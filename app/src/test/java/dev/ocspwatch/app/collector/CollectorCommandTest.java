package dev.ocspwatch.app.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector command's refusals, before anything starts. */
class CollectorCommandTest {
    @TempDir
    Path directory;

    @Test
    void aMissingStateDirectoryExitsTwoNamingTheKey() throws Exception {
        Path file = Files.writeString(directory.resolve("collector.yaml"), "kafka: {bootstrapServers: k:9092}\nstreams: {threads: 2}\n");
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
                .execute("collector", "--config", file.toString());
        assertEquals(2, code);
        assertEquals("ocspwatch collector: " + file + ": streams: stateDirectory is required (where the collector keeps its RocksDB state)\n",
                err.toString());
    }

    @Test
    void anUnreachableClusterExitsThreeInOneLine() throws Exception {
        Path file = Files.writeString(directory.resolve("collector.yaml"), "kafka: {bootstrapServers: no-such-broker.invalid:9092}\n"
                + "streams: {stateDirectory: \"" + directory.resolve("state") + "\"}\n");
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
                .execute("collector", "--config", file.toString());
        assertEquals(3, code, err.toString());
        assertTrue(err.toString().startsWith("ocspwatch collector: cannot check Kafka's topics: "), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }
}
