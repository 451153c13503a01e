package dev.ocspwatch.app.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocspwatch.app.Main;
import dev.ocspwatch.common.json.Json;
import dev.ocspwatch.lab.ct.SimulatedCtLog;
import dev.ocspwatch.lab.pki.Der;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.world.LabCa;
import dev.ocspwatch.lab.world.World;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ocspwatch ct tail} against the lab's CT log, through both APIs, as a researcher runs it. */
class CtTailCommandTest {
    private static final List<String> REQUIRED = List.of("certificateId", "serial", "issuerSpkiSha256", "precert", "timestamp",
            "logIndex", "ocspUrls", "crlUrls", "notBefore", "notAfter");

    static Vertx vertx;
    static World world;
    static SimulatedCtLog log;
    static String url;
    static LabCa ca;
    static final List<LabCa.Issued> issued = new ArrayList<>();
    static final List<X509CertificateHolder> finals = new ArrayList<>();
    @TempDir
    static Path directory;

    @BeforeAll
    static void lab() throws Exception {
        vertx = Vertx.vertx();
        world = World.start(vertx, Scenario.load(Path.of("../config/scenarios/healthy.yaml")), Clock.systemUTC())
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        ca = world.cas().get("ecdsa-ca");
        for (int i = 0; i < 5; i++) {
            issued.add(world.issueNow("ecdsa-ca", false).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
        }
        for (LabCa.Issued precert : issued) {
            finals.add(ca.finish(precert, world.logs(), world.cdnPort(), world.truth()));
        }
        log = world.logs().get(0);
        url = world.logUrl(log.name());
    }

    @AfterAll
    static void close() throws Exception {
        if (world != null) {
            world.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String keyBase64() {
        return Base64.getEncoder().encodeToString(log.key().getPublic().getEncoded());
    }

    private static String hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static JsonNode json(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON object: " + line, e);
        }
    }

    @Test
    void printsOneJsonObjectPerCertificateWithTheRequiredFields() throws Exception {
        Run run = run("ct", "tail", "--log", url, "--json", "--from-index", "0", "--limit", "10", "--poll-interval", "100ms");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(10, run.lines().size(), run.out());
        String issuerSpki = hex(Der.spki(ca.ca().certificate()));
        for (int index = 0; index < 10; index++) {
            JsonNode line = json(run.lines().get(index));
            assertTrue(line.isObject());
            for (String field : REQUIRED) {
                assertTrue(line.has(field), field + " in " + line);
            }
            LabCa.Issued truth = issued.get(index % 5);
            boolean precert = index < 5;
            X509CertificateHolder certificate = precert ? truth.precertificate() : finals.get(index % 5);
            assertEquals(truth.certificateId(), line.get("certificateId").asText());
            assertEquals(truth.serial().toString(16), line.get("serial").asText());
            assertTrue(line.get("serial").asText().matches("[0-9a-f]+"), "lower-case hex");
            assertEquals(issuerSpki, line.get("issuerSpkiSha256").asText());
            assertTrue(line.get("precert").isBoolean());
            assertEquals(precert, line.get("precert").asBoolean());
            assertEquals(index, line.get("logIndex").asLong());
            assertEquals(log.entries(index, index + 1).get(0).leaf().entry().timestamp(), line.get("timestamp").asLong());
            assertEquals(certificate.getNotBefore().toInstant().toString(), line.get("notBefore").asText());
            assertEquals(certificate.getNotAfter().toInstant().toString(), line.get("notAfter").asText());
            assertEquals(1, line.get("ocspUrls").size());
            assertTrue(line.get("ocspUrls").get(0).asText().startsWith("http://" + ca.spec().ocspHost() + ":"), line.toString());
            assertTrue(line.get("crlUrls").isArray() && line.get("crlUrls").size() == 1, line.toString());
        }
        List<String> warnings = run.err().lines().toList();
        assertEquals(1, warnings.size(), run.err());
        assertTrue(warnings.get(0).contains("--key") && warnings.get(0).contains("NOT verified"), warnings.get(0));
    }

    @Test
    void readsTheSameCertificatesThroughTheStaticCtApi() {
        Run rfc = run("ct", "tail", "--log", url, "--json", "--from-index", "2", "--limit", "6", "--poll-interval", "100ms");
        Run tiled = run("ct", "tail", "--log", url, "--tiled", "--json", "--from-index", "2", "--limit", "6", "--poll-interval",
                "100ms", "--partial-tile-max-age", "100ms", "--origin", log.origin());

        assertEquals(0, tiled.exitCode(), tiled.err());
        assertEquals(6, tiled.lines().size(), tiled.out());
        for (int i = 0; i < 6; i++) {
            ObjectNode fromRfc = (ObjectNode) json(rfc.lines().get(i));
            ObjectNode fromTiles = (ObjectNode) json(tiled.lines().get(i));
            fromRfc.remove("discoveredAt");
            fromTiles.remove("discoveredAt");
            assertEquals(fromRfc, fromTiles, "index " + (i + 2));
            assertEquals(i + 2, fromTiles.get("logIndex").asLong());
        }
    }

    @Test
    void verifiesTreeHeadsWithAKeyGivenInBase64OrAsAPemFile() throws Exception {
        Path pem = Files.writeString(directory.resolve("log.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(log.key().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Run base64 = run("ct", "tail", "--log", url, "--key", keyBase64(), "--json", "--from-index", "0", "--limit", "3");
        Run file = run("ct", "tail", "--log", url, "--tiled", "--key", pem.toString(), "--origin", log.origin(), "--json",
                "--from-index", "0", "--limit", "3", "--partial-tile-max-age", "100ms");

        for (Run run : List.of(base64, file)) {
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("", run.err(), "no warning with a key");
            assertEquals(3, run.lines().size(), run.out());
            assertEquals(log.logId().base64(), json(run.lines().get(0)).get("logId").asText());
        }
    }

    @Test
    void refusesATreeHeadThatTheGivenKeyDidNotSign() throws Exception {
        String stranger = Base64.getEncoder().encodeToString(KeyKind.ECDSA_P256.generate().getPublic().getEncoded());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> tail = thread.submit(() -> Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                    .execute("ct", "tail", "--log", url, "--key", stranger, "--json", "--from-index", "0", "--limit", "1"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!err.toString().contains("sth-signature")) {
                assertTrue(System.nanoTime() < deadline, "no sth-signature reject on stderr: " + err);
                try {
                    tail.get(50, TimeUnit.MILLISECONDS);
                    break; // it ended: the assertions below say how
                } catch (TimeoutException stillFollowing) {
                    // a tail follows until its limit: it is still waiting for a tree head it can trust
                }
            }
            assertFalse(tail.isDone(), "a tail whose tree heads do not verify prints nothing and keeps waiting: " + out + err);
            assertEquals("", out.toString(), "no certificate under an unverified tree head");
            assertTrue(err.toString().lines().anyMatch(l -> l.startsWith("reject " + url) && l.contains("sth-signature")), err.toString());
            tail.cancel(true);
        } finally {
            thread.shutdownNow();
            assertTrue(thread.awaitTermination(30, TimeUnit.SECONDS), "the tail stops when interrupted");
        }
    }

    @Test
    void printsOneLineOfTextPerCertificateWithoutJson() {
        Run run = run("ct", "tail", "--log", url, "--key", keyBase64(), "--from-index", "4", "--limit", "2");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(2, run.lines().size(), run.out());
        assertTrue(run.lines().get(0).startsWith("4 ") && run.lines().get(0).contains("precert")
                && run.lines().get(0).contains(issued.get(4).certificateId()), run.lines().get(0));
        assertTrue(run.lines().get(1).startsWith("5 ") && run.lines().get(1).contains(" cert ")
                && run.lines().get(1).contains(issued.get(0).certificateId()), run.lines().get(1));
    }

    @Test
    void rejectsBadUsageWithOneLineAndExitTwo() {
        for (String[] args : List.of(new String[] {"ct", "tail", "--log", "ftp://x"},
                new String[] {"ct", "tail", "--log", url, "--from-index", "-1"},
                new String[] {"ct", "tail", "--log", url, "--key", "not-a-key-and-not-a-file"})) {
            Run run = run(args);
            assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertEquals(1, run.err().strip().lines().count(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.err().startsWith("ocspwatch ct tail: "), run.err());
            assertFalse(run.err().contains("\tat "), run.err());
            assertEquals("", run.out());
        }
        assertTrue(run("ct", "tail", "--log", "ftp://x").err().contains("ftp://x"));
        assertTrue(run("ct", "tail", "--log", url, "--from-index", "-1").err().contains("--from-index"));
    }
}
