package dev.ocspwatch.app.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocspwatch.app.Main;
import dev.ocspwatch.common.json.Json;
import dev.ocspwatch.lab.peers.OpenSslOcspResponder;
import dev.ocspwatch.lab.peers.OpenSslOcspResponder.IndexEntry;
import dev.ocspwatch.lab.pki.CertificateProfile;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.pki.Pem;
import dev.ocspwatch.lab.pki.SimulatedCa;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ocspwatch check} as a user meets it: exit codes, one-line errors, the JSON contract. */
class CheckCommandTest {
    private static final Instant NOW = Instant.now();
    @TempDir
    static Path directory;
    static SimulatedCa ca;
    static SimulatedCa stranger;
    static X509CertificateHolder leaf;

    @BeforeAll
    static void pki() {
        Random random = new Random(3);
        SimulatedCa root = SimulatedCa.root("CLI Test Root", KeyKind.ECDSA_P256, NOW.minus(Duration.ofDays(10)), random);
        ca = root.intermediate("CLI Test CA", KeyKind.ECDSA_P256, NOW.minus(Duration.ofDays(10)), List.of(), List.of());
        stranger = root.intermediate("CLI Test CA", KeyKind.ECDSA_P256, NOW.minus(Duration.ofDays(10)), List.of(), List.of());
        leaf = ca.issue(profile(List.of("http://ocsp.cli.test/")), BigInteger.valueOf(0xc11));
    }

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static void assertOneLineError(Run run, String expected) {
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(expected), "stderr should say \"" + expected + "\" but was: " + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace for bad input: " + run.err());
    }

    @Test
    void rejectsMissingFileWithOneLineAndExitTwo() {
        Run run = run("check", "--cert", directory.resolve("nope.pem").toString());
        assertOneLineError(run, "no such file");
        assertEquals(1, run.err().strip().lines().count());
    }

    @Test
    void rejectsAFileThatIsNotACertificate() throws IOException {
        Path text = Files.writeString(directory.resolve("notes.txt"), "hello, I am not a certificate\n");
        assertOneLineError(run("check", "--cert", text.toString()), "not a certificate");
    }

    @Test
    void rejectsTruncatedDer() throws IOException {
        byte[] der = leaf.getEncoded();
        Path cut = Files.write(directory.resolve("cut.der"), Arrays.copyOf(der, der.length - 40));
        assertOneLineError(run("check", "--cert", cut.toString()), "truncated DER");
    }

    @Test
    void rejectsAnIssuerThatDidNotSignTheCertificate() throws IOException {
        Path cert = pem("leaf.pem", leaf);
        Path wrong = pem("stranger.pem", stranger.certificate());
        assertOneLineError(run("check", "--cert", cert.toString(), "--issuer", wrong.toString()), "did not sign the certificate");
    }

    @Test
    void rejectsAnUnsupportedResponderUrlScheme() throws IOException {
        Path bundle = pem("bundle.pem", leaf, ca.certificate());
        assertOneLineError(run("check", "--cert", bundle.toString(), "--url", "ldap://ocsp.example/", "--no-crl"),
                "unsupported OCSP URL scheme");
    }

    @Test
    void rejectsBadUsage() throws IOException {
        Path bundle = pem("usage.pem", leaf, ca.certificate());
        assertEquals(2, run("check").exitCode(), "a target is required");
        assertEquals(2, run("check", "--cert", bundle.toString(), "--host", "example.com").exitCode(), "targets are exclusive");
        assertOneLineError(run("check", "--cert", bundle.toString(), "--timeout", "soon"), "not a duration");
        assertOneLineError(run("check", "--cert", bundle.toString(), "--allow-network", "10.0.0.0/99"), "prefix length out of range");
    }

    @Test
    void printsTheJsonContractAndExitsZeroAgainstOpenSsl(@TempDir Path responderDirectory) throws IOException {
        assumeTrue(OpenSslOcspResponder.available(), "openssl is not installed");
        BigInteger serial = BigInteger.valueOf(0x5eed);
        try (OpenSslOcspResponder openssl = OpenSslOcspResponder.start(responderDirectory, ca,
                List.of(IndexEntry.valid(serial, NOW.plus(Duration.ofDays(30)), "json.test")), Duration.ofHours(12))) {
            Path bundle = pem("json.pem", ca.issue(profile(List.of(openssl.url())), serial), ca.certificate());

            Run run = run("check", "--cert", bundle.toString(), "--allow-network", "127.0.0.1/32", "--no-crl", "--json");

            assertEquals(0, run.exitCode(), run.out() + run.err());
            JsonNode report = Json.mapper().readTree(run.out());
            assertEquals(2, report.get("probes").size());
            for (JsonNode probe : report.get("probes")) {
                assertEquals(openssl.url(), probe.get("url").asText());
                assertTrue(List.of("GET", "POST").contains(probe.get("method").asText()));
                assertEquals("GOOD", probe.get("outcome").asText());
                assertTrue(probe.get("timings").has("totalMs"));
            }
            assertEquals(0, report.get("exitCode").asInt());
            assertEquals("5eed", report.get("certificate").get("serialHex").asText());
        }
    }

    @Test
    void reportsNotApplicableAndExitsZeroForACertificateWithoutOcsp() throws IOException {
        Path bundle = pem("no-ocsp.pem", ca.issue(profile(List.of()), BigInteger.valueOf(0x0c5)), ca.certificate());
        Run run = run("check", "--cert", bundle.toString(), "--no-crl");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("NOT_APPLICABLE"), run.out());
    }

    private static CertificateProfile profile(List<String> ocspUrls) {
        return new CertificateProfile(List.of("cli.test"), NOW.minus(Duration.ofDays(1)), Duration.ofDays(30), ocspUrls,
                List.of(), List.of(), false);
    }

    private static Path pem(String name, X509CertificateHolder... certificates) {
        return Pem.write(directory.resolve(name), (Object[]) certificates);
    }
}
