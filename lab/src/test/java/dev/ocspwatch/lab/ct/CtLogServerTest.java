package dev.ocspwatch.lab.ct;

import static dev.ocspwatch.lab.ct.CtTestSupport.HEX;
import static dev.ocspwatch.lab.ct.CtTestSupport.der;
import static dev.ocspwatch.lab.ct.CtTestSupport.mth;
import static dev.ocspwatch.lab.ct.CtTestSupport.sha256;
import static dev.ocspwatch.lab.ct.CtTestSupport.spkiSha256;
import static dev.ocspwatch.lab.testing.Futures.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocspwatch.common.ct.Checkpoint;
import dev.ocspwatch.common.ct.CtEntry;
import dev.ocspwatch.common.ct.CtFormatException;
import dev.ocspwatch.common.ct.DataTile;
import dev.ocspwatch.common.ct.ExtraData;
import dev.ocspwatch.common.ct.GetEntriesResponse;
import dev.ocspwatch.common.ct.LoggedCertificate;
import dev.ocspwatch.common.ct.LoggedCertificates;
import dev.ocspwatch.common.ct.MerkleTree;
import dev.ocspwatch.common.ct.RawEntry;
import dev.ocspwatch.common.ct.SignedTreeHead;
import dev.ocspwatch.common.ct.TileLeaf;
import dev.ocspwatch.common.ct.TimestampedEntry;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.pki.SimulatedCa;
import dev.ocspwatch.lab.scenario.Fault;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.world.FaultBook;
import dev.ocspwatch.lab.world.ManualClock;
import dev.ocspwatch.lab.world.WorldTime;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CtLogServerTest {
    private static final Instant START = Instant.parse("2025-06-01T12:00:00Z");
    private static final int ALPHA_SIZE = 300;
    private static final int BETA_SIZE = 20;
    private static final String ALPHA_ORIGIN = "ct.lab.test/alpha2025h2";

    /** What was submitted at one index, written down at submission: the independent expectation. */
    private record Submitted(long index, BigInteger serial, boolean precert, long timestamp, String dnsName,
                             List<String> ocsp, List<String> crl) {
    }

    private static Vertx vertx;
    private static ManualClock clock;
    private static FaultBook faults;
    private static CtTestSupport.Pki pki;
    private static byte[] otherRootDer;
    private static KeyPair alphaKey;
    private static KeyPair betaKey;
    private static SimulatedCtLog alpha;
    private static SimulatedCtLog beta;
    private static final List<Submitted> ALPHA = new ArrayList<>();
    private static CtLogServer server;
    private static HttpClient http;
    private static String issuerSpkiHash;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        clock = new ManualClock(START);
        faults = new FaultBook(new WorldTime(clock, START, healthy()), List.of());
        pki = new CtTestSupport.Pki("CT server test");
        otherRootDer = der(SimulatedCa.root("Other Root", KeyKind.ECDSA_P256, CtTestSupport.CA_NOT_BEFORE, new Random(7)).certificate());
        issuerSpkiHash = HEX.formatHex(spkiSha256(pki.intermediateDer()));
        alphaKey = KeyKind.ECDSA_P256.generate();
        betaKey = KeyKind.ECDSA_P256.generate();
        alpha = new SimulatedCtLog("alpha", alphaKey, clock, Duration.ZERO);
        alpha.origin(ALPHA_ORIGIN);
        beta = new SimulatedCtLog("beta", betaKey, clock, Duration.ZERO);

        // alpha: precertificate then final certificate for each serial, as CAs log them; 300 entries
        for (int k = 0; k < ALPHA_SIZE / 2; k++) {
            BigInteger serial = BigInteger.valueOf(0x10000 + 37L * k);
            String dns = "host-" + k + ".lab.test";
            List<String> ocsp = k % 9 == 0 ? List.of() : List.of("http://ocsp" + (k % 3) + ".lab.test/" + k);
            List<String> crl = k % 5 == 0 ? List.of() : List.of("http://crl.lab.test/" + (k % 4) + ".crl");
            for (boolean precert : new boolean[] {true, false}) {
                X509CertificateHolder certificate = pki.issue(pki.profile(dns, ocsp, crl), serial, precert);
                List<X509CertificateHolder> chain = k % 7 == 0 && !precert ? List.of(pki.intermediate.certificate()) : pki.chain();
                SimulatedCtLog.Submission sct = alpha.submit(certificate, chain, precert);
                ALPHA.add(new Submitted(sct.index(), serial, precert, clock.millis(), dns, ocsp, crl));
                clock.advance(Duration.ofMillis(1001));
            }
        }
        for (int i = 0; i < BETA_SIZE; i++) {
            beta.submit(pki.issue(BigInteger.valueOf(0x20000 + i), i % 4 == 0), pki.chain(), i % 4 == 0);
            clock.advance(Duration.ofMillis(500));
        }
        server = await(CtLogServer.start(vertx, List.of(alpha, beta), Map.of("alpha", 100, "beta", 8),
                List.of(pki.rootDer(), otherRootDer), faults, clock, 0));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static Scenario healthy() throws Exception {
        return Scenario.load(Path.of("../config/scenarios/healthy.yaml"));
    }

    @AfterEach
    void clearFaults() {
        faults.clear(Fault.CtRateLimited.class);
        faults.clear(Fault.CtServerError.class);
        faults.clear(Fault.CtSlow.class);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (vertx != null) {
            await(vertx.close());
        }
    }

    // ---------------------------------------------------------------- HTTP helpers

    private static HttpResponse<byte[]> get(int port, String path, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout)
                .header("Accept-Encoding", "gzip").GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> get(String path) {
        return get(server.port(), path);
    }

    private static HttpResponse<byte[]> get(int port, String path) {
        try {
            return get(port, path, Duration.ofSeconds(10));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] ok(String path) {
        HttpResponse<byte[]> response = get(path);
        assertEquals(200, response.statusCode(), path + ": " + new String(response.body(), StandardCharsets.UTF_8));
        return response.body();
    }

    private static String okText(String path) {
        return new String(ok(path), StandardCharsets.UTF_8);
    }

    private static void assertStatus(int expected, String path) {
        HttpResponse<byte[]> response = get(path);
        assertEquals(expected, response.statusCode(), path + ": " + new String(response.body(), StandardCharsets.UTF_8));
    }

    /** A data tile: asserts it came gzip-compressed, decompresses it and parses it with the common parser. */
    private static List<TileLeaf> dataTile(int port, String log, String tile, int width) throws Exception {
        HttpResponse<byte[]> response = get(port, "/" + log + "/" + tile);
        assertEquals(200, response.statusCode(), tile);
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(null), tile);
        byte[] compressed = response.body();
        assertEquals(0x1f, compressed[0] & 0xff, "gzip magic");
        assertEquals(0x8b, compressed[1] & 0xff, "gzip magic");
        byte[] plain;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            plain = in.readAllBytes();
        }
        return DataTile.parse(plain, width);
    }

    private static List<byte[]> hashTile(String log, String tile) {
        byte[] body = ok("/" + log + "/" + tile);
        assertEquals(0, body.length % 32, tile);
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < body.length; i += 32) {
            hashes.add(Arrays.copyOfRange(body, i, i + 32));
        }
        return hashes;
    }

    /** Every entry of a log through get-entries, asking for the rest each time and taking what comes. */
    private static List<RawEntry> allEntries(String log, long size, int cap) throws CtFormatException {
        List<RawEntry> out = new ArrayList<>();
        while (out.size() < size) {
            List<RawEntry> batch = GetEntriesResponse.parse(okText("/" + log + "/ct/v1/get-entries?start=" + out.size()
                    + "&end=" + (size - 1)));
            assertFalse(batch.isEmpty());
            assertTrue(batch.size() <= cap, "batch of " + batch.size() + " over the cap " + cap);
            out.addAll(batch);
        }
        assertEquals(size, out.size());
        return out;
    }

    private static final List<String> READ_ENDPOINTS = List.of("ct/v1/get-sth", "ct/v1/get-entries?start=0&end=0",
            "ct/v1/get-roots", "checkpoint", "tile/data/000", "tile/data/001.p/44", "tile/0/000", "tile/0/001.p/44");

    private static List<String> readEndpoints() {
        List<String> out = new ArrayList<>(READ_ENDPOINTS);
        out.add("issuer/" + HEX.formatHex(sha256(pki.intermediateDer())));
        return out;
    }

    // ---------------------------------------------------------------- RFC 6962

    @Test
    void getSthVerifiesWithTheLogKeyAndIsTheLogsTreeHead() throws Exception {
        HttpResponse<byte[]> response = get("/alpha/ct/v1/get-sth");
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
        SignedTreeHead sth = SignedTreeHead.fromGetSthJson(new String(response.body(), StandardCharsets.UTF_8));
        assertTrue(sth.verify(alphaKey.getPublic()));
        assertFalse(sth.verify(betaKey.getPublic()));
        assertEquals(alpha.treeHead(), sth);
        assertEquals(ALPHA_SIZE, sth.treeSize());

        SignedTreeHead betaSth = SignedTreeHead.fromGetSthJson(okText("/beta/ct/v1/get-sth"));
        assertEquals(BETA_SIZE, betaSth.treeSize());
        assertTrue(betaSth.verify(betaKey.getPublic()));
        assertFalse(betaSth.verify(alphaKey.getPublic()));
    }

    @Test
    void getEntriesServesWhatWasSubmitted() throws Exception {
        List<RawEntry> entries = allEntries("alpha", ALPHA_SIZE, 100);
        SignedTreeHead sth = SignedTreeHead.fromGetSthJson(okText("/alpha/ct/v1/get-sth"));
        assertArrayEquals(mth(entries.stream().map(e -> CtTestSupport.leafHash(e.leafInput())).toList()), sth.rootHash(),
                "the served leaves are the tree the STH signs");
        Map<String, List<Long>> indexesById = new HashMap<>();
        for (int i = 0; i < ALPHA_SIZE; i++) {
            Submitted expected = ALPHA.get(i);
            LoggedCertificate logged = LoggedCertificates.fromGetEntries(entries.get(i), i);
            assertEquals(issuerSpkiHash + ":" + expected.serial().toString(16), logged.certificateId().toString(), "index " + i);
            assertEquals(expected.serial(), logged.serial());
            assertEquals(issuerSpkiHash, logged.issuerSpkiSha256());
            assertEquals(expected.precert(), logged.precertificate(), "index " + i);
            assertEquals(expected.timestamp(), logged.timestamp(), "index " + i);
            assertEquals(i, logged.logIndex());
            assertEquals(expected.ocsp(), logged.ocspUrls(), "index " + i);
            assertEquals(expected.crl(), logged.crlUrls(), "index " + i);
            assertEquals(List.of(expected.dnsName()), logged.dnsNames());
            assertEquals(CtTestSupport.LEAF_NOT_BEFORE, logged.notBefore());
            assertArrayEquals(pki.intermediateDer(), logged.issuerCertificate());
            indexesById.computeIfAbsent(logged.certificateId().toString(), id -> new ArrayList<>()).add((long) i);
        }
        assertEquals(ALPHA_SIZE / 2, indexesById.size(), "a precertificate and its final certificate share one id");
        indexesById.values().forEach(indexes -> assertEquals(2, indexes.size()));
    }

    @Test
    void getEntriesAnswersHonestlyShortAtTheBatchCap() throws Exception {
        List<RawEntry> capped = GetEntriesResponse.parse(okText("/beta/ct/v1/get-entries?start=3&end=102"));
        assertEquals(8, capped.size(), "beta's cap is 8");
        for (int i = 0; i < capped.size(); i++) {
            TimestampedEntry entry = capped.get(i).leaf().entry();
            assertEquals(3 + i, entry.ctExtensions().leafIndex().getAsLong());
            assertEquals(beta.entries(3 + i, 4 + i).get(0).leaf().entry(), entry);
        }
        List<RawEntry> alphaBatch = GetEntriesResponse.parse(okText("/alpha/ct/v1/get-entries?start=150&end=299"));
        assertEquals(100, alphaBatch.size(), "alpha's cap is 100");
        assertEquals(ALPHA.get(150).timestamp(), alphaBatch.get(0).leaf().entry().timestamp());
        assertEquals(ALPHA.get(249).timestamp(), alphaBatch.get(99).leaf().entry().timestamp());

        List<RawEntry> pastTheEnd = GetEntriesResponse.parse(okText("/beta/ct/v1/get-entries?start=15&end=1000"));
        assertEquals(5, pastTheEnd.size(), "an end past the tree is cut at the tree");
        assertEquals(19, pastTheEnd.get(4).leaf().entry().ctExtensions().leafIndex().getAsLong());
        List<RawEntry> one = GetEntriesResponse.parse(okText("/beta/ct/v1/get-entries?start=19&end=19"));
        assertEquals(1, one.size());
        assertEquals(19, one.get(0).leaf().entry().ctExtensions().leafIndex().getAsLong());
    }

    @ParameterizedTest(name = "get-entries?{0}")
    @ValueSource(strings = {"start=5&end=4", "start=20&end=25", "start=20&end=20", "start=1000&end=2000", "start=-1&end=3",
        "start=abc&end=3", "start=0&end=x", "start=0&end=1.5", "start=0", "end=3", "", "start=&end=", "start=0x1&end=3",
        "start=99999999999999999999&end=3"})
    void getEntriesRejectsBadRangesAndParameters(String query) {
        assertStatus(400, "/beta/ct/v1/get-entries?" + query);
    }

    @Test
    void getRootsListsTheRootsGiven() throws Exception {
        JsonNode roots = new ObjectMapper().readTree(ok("/alpha/ct/v1/get-roots")).get("certificates");
        assertEquals(2, roots.size());
        assertArrayEquals(pki.rootDer(), Base64.getDecoder().decode(roots.get(0).asText()));
        assertArrayEquals(otherRootDer, Base64.getDecoder().decode(roots.get(1).asText()));
        assertEquals(okText("/alpha/ct/v1/get-roots"), okText("/beta/ct/v1/get-roots"));
    }

    // ---------------------------------------------------------------- static-ct-api

    @Test
    void theCheckpointVerifiesAndCarriesTheGetSthTree() throws Exception {
        HttpResponse<byte[]> response = get("/alpha/checkpoint");
        assertEquals(200, response.statusCode());
        Checkpoint checkpoint = Checkpoint.parse(response.body());
        SignedTreeHead sth = SignedTreeHead.fromGetSthJson(okText("/alpha/ct/v1/get-sth"));

        assertEquals(ALPHA_ORIGIN, checkpoint.origin());
        assertEquals(sth.timestamp(), checkpoint.verify(alphaKey.getPublic()));
        assertThrows(Exception.class, () -> checkpoint.verify(betaKey.getPublic()));
        assertEquals(sth.treeSize(), checkpoint.size());
        assertArrayEquals(sth.rootHash(), checkpoint.rootHash());
        assertEquals(sth, checkpoint.toSignedTreeHead(alpha.logId()));

        Checkpoint betaCheckpoint = Checkpoint.parse(ok("/beta/checkpoint"));
        assertEquals("beta", betaCheckpoint.origin());
        assertEquals(BETA_SIZE, betaCheckpoint.size());
        betaCheckpoint.verify(betaKey.getPublic());
    }

    @Test
    void theCheckpointHasTheByteLayoutOfARealStaticCtCheckpoint() throws Exception {
        // the same hand-written reading of c2sp.org/signed-note + RFC6962NoteSignature, applied to the real and the lab's note
        String real = new String(CtTestSupport.vector("static-ct/rome2024h1-checkpoint"), StandardCharsets.UTF_8);
        PublicKey romeKey = pemKey(new String(CtTestSupport.vector("static-ct/rome2024h1-pubkey.pem"), StandardCharsets.US_ASCII));
        assertEquals(115474666L, readNote(real, "rome.ct.filippo.io/2024h1", romeKey)[0]);

        String lab = okText("/alpha/checkpoint");
        long[] sizeAndTimestamp = readNote(lab, ALPHA_ORIGIN, alphaKey.getPublic());
        assertEquals(ALPHA_SIZE, sizeAndTimestamp[0]);
        assertEquals(alpha.treeHead().timestamp(), sizeAndTimestamp[1]);
        // and both parse with the code that reads the real one
        Checkpoint.parse(real);
        Checkpoint.parse(lab);
    }

    /** Reads a checkpoint by hand; returns {size, signature timestamp} after checking the signature with the JDK. */
    private static long[] readNote(String note, String origin, PublicKey key) throws Exception {
        String[] lines = note.split("\n", -1);
        assertEquals(6, lines.length, note);
        assertEquals(origin, lines[0]);
        assertTrue(lines[1].matches("0|[1-9][0-9]*"));
        long size = Long.parseLong(lines[1]);
        byte[] root = Base64.getDecoder().decode(lines[2]);
        assertEquals(32, root.length);
        assertEquals("", lines[3]);
        assertEquals("", lines[5], "the note ends with a newline");
        String prefix = "\u2014 " + origin + " ";
        assertTrue(lines[4].startsWith(prefix), lines[4]);
        ByteBuffer signature = ByteBuffer.wrap(Base64.getDecoder().decode(lines[4].substring(prefix.length())));
        byte[] keyId = new byte[4];
        signature.get(keyId);
        byte[] logId = sha256(key.getEncoded());
        byte[] expectedKeyId = Arrays.copyOf(sha256((origin + "\n").getBytes(StandardCharsets.UTF_8), new byte[] {0x05}, logId), 4);
        assertArrayEquals(expectedKeyId, keyId, "key ID = SHA-256(origin || 0x0A || 0x05 || log ID)[:4]");
        long timestamp = signature.getLong();
        assertEquals(4, signature.get(), "sha256");
        assertEquals(3, signature.get(), "ecdsa");
        byte[] der = new byte[signature.getShort() & 0xffff];
        signature.get(der);
        assertFalse(signature.hasRemaining());
        byte[] signed = ByteBuffer.allocate(50).put((byte) 0).put((byte) 1).putLong(timestamp).putLong(size).put(root).array();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key);
        verifier.update(signed);
        assertTrue(verifier.verify(der), "the RFC 6962 tree head signature over the note's size and root");
        return new long[] {size, timestamp};
    }

    private static PublicKey pemKey(String pem) throws Exception {
        byte[] spki = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
    }

    @Test
    void dataTilesAreTheEntriesAndHashTilesTheirLeafHashes() throws Exception {
        int port = server.port();
        List<TileLeaf> full = dataTile(port, "alpha", "tile/data/000", 256);
        List<TileLeaf> partial = dataTile(port, "alpha", "tile/data/001.p/44", 44);
        List<TileLeaf> leaves = new ArrayList<>(full);
        leaves.addAll(partial);
        List<byte[]> level0 = new ArrayList<>(hashTile("alpha", "tile/0/000"));
        assertEquals(256, level0.size());
        List<byte[]> partialLevel0 = hashTile("alpha", "tile/0/001.p/44");
        assertEquals(44, partialLevel0.size());
        level0.addAll(partialLevel0);

        List<RawEntry> entries = allEntries("alpha", ALPHA_SIZE, 100);
        List<byte[]> leafHashes = new ArrayList<>();
        for (int i = 0; i < ALPHA_SIZE; i++) {
            TileLeaf leaf = leaves.get(i);
            byte[] leafHash = CtTestSupport.leafHash(concatLeaf(leaf.entry().encode()));
            assertArrayEquals(leafHash, level0.get(i), "level-0 hash " + i);
            assertArrayEquals(leaf.leafHash(), level0.get(i));
            assertArrayEquals(entries.get(i).leafHash(), leafHash, "get-entries and the tile hold the same leaf " + i);
            assertEquals(i, leaf.entry().ctExtensions().leafIndex().getAsLong());
            assertEquals(ALPHA.get(i).timestamp(), leaf.entry().timestamp());
            assertEquals(ALPHA.get(i).precert(), leaf.entry().precert());
            if (leaf.entry().entry() instanceof CtEntry.PrecertEntry precert) {
                assertArrayEquals(ExtraData.parse(entries.get(i).extraData(), precert).preCertificate(), leaf.preCertificate());
            } else {
                assertNull(leaf.preCertificate());
            }
            leafHashes.add(leafHash);
        }
        Checkpoint checkpoint = Checkpoint.parse(ok("/alpha/checkpoint"));
        assertEquals(ALPHA_SIZE, checkpoint.size());
        assertArrayEquals(mth(leafHashes), checkpoint.rootHash(), "the tiles' leaves are exactly the checkpoint's tree");
        assertArrayEquals(MerkleTree.rootHash(leafHashes), checkpoint.rootHash());

        // level 1: hash 0 is the tree hash of the first full level-0 tile, and only it exists in a tree of 300
        List<byte[]> level1 = hashTile("alpha", "tile/1/000.p/1");
        assertEquals(1, level1.size());
        assertArrayEquals(mth(leafHashes.subList(0, 256)), level1.get(0));

        // beta holds fewer than 256: one partial tile
        List<TileLeaf> betaTile = dataTile(port, "beta", "tile/data/000.p/20", 20);
        assertArrayEquals(Checkpoint.parse(ok("/beta/checkpoint")).rootHash(), mth(betaTile.stream().map(TileLeaf::leafHash).toList()));
    }

    private static byte[] concatLeaf(byte[] timestampedEntry) {
        byte[] out = new byte[2 + timestampedEntry.length]; // MerkleTreeLeaf: v1(0), timestamped_entry(0)
        System.arraycopy(timestampedEntry, 0, out, 2, timestampedEntry.length);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"alpha/tile/data/001", "alpha/tile/data/001.p/45", "alpha/tile/data/002.p/1", "alpha/tile/0/001",
        "alpha/tile/0/001.p/45", "alpha/tile/1/000", "alpha/tile/1/000.p/2", "alpha/tile/2/000.p/1", "alpha/tile/data/x001/000",
        "alpha/tile/data/x072/x057/x594/x037/x927/936", "alpha/tile/0/x072/x057/x594/x037/x927/936",
        "alpha/tile/data/x999/x999/x999/x999/x999/999.p/1", "beta/tile/data/000", "beta/tile/data/000.p/21"})
    void aTileBeyondTheTreeIs404(String path) {
        assertStatus(404, "/" + path);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tile/data/x000/001", "tile/data/0000", "tile/data/01", "tile/00/000", "tile/01/000",
        "tile/data/000.p/0", "tile/data/000.p/256", "tile/data/000.p/044", "tile/data/000.p/", "tile/6/000",
        "tile/data/-01", "tile/0/x001", "tile/data/000/", "tile/data/x001/x000", "tile/DATA/000", "tile/0/000.p/1/2"})
    void aMalformedTilePathIs400(String tile) {
        assertStatus(400, "/alpha/" + tile);
    }

    @Test
    void theIssuerEndpointServesTheDerThatHashesToItsFingerprint() throws Exception {
        for (byte[] issuer : List.of(pki.intermediateDer(), pki.rootDer())) {
            String fingerprint = HEX.formatHex(sha256(issuer));
            HttpResponse<byte[]> response = get("/alpha/issuer/" + fingerprint);
            assertEquals(200, response.statusCode());
            assertEquals(fingerprint, HEX.formatHex(sha256(response.body())));
            assertArrayEquals(issuer, response.body());
        }
        assertStatus(404, "/alpha/issuer/" + HEX.formatHex(sha256(otherRootDer)));
        assertStatus(404, "/alpha/issuer/" + HEX.formatHex(new byte[32]));
        assertStatus(404, "/alpha/issuer/");
        assertStatus(404, "/alpha/issuer/not-hex");
    }

    @Test
    void everyChainFingerprintOfTheTilesResolvesThroughTheIssuerEndpoint() throws Exception {
        Set<String> fingerprints = new LinkedHashSet<>();
        int port = server.port();
        for (TileLeaf leaf : concat(dataTile(port, "alpha", "tile/data/000", 256), dataTile(port, "alpha", "tile/data/001.p/44", 44))) {
            assertFalse(leaf.chainFingerprints().isEmpty());
            fingerprints.addAll(leaf.chainFingerprintsHex());
        }
        assertEquals(Set.of(HEX.formatHex(sha256(pki.intermediateDer())), HEX.formatHex(sha256(pki.rootDer()))), fingerprints);
        for (String fingerprint : fingerprints) {
            assertEquals(fingerprint, HEX.formatHex(sha256(ok("/alpha/issuer/" + fingerprint))));
        }
    }

    @Test
    void bothApisServeTheSameEntries() throws Exception {
        int port = server.port();
        List<TileLeaf> leaves = concat(dataTile(port, "alpha", "tile/data/000", 256), dataTile(port, "alpha", "tile/data/001.p/44", 44));
        List<RawEntry> entries = allEntries("alpha", ALPHA_SIZE, 100);
        List<String> fetched = new ArrayList<>();
        for (int i = 0; i < ALPHA_SIZE; i++) {
            LoggedCertificate fromTile = LoggedCertificates.fromTileLeaf(leaves.get(i), i, fingerprint -> {
                fetched.add(fingerprint);
                HttpResponse<byte[]> response = get("/alpha/issuer/" + fingerprint);
                return response.statusCode() == 200 ? response.body() : null;
            });
            LoggedCertificate fromGetEntries = LoggedCertificates.fromGetEntries(entries.get(i), i);
            assertEquals(fromGetEntries, fromTile, "index " + i);
            assertEquals(ALPHA.get(i).serial(), fromTile.serial());
        }
        assertFalse(fetched.isEmpty(), "issuers came over HTTP");
    }

    @Test
    void anUnknownLogOrEndpointIs404() {
        assertStatus(404, "/gamma/ct/v1/get-sth");
        assertStatus(404, "/gamma/checkpoint");
        assertStatus(404, "/alpha");
        assertStatus(404, "/");
        assertStatus(404, "/alpha/");
        assertStatus(404, "/alpha/ct/v1/get-proof-by-hash");
        assertStatus(404, "/ALPHA/ct/v1/get-sth");
    }

    @Test
    void mergeDelayKeepsEntriesOutOfEveryEndpointUntilMerged() throws Exception {
        ManualClock ownClock = new ManualClock(START);
        FaultBook noFaults = new FaultBook(new WorldTime(ownClock, START, healthy()), List.of());
        KeyPair key = KeyKind.ECDSA_P256.generate();
        SimulatedCtLog delayed = new SimulatedCtLog("delayed", key, ownClock, Duration.ofSeconds(60));
        for (int i = 0; i < 3; i++) {
            delayed.submit(pki.issue(BigInteger.valueOf(0x30000 + i), i == 1), pki.chain(), i == 1);
            ownClock.advance(Duration.ofSeconds(1));
        }
        try (CtLogServer own = await(CtLogServer.start(vertx, List.of(delayed), Map.of(), List.of(pki.rootDer()), noFaults, ownClock, 0))) {
            int port = own.port();
            SignedTreeHead empty = SignedTreeHead.fromGetSthJson(new String(get(port, "/delayed/ct/v1/get-sth").body(), StandardCharsets.UTF_8));
            assertEquals(0, empty.treeSize());
            assertTrue(empty.verify(key.getPublic()));
            assertArrayEquals(sha256(), empty.rootHash());
            assertEquals(400, get(port, "/delayed/ct/v1/get-entries?start=0&end=2").statusCode());
            assertEquals(404, get(port, "/delayed/tile/data/000.p/1").statusCode());
            assertEquals(404, get(port, "/delayed/tile/0/000.p/1").statusCode());
            assertEquals(0, Checkpoint.parse(get(port, "/delayed/checkpoint").body()).size());

            ownClock.set(START.plusSeconds(61)); // the first two are merged, the third (submitted at +2 s) is not
            assertEquals(2, Checkpoint.parse(get(port, "/delayed/checkpoint").body()).size());
            assertEquals(2, GetEntriesResponse.parse(new String(get(port, "/delayed/ct/v1/get-entries?start=0&end=2").body(),
                    StandardCharsets.UTF_8)).size());
            assertEquals(404, get(port, "/delayed/tile/data/000.p/3").statusCode());

            ownClock.set(START.plusSeconds(62));
            SignedTreeHead merged = SignedTreeHead.fromGetSthJson(new String(get(port, "/delayed/ct/v1/get-sth").body(), StandardCharsets.UTF_8));
            assertEquals(3, merged.treeSize());
            assertTrue(merged.verify(key.getPublic()));
            List<TileLeaf> tile = dataTile(port, "delayed", "tile/data/000.p/3", 3);
            assertArrayEquals(merged.rootHash(), mth(tile.stream().map(TileLeaf::leafHash).toList()));
        }
    }

    // ---------------------------------------------------------------- faults

    @Test
    void rateLimitingAnswers429WithRetryAfterInWholeSecondsOnEveryReadEndpoint() {
        faults.set(new Fault.CtRateLimited("alpha", Duration.ofSeconds(7), null, null));
        for (String endpoint : readEndpoints()) {
            HttpResponse<byte[]> response = get("/alpha/" + endpoint);
            assertEquals(429, response.statusCode(), endpoint);
            assertEquals("7", response.headers().firstValue("Retry-After").orElse(null), endpoint);
            assertFalse(response.headers().firstValue("Content-Encoding").isPresent(), endpoint);
        }
        assertEquals(200, get("/beta/ct/v1/get-sth").statusCode(), "a fault for alpha leaves beta alone");
        assertFalse(get("/beta/ct/v1/get-sth").headers().firstValue("Retry-After").isPresent());

        faults.clear(Fault.CtRateLimited.class);
        faults.set(new Fault.CtRateLimited("alpha", Duration.ofMillis(300), null, null));
        assertEquals("1", get("/alpha/checkpoint").headers().firstValue("Retry-After").orElse(null), "never 0 seconds");
        faults.clear(Fault.CtRateLimited.class);
        faults.set(new Fault.CtRateLimited("alpha", Duration.ofMillis(1500), null, null));
        assertEquals("2", get("/alpha/checkpoint").headers().firstValue("Retry-After").orElse(null),
                "rounded up: a client told 1 s would come back early");

        faults.clear(Fault.CtRateLimited.class);
        faults.set(new Fault.CtRateLimited(null, null, null, null));
        assertEquals(429, get("/beta/ct/v1/get-sth").statusCode(), "a fault for every log");
        assertEquals("1", get("/alpha/ct/v1/get-sth").headers().firstValue("Retry-After").orElse(null), "the default is 1 s");

        faults.clear(Fault.CtRateLimited.class);
        for (String endpoint : readEndpoints()) {
            assertEquals(200, get("/alpha/" + endpoint).statusCode(), endpoint);
        }
    }

    @Test
    void serverErrorAnswers500OnEveryReadEndpoint() {
        faults.set(new Fault.CtServerError("alpha", null, null));
        for (String endpoint : readEndpoints()) {
            assertEquals(500, get("/alpha/" + endpoint).statusCode(), endpoint);
        }
        assertEquals(200, get("/beta/checkpoint").statusCode(), "a fault for alpha leaves beta alone");
        assertEquals(200, get("/beta/ct/v1/get-entries?start=0&end=3").statusCode());

        faults.clear(Fault.CtServerError.class);
        faults.set(new Fault.CtServerError(null, null, null));
        assertEquals(500, get("/beta/checkpoint").statusCode());
        faults.clear(Fault.CtServerError.class);
        for (String endpoint : readEndpoints()) {
            assertEquals(200, get("/alpha/" + endpoint).statusCode(), endpoint);
        }
    }

    @Test
    void slowAnswersArriveOnlyAfterTheDelay() throws Exception {
        Duration delay = Duration.ofMillis(1200);
        Duration shortTimeout = Duration.ofMillis(400);
        assertEquals(200, get(server.port(), "/beta/ct/v1/get-sth", shortTimeout).statusCode(), "warm: well within the short timeout");
        faults.set(new Fault.CtSlow("alpha", delay, null, null));

        assertThrows(HttpTimeoutException.class, () -> get(server.port(), "/alpha/ct/v1/get-sth", shortTimeout));
        assertEquals(200, get(server.port(), "/beta/ct/v1/get-sth", shortTimeout).statusCode(), "beta is not slowed");

        long started = System.nanoTime();
        HttpResponse<byte[]> slow = get(server.port(), "/alpha/checkpoint", Duration.ofSeconds(10));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(200, slow.statusCode());
        assertTrue(elapsedMillis >= delay.toMillis() - 5, "answered after " + elapsedMillis + " ms");
        assertEquals(ALPHA_SIZE, Checkpoint.parse(slow.body()).size(), "a slow answer is still a full answer");

        faults.clear(Fault.CtSlow.class);
        assertEquals(200, get(server.port(), "/alpha/ct/v1/get-sth", shortTimeout).statusCode());
    }

    @Test
    void aFaultWindowIsReadOnTheServersClock() throws Exception {
        ManualClock ownClock = new ManualClock(START);
        Scenario scenario = healthy(); // deadline PT20S: one story minute is 20/15 s of real time
        FaultBook book = new FaultBook(new WorldTime(ownClock, START, scenario),
                List.of(new Fault.CtServerError("windowed", Duration.ofMinutes(1), Duration.ofMinutes(2))));
        SimulatedCtLog log = new SimulatedCtLog("windowed", KeyKind.ECDSA_P256.generate(), ownClock, Duration.ZERO);
        try (CtLogServer own = await(CtLogServer.start(vertx, List.of(log), Map.of(), List.of(), book, ownClock, 0))) {
            assertEquals(200, get(own.port(), "/windowed/checkpoint").statusCode());
            ownClock.set(START.plusMillis(1333));
            assertEquals(200, get(own.port(), "/windowed/checkpoint").statusCode(), "just before story minute 1");
            ownClock.set(START.plusMillis(1334));
            assertEquals(500, get(own.port(), "/windowed/checkpoint").statusCode());
            ownClock.set(START.plusMillis(2666));
            assertEquals(500, get(own.port(), "/windowed/checkpoint").statusCode());
            ownClock.set(START.plusMillis(2667));
            assertEquals(200, get(own.port(), "/windowed/checkpoint").statusCode(), "the window has closed");
        }
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        List<T> out = new ArrayList<>();
        for (List<T> list : lists) {
            out.addAll(list);
        }
        return out;
    }

    @Test
    void theServedTreeHeadChangesWhenTheLogGrows() throws Exception {
        // a log that grows after the server started: every endpoint follows it
        ManualClock ownClock = new ManualClock(START);
        FaultBook book = new FaultBook(new WorldTime(ownClock, START, healthy()), List.of());
        KeyPair key = KeyKind.ECDSA_P256.generate();
        SimulatedCtLog log = new SimulatedCtLog("growing", key, ownClock, Duration.ZERO);
        try (CtLogServer own = await(CtLogServer.start(vertx, List.of(log), Map.of(), List.of(), book, ownClock, 0))) {
            SignedTreeHead before = SignedTreeHead.fromGetSthJson(new String(get(own.port(), "/growing/ct/v1/get-sth").body(),
                    StandardCharsets.UTF_8));
            assertEquals(0, before.treeSize());
            log.submit(pki.issue(BigInteger.valueOf(0x40000), false), pki.chain(), false);
            ownClock.advance(Duration.ofSeconds(1));
            SignedTreeHead after = SignedTreeHead.fromGetSthJson(new String(get(own.port(), "/growing/ct/v1/get-sth").body(),
                    StandardCharsets.UTF_8));
            assertEquals(1, after.treeSize());
            assertNotEquals(before.timestamp(), after.timestamp());
            assertTrue(after.verify(key.getPublic()));
            assertEquals(1, dataTile(own.port(), "growing", "tile/data/000.p/1", 1).size());
        }
    }
}
