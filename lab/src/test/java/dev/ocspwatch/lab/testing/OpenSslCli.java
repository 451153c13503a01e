package dev.ocspwatch.lab.testing;

import dev.ocspwatch.lab.peers.OpenSslOcspResponder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Assumptions;

/**
 * The {@code openssl} command line as the independent judge of what the lab produces: runs one
 * command with stdin closed, stdout and stderr merged, and a time limit.
 */
public final class OpenSslCli {
    private static Boolean available;

    private OpenSslCli() {
    }

    /** Skips the calling test (reported as skipped, not passed) when no openssl binary runs here. */
    public static synchronized void assumeAvailable() {
        if (available == null) {
            available = OpenSslOcspResponder.available();
        }
        Assumptions.assumeTrue(available, "no openssl binary on this machine");
    }

    /** What one run printed and how it ended. */
    public record Result(int exitCode, String output, List<String> command) {
        /** For assertion messages: the command and everything it printed. */
        public String describe() {
            return String.join(" ", command) + "\n--- exit " + exitCode + " ---\n" + output;
        }
    }

    public static Result run(Path directory, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8), command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** {@code -attime} takes seconds since the epoch: verification at a fixed instant, not the wall clock. */
    public static String epochSeconds(Instant instant) {
        return Long.toString(instant.getEpochSecond());
    }

    /**
     * For {@code openssl ocsp -validity_period}: OpenSSL checks thisUpdate and nextUpdate against
     * the wall clock whatever {@code -attime} says, so a response made for a fixed instant gets a
     * tolerance that reaches from that instant to now (and a day beyond).
     */
    public static String validityPeriodCovering(Instant fixed) {
        return Long.toString(java.time.Duration.between(fixed, Instant.now()).abs().plusDays(1).toSeconds());
    }

    public static Path writePem(Path file, Object... objects) {
        return dev.ocspwatch.lab.pki.Pem.write(file, objects);
    }

    public static Path writeDer(Path file, byte[] der) {
        try {
            return Files.write(file, der);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
