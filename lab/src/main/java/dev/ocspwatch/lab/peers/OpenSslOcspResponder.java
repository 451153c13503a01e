package dev.ocspwatch.lab.peers;

import dev.ocspwatch.lab.pki.Pem;
import dev.ocspwatch.lab.pki.SimulatedCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * OpenSSL's own OCSP responder ({@code openssl ocsp -port}) as a peer none of us wrote: it
 * answers good, revoked (with reason) and unknown from an OpenSSL index file, signed by a
 * {@link SimulatedCa}'s key. Started on a free port (OpenSSL picks it and prints
 * {@code ACCEPT [::]:PORT}, which is also the readiness signal), stopped on close.
 *
 * <p>Beware: OpenSSL 3.0's responder spins forever and stops serving once a client connects and
 * closes without sending a request (openssl/openssl#31129); never probe it with a bare TCP connect.
 */
public final class OpenSslOcspResponder implements AutoCloseable {
    private static final DateTimeFormatter INDEX_TIME =
            DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final OpenSslProcess process;

    private OpenSslOcspResponder(OpenSslProcess process) {
        this.process = process;
    }

    /** One line of OpenSSL's index.txt: a serial it knows, valid or revoked. */
    public record IndexEntry(BigInteger serial, Instant notAfter, String commonName, Instant revokedAt, String reason) {
        public static IndexEntry valid(BigInteger serial, Instant notAfter, String commonName) {
            return new IndexEntry(serial, notAfter, commonName, null, null);
        }

        /** {@code reason} as OpenSSL spells it: keyCompromise, superseded, cessationOfOperation, ... */
        public static IndexEntry revoked(BigInteger serial, Instant notAfter, String commonName, Instant at, String reason) {
            return new IndexEntry(serial, notAfter, commonName, at, reason);
        }

        String line() {
            String hex = serial.toString(16).toUpperCase(Locale.ROOT);
            if (hex.length() % 2 == 1) {
                hex = "0" + hex;
            }
            String revocation = revokedAt == null ? "" : INDEX_TIME.format(revokedAt) + (reason == null ? "" : "," + reason);
            return (revokedAt == null ? "V" : "R") + "\t" + INDEX_TIME.format(notAfter) + "\t" + revocation + "\t" + hex
                    + "\tunknown\t/CN=" + commonName + "\n";
        }
    }

    /** Whether an {@code openssl} binary runs here: tests that need it report themselves skipped otherwise. */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Starts a responder in {@code directory} that signs as {@code ca} directly, with
     * nextUpdate = thisUpdate + {@code validity}.
     */
    public static OpenSslOcspResponder start(Path directory, SimulatedCa ca, List<IndexEntry> entries, Duration validity) {
        try {
            Path caPem = directory.resolve("ca.pem");
            Path keyPem = directory.resolve("ca.key");
            Path index = directory.resolve("index.txt");
            Pem.write(caPem, ca.certificate());
            Pem.write(keyPem, ca.privateKey());
            StringBuilder lines = new StringBuilder();
            entries.forEach(e -> lines.append(e.line()));
            Files.writeString(index, lines.toString());
            Files.writeString(directory.resolve("index.txt.attr"), "unique_subject = no\n");
            return new OpenSslOcspResponder(OpenSslProcess.start(List.of("openssl", "ocsp", "-port", "0",
                    "-index", index.toString(), "-CA", caPem.toString(), "-rsigner", caPem.toString(),
                    "-rkey", keyPem.toString(), "-nmin", Long.toString(Math.max(1, validity.toMinutes())), "-ignore_err"),
                    directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return process.port();
    }

    /** The responder URL on loopback. */
    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    /** What OpenSSL printed, for a failing test's message. */
    public String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }
}
