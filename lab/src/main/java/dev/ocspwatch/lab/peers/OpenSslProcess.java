package dev.ocspwatch.lab.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code openssl} server process listening on a port it chose itself ({@code -port 0} or
 * {@code -accept 0}); its {@code ACCEPT [::]:PORT} line is both the port and the readiness
 * signal, so nothing waits by sleeping.
 */
final class OpenSslProcess implements AutoCloseable {
    private static final Pattern ACCEPT = Pattern.compile("ACCEPT .*:(\\d+)");

    private final Process process;
    private final int port;
    private final StringBuilder log;

    private OpenSslProcess(Process process, int port, StringBuilder log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** A JVM that dies without closing its peers must not leave openssl servers behind. */
    private static void destroyOnExit(Process process) {
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "openssl-reaper-" + process.pid()));
    }

    static OpenSslProcess start(List<String> command, Path directory) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            destroyOnExit(process);
            StringBuilder log = new StringBuilder();
            CompletableFuture<Integer> ready = new CompletableFuture<>();
            Thread reader = new Thread(() -> read(process, log, ready), "openssl-" + command.get(1));
            reader.setDaemon(true);
            reader.start();
            try {
                return new OpenSslProcess(process, ready.get(10, TimeUnit.SECONDS), log);
            } catch (TimeoutException | ExecutionException e) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not start: " + log, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting openssl", e);
        }
    }

    private static void read(Process process, StringBuilder log, CompletableFuture<Integer> ready) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (log) {
                    log.append(line).append('\n');
                }
                Matcher m = ACCEPT.matcher(line);
                if (m.find()) {
                    ready.complete(Integer.parseInt(m.group(1)));
                }
            }
            ready.completeExceptionally(new IllegalStateException("openssl exited"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    int port() {
        return port;
    }

    String log() {
        synchronized (log) {
            return log.toString();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
