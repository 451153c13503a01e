package dev.ocspwatch.app.deploy;

import dev.ocspwatch.app.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ocspwatch <args>} in a JVM of its own, as an operator runs it: the test's class path,
 * output kept in files for the failure message, stopped with SIGTERM (its shutdown hooks run)
 * or killed.
 */
final class ChildJvm implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path out;
    private final Path err;

    private ChildJvm(String name, Process process, Path out, Path err) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static ChildJvm start(String name, Path directory, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Path out = directory.resolve(name + ".out");
        Path err = directory.resolve(name + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new ChildJvm(name, process, out, err);
    }

    /** Waits for a line of standard output containing {@code text}; fails with the output if the process ends or time runs out. */
    void awaitOutput(String text, Duration timeout) throws IOException {
        Instant until = Instant.now().plus(timeout);
        while (!Files.readString(out, StandardCharsets.UTF_8).contains(text)) {
            if (!process.isAlive() || Instant.now().isAfter(until)) {
                throw new AssertionError(name + (process.isAlive() ? " did not print \"" + text + "\" within " + timeout
                        : " exited with " + process.exitValue()) + "\n" + output());
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // polling another process's output file
        }
    }

    String output() {
        try {
            return "--- " + name + " stdout\n" + Files.readString(out) + "--- " + name + " stderr (tail)\n" + tail(Files.readString(err));
        } catch (IOException e) {
            return name + ": output unreadable: " + e;
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM, then the exit status (waits up to 60 s, then kills): 143 for a JVM stopped by SIGTERM, shutdown hooks run. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return process.exitValue();
    }

    /** SIGKILL: a crash, no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                stop();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String tail(String text) {
        return text.length() <= 6000 ? text : "..." + text.substring(text.length() - 6000);
    }
}
