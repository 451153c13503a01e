package dev.ocspwatch.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocspwatch.common.json.Json;
import dev.ocspwatch.lab.pki.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The probes a practitioner's own script would make, for comparison: a Python prober on
 * pyca/cryptography and http.client (one kept-alive connection, sequential, GET and POST per
 * certificate), and an {@code openssl ocsp} loop (a process per POST). Each is skipped, with the
 * reason, where its tools are missing.
 */
final class BaselineProber {
    /** What one baseline did: probes made, how many judged good, and each probe's latency. */
    record Run(String name, int probes, int good, double seconds, List<Double> latenciesMs, String skipped) {
        double perSecond() {
            return probes / seconds;
        }

        static Run skipped(String name, String why) {
            return new Run(name, 0, 0, 0, List.of(), why);
        }
    }

    private BaselineProber() {
    }

    static Run python(Path directory, Path leaves, Path issuer, String host, String ip, int port) throws IOException, InterruptedException {
        Path script = directory.resolve("ocsp_baseline.py");
        try (InputStream in = BaselineProber.class.getResourceAsStream("ocsp_baseline.py")) {
            Files.copy(in, script);
        }
        Process check = new ProcessBuilder("python3", "-c", "import cryptography").redirectErrorStream(true).start();
        if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
            return Run.skipped("python", "python3 with pyca/cryptography is not installed");
        }
        Process process = new ProcessBuilder("python3", script.toString(), leaves.toString(), issuer.toString(), host, ip,
                String.valueOf(port)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            return Run.skipped("python", "the script failed (exit " + process.exitValue() + ")");
        }
        JsonNode result = Json.mapper().readTree(output);
        List<Double> latencies = new ArrayList<>();
        result.path("latencies_ms").forEach(n -> latencies.add(n.asDouble()));
        return new Run("python", result.path("probes").asInt(), result.path("good").asInt(), result.path("seconds").asDouble(), latencies,
                null);
    }

    static Run openssl(Path directory, List<X509CertificateHolder> leaves, Path issuer, String host, String ip, int port)
            throws IOException, InterruptedException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            files.add(Pem.write(directory.resolve("leaf-" + i + ".pem"), leaves.get(i)));
        }
        List<Double> latencies = new ArrayList<>();
        int good = 0;
        long start = System.nanoTime();
        for (Path leaf : files) {
            long t0 = System.nanoTime();
            Process process;
            try {
                process = new ProcessBuilder("openssl", "ocsp", "-issuer", issuer.toString(), "-cert", leaf.toString(),
                        "-url", "http://" + ip + ":" + port + "/", "-header", "Host=" + host, "-VAfile", issuer.toString(),
                        "-no_nonce").redirectErrorStream(true).start();
            } catch (IOException e) {
                return Run.skipped("openssl", "openssl is not installed");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            latencies.add((System.nanoTime() - t0) / 1e6);
            if (process.exitValue() == 0 && output.contains("Response verify OK") && output.contains(": good")) {
                good++;
            }
        }
        return new Run("openssl", files.size(), good, (System.nanoTime() - start) / 1e9, latencies, null);
    }
}
