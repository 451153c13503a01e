package dev.ocspwatch.agent.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.agent.testing.Signal;
import dev.ocspwatch.common.ct.Checkpoint;
import dev.ocspwatch.common.ct.DataTile;
import dev.ocspwatch.common.ct.LogId;
import dev.ocspwatch.common.ct.LogKey;
import dev.ocspwatch.common.ct.MerkleTree;
import dev.ocspwatch.common.ct.SignedTreeHead;
import dev.ocspwatch.common.ct.TileLeaf;
import dev.ocspwatch.lab.ct.SimulatedCtLog;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.scenario.Fault;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The static-ct-api follower against the lab's log over real HTTP, and against real tiles and a real checkpoint. */
class TiledFollowerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration LONG_AGO = Duration.ofHours(1);
    private static final Pattern DATA_TILE = Pattern.compile("tile/data/(\\d{3})(?:\\.p/(\\d+))?$");

    static Vertx vertx;
    static TestCa ca;
    Followers followers;
    final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        vertx = Vertx.vertx();
        ca = new TestCa("tiled-ca", 63);
    }

    @AfterAll
    static void tearDown() {
        LogProxy.join(vertx.close());
    }

    @BeforeEach
    void startFollowers() {
        followers = new Followers(vertx);
    }

    @AfterEach
    void stopAll() throws Exception {
        followers.close();
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private LabLog lab(String name) {
        LabLog lab = LabLog.start(vertx, name, 64);
        resources.add(lab);
        return lab;
    }

    private static FollowerSettings settings(int parallel, Duration partialTileMaxAge, int maxRetries) {
        return Followers.settings(64, parallel, partialTileMaxAge, maxRetries);
    }

    /** Data-tile requests in arrival order: {tile, width} (width 256 for a full tile). */
    private static List<int[]> dataTiles(LabLog lab) {
        return lab.proxy.seen(s -> s.is("tile/data/")).stream().sorted(Comparator.comparingLong(LogProxy.Seen::arrived)).map(s -> {
            Matcher m = DATA_TILE.matcher(s.uri());
            assertTrue(m.find(), s.uri());
            return new int[] {Integer.parseInt(m.group(1)), m.group(2) == null ? 256 : Integer.parseInt(m.group(2))};
        }).toList();
    }

    private static void assertNoTileFetchedTwice(LabLog lab) {
        Map<String, Integer> counts = lab.proxy.countsByUri("tile/data/");
        counts.forEach((uri, n) -> assertEquals(1, n, uri + " fetched " + n + " times: " + counts));
    }

    /** A data tile of the lab log's entries [first, first + width), as the log would serve it, before gzip. */
    private static byte[] tileBytes(LabLog lab, long first, int width) {
        return DataTile.encode(lab.log.entries(first, first + width).stream().map(SimulatedCtLog.LogEntry::tileLeaf).toList());
    }

    @Test
    void handsOverEveryIndexExactlyOnceAcrossFullAndPartialTilesWhileEntriesKeepArriving() {
        LabLog lab = lab("tiled-stream");
        RecordingSink sink = new RecordingSink();
        followers.start(lab.ctLog(CtApi.STATIC), settings(4, Duration.ofMillis(40), 3), 0, sink);
        Random random = new Random(12);
        for (int round = 0; round < 25; round++) {
            List<LabLog.Submitted> added = lab.submitPrecerts(ca, 1 + random.nextInt(60));
            lab.submit(ca, added.get(0).serial(), false);
            long polls = lab.proxy.count("/checkpoint");
            Signal.await(() -> lab.proxy.count("/checkpoint") > polls, WAIT, "another checkpoint");
        }
        sink.awaitEnd(lab.size(), WAIT);

        sink.assertExactlyOnce(0, lab.size());
        sink.assertMatches(lab);
        assertEquals(lab.size(), sink.certificates().size());
        assertTrue(sink.entryRejects().isEmpty() && sink.treeRejects().isEmpty(), sink.entryRejects() + " " + sink.treeRejects());
        assertTrue(lab.size() > 512, "crossed two tile boundaries: " + lab.size());
        assertNoTileFetchedTwice(lab);
        Map<Integer, List<Integer>> widths = new LinkedHashMap<>();
        dataTiles(lab).forEach(t -> widths.computeIfAbsent(t[0], k -> new ArrayList<>()).add(t[1]));
        widths.forEach((tile, list) -> {
            for (int i = 1; i < list.size(); i++) {
                assertTrue(list.get(i) > list.get(i - 1), "tile " + tile + " widths only grow: " + list);
            }
        });
        assertEquals(256, widths.get(0).get(widths.get(0).size() - 1), "tile 0 ends fetched full");
        assertEquals(256, widths.get(1).get(widths.get(1).size() - 1), "tile 1 ends fetched full");
        for (String fingerprint : LabLog.issuerFingerprints(ca)) {
            assertEquals(1, lab.proxy.count("issuer/" + fingerprint), "issuer " + fingerprint + " fetched once");
        }
    }

    @Test
    void startsAtTheLogsHeadUnlessGivenAStartIndex() {
        LabLog lab = lab("tiled-head");
        lab.submitPrecerts(ca, 300);
        RecordingSink atHead = new RecordingSink();
        RecordingSink fromIndex = new RecordingSink();
        LogFollower head = followers.start(lab.ctLog(CtApi.STATIC), settings(2, Duration.ofMillis(40), 3), LogFollower.AT_HEAD,
                atHead);
        followers.start(lab.ctLog(CtApi.STATIC), settings(2, Duration.ofMillis(40), 3), 100, fromIndex);
        Signal.await(() -> head.nextIndex() == 300 && fromIndex.end() == 300, WAIT, "both at 300");
        assertTrue(atHead.batches().isEmpty(), atHead.batches().toString());

        lab.submitPrecerts(ca, 20);
        atHead.awaitEnd(320, WAIT);
        fromIndex.awaitEnd(320, WAIT);
        atHead.assertExactlyOnce(300, 320);
        fromIndex.assertExactlyOnce(100, 320);
        atHead.assertMatches(lab);
        fromIndex.assertMatches(lab);
    }

    @Test
    void fetchesAPartialTileOnlyOnceItStayedPartialLongEnoughAndNeverTheSameWidthTwice() {
        Duration maxAge = Duration.ofMillis(600);
        LabLog lab = lab("tiled-partial");
        lab.submitPrecerts(ca, 5);
        RecordingSink sink = new RecordingSink();
        followers.start(lab.ctLog(CtApi.STATIC), settings(2, maxAge, 3), 0, sink);
        sink.awaitEnd(5, WAIT);
        long firstCheckpoint = lab.proxy.seen(s -> s.is("/checkpoint")).stream().mapToLong(LogProxy.Seen::arrived).min().orElseThrow();
        LogProxy.Seen p5 = lab.proxy.seen(s -> s.is("tile/data/000.p/5")).get(0);
        assertTrue(p5.arrived() - firstCheckpoint >= maxAge.toNanos(), "tile 000.p/5 fetched "
                + Duration.ofNanos(p5.arrived() - firstCheckpoint).toMillis() + " ms after the size was first seen");

        // The tile stays at width 5 for more than twice the bound: polled often, fetched never again.
        long until = p5.answered() + maxAge.multipliedBy(2).toNanos();
        Signal.await(() -> lab.proxy.seen(s -> s.is("/checkpoint") && s.arrived() > until).size() >= 1, WAIT, "polls past 2x the bound");
        assertEquals(1, lab.proxy.count("tile/data/000.p/5"));
        assertTrue(lab.proxy.seen(s -> s.is("/checkpoint") && s.arrived() > p5.answered()).size() >= 10, "it kept polling");

        lab.submitPrecerts(ca, 3);
        sink.awaitEnd(8, WAIT);
        LogProxy.Seen p8 = lab.proxy.seen(s -> s.is("tile/data/000.p/8")).get(0);
        long grewAt = lab.proxy.seen(s -> s.is("/checkpoint") && s.arrived() > until).stream().mapToLong(LogProxy.Seen::arrived)
                .min().orElseThrow();
        assertTrue(p8.arrived() - p5.answered() >= maxAge.toNanos(), "the rest of the tile waits its turn again");
        assertTrue(p8.arrived() >= grewAt);

        lab.submitPrecerts(ca, 256 - 8);
        sink.awaitEnd(256, WAIT);
        sink.assertExactlyOnce(0, 256);
        sink.assertMatches(lab);
        assertEquals(Map.of("000.p/5", 1, "000.p/8", 1, "000", 1), lab.proxy.countsByUri("tile/data/").entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().substring(e.getKey().indexOf("tile/data/") + 10), Map.Entry::getValue)));
    }

    @Test
    void leavesAYoungPartialTileAloneAndReadsTheFullTiles() {
        LabLog lab = lab("tiled-young");
        lab.submitPrecerts(ca, 300);
        RecordingSink sink = new RecordingSink();
        LogFollower follower = followers.start(lab.ctLog(CtApi.STATIC), settings(2, LONG_AGO, 3), 0, sink);
        sink.awaitEnd(256, WAIT);
        long polls = lab.proxy.count("/checkpoint");
        Signal.await(() -> lab.proxy.count("/checkpoint") >= polls + 10, WAIT, "ten more polls");

        assertEquals(256, follower.nextIndex());
        assertEquals(300, follower.treeSize());
        sink.assertExactlyOnce(0, 256);
        assertEquals(0, lab.proxy.count(".p/"), "no partial tile requested: " + lab.proxy.countsByUri("tile/"));
    }

    @Test
    void waitsAsRetryAfterSaysOn429AndBacksOffOn500ThenRecovers() {
        LabLog lab = lab("tiled-faults");
        lab.submitPrecerts(ca, 600);
        lab.faults.set(new Fault.CtRateLimited(lab.name, Duration.ofSeconds(2), null, null));
        RecordingSink sink = new RecordingSink();
        AtomicBoolean armed = new AtomicBoolean();
        sink.gate(batch -> {
            if (!armed.getAndSet(true)) {
                lab.faults.set(new Fault.CtServerError(lab.name, null, null));
            }
            return Future.succeededFuture();
        });
        followers.start(lab.ctLog(CtApi.STATIC), settings(1, Duration.ofMillis(40), 3), 0, sink);
        Signal.await(() -> !lab.proxy.seen(s -> s.status() == 429).isEmpty(), WAIT, "a 429");
        lab.faults.clear(Fault.CtRateLimited.class);
        Signal.await(() -> !lab.proxy.seen(s -> s.status() == 500).isEmpty(), WAIT, "a 500");
        lab.faults.clear(Fault.CtServerError.class);
        sink.awaitEnd(600, WAIT);

        LogProxy.Seen limited = lab.proxy.seen(s -> s.status() == 429).get(0);
        assertTrue(limited.is("/checkpoint"), limited.uri());
        LogProxy.Seen error = lab.proxy.seen(s -> s.status() == 500).get(0);
        assertTrue(error.is("tile/data/001"), error.uri());
        assertEquals(1, lab.proxy.seen(s -> s.status() == 429).size());
        assertTrue(nextArrival(lab, limited) - limited.answered() >= Duration.ofSeconds(2).toNanos(), "Retry-After honoured");
        assertTrue(nextArrival(lab, error) - error.answered() >= Duration.ofSeconds(1).toNanos(), "backed off after a 500");
        sink.assertExactlyOnce(0, 600);
        sink.assertMatches(lab);
    }

    private static long nextArrival(LabLog lab, LogProxy.Seen after) {
        return lab.proxy.seen(s -> s.arrived() > after.answered()).stream().mapToLong(LogProxy.Seen::arrived).min().orElseThrow();
    }

    @Test
    void refusesACheckpointSignedByAnotherKey() throws Exception {
        LabLog lab = lab("tiled-foreign");
        lab.submitPrecerts(ca, 10);
        SignedTreeHead forged = SignedTreeHead.sign(10, System.currentTimeMillis(), MerkleTree.rootHash(lab.log.leafHashes()),
                KeyKind.ECDSA_P256.generate().getPrivate());
        String checkpoint = Checkpoint.fromSignedTreeHead(lab.log.origin(), lab.log.logId(), forged).format();
        lab.proxy.override(uri -> uri.endsWith("/checkpoint") ? LogProxy.Reply.of(200, checkpoint) : null);
        RecordingSink sink = new RecordingSink();
        LogFollower follower = followers.start(lab.ctLog(CtApi.STATIC), settings(2, Duration.ofMillis(40), 3), 0, sink);
        Signal.await(() -> sink.treeRejects("checkpoint-signature") >= 1, WAIT, "a checkpoint-signature reject");

        assertEquals(-1, follower.treeSize());
        assertEquals(0, lab.proxy.count("tile/"), "no tile read under a forged checkpoint");
        lab.proxy.override(null);
        sink.awaitEnd(10, WAIT);
        sink.assertExactlyOnce(0, 10);
    }

    @Test
    void refusesACheckpointForAnotherOrigin() {
        LabLog lab = lab("tiled-origin");
        lab.submitPrecerts(ca, 10);
        CtLog real = lab.ctLog(CtApi.STATIC);
        CtLog elsewhere = new CtLog(real.name(), real.logId(), real.key(), CtApi.STATIC, real.url(), "ct.example.org/other-log");
        RecordingSink sink = new RecordingSink();
        LogFollower follower = followers.start(elsewhere, settings(2, Duration.ofMillis(40), 3), 0, sink);
        Signal.await(() -> sink.treeRejects("checkpoint-signature") >= 1, WAIT, "a checkpoint-signature reject");

        assertTrue(sink.treeRejects().get(0).detail().contains("ct.example.org/other-log"), sink.treeRejects().toString());
        assertEquals(-1, follower.treeSize());
        assertEquals(0, lab.proxy.count("tile/"));
        assertTrue(sink.batches().isEmpty());
    }

    @Test
    void refusesACheckpointThatShrinks() throws Exception {
        LabLog lab = lab("tiled-shrink");
        lab.submitPrecerts(ca, 256);
        RecordingSink sink = new RecordingSink();
        LogFollower follower = followers.start(lab.ctLog(CtApi.STATIC), settings(2, Duration.ofMillis(40), 3), 0, sink);
        sink.awaitEnd(256, WAIT);
        SignedTreeHead smaller = SignedTreeHead.sign(200, System.currentTimeMillis(),
                MerkleTree.rootHash(lab.log.leafHashes().subList(0, 200)), lab.log.key().getPrivate());
        String checkpoint = Checkpoint.fromSignedTreeHead(lab.log.origin(), lab.log.logId(), smaller).format();
        lab.proxy.override(uri -> uri.endsWith("/checkpoint") ? LogProxy.Reply.of(200, checkpoint) : null);
        Signal.await(() -> sink.treeRejects("tree-shrank") >= 2, WAIT, "tree-shrank rejects");

        assertEquals(256, follower.treeSize());
        assertEquals(256, follower.nextIndex());
        lab.submitPrecerts(ca, 4);
        lab.proxy.override(null);
        sink.awaitEnd(260, WAIT);
        sink.assertExactlyOnce(0, 260);
        assertEquals(1, lab.proxy.count("tile/data/000"), "the full tile is not read again");
    }

    @Test
    void retriesATruncatedTileThenRejectsExactlyItsIndexesAndGoesOn() {
        LabLog lab = lab("tiled-truncated");
        lab.submitPrecerts(ca, 520);
        byte[] truncated = tileBytes(lab, 0, 255);
        lab.proxy.override(uri -> uri.endsWith("tile/data/000") ? LogProxy.Reply.gzipped(truncated) : null);
        RecordingSink sink = new RecordingSink();
        followers.start(lab.ctLog(CtApi.STATIC), settings(1, LONG_AGO, 1), 0, sink);
        sink.awaitEnd(512, WAIT);

        sink.assertExactlyOnce(0, 512);
        assertEquals(2, lab.proxy.count("tile/data/000"), "tried again once (maxRetriesPerIndex 1), then given up");
        List<Reject> rejects = sink.entryRejects();
        assertEquals(LongStream.range(0, 256).boxed().toList(), rejects.stream().map(Reject::index).toList());
        assertTrue(rejects.stream().allMatch(r -> r.reason().equals("unreadable-tile")), rejects.get(0).toString());
        assertEquals(LongStream.range(256, 512).boxed().collect(Collectors.toSet()), sink.certificates().keySet());
        sink.assertMatches(lab);
    }

    @Test
    void rejectsATileThatIsAlwaysTooLargeAndGoesOn() {
        LabLog lab = lab("tiled-oversized");
        lab.submitPrecerts(ca, 300);
        byte[] huge = new byte[600_000];
        lab.proxy.override(uri -> uri.endsWith("tile/data/000")
                ? new LogProxy.Reply(200, Map.of("Content-Type", "application/octet-stream"), huge) : null);
        RecordingSink sink = new RecordingSink();
        followers.start(lab.ctLog(CtApi.STATIC), settings(1, Duration.ofMillis(40), 1), 0, sink, Duration.ofSeconds(5), 512 * 1024);
        sink.awaitEnd(300, WAIT);

        sink.assertExactlyOnce(0, 300);
        List<Reject> rejects = sink.entryRejects();
        assertEquals(LongStream.range(0, 256).boxed().toList(), rejects.stream().map(Reject::index).toList());
        assertTrue(rejects.stream().allMatch(r -> r.reason().equals("unreadable-tile") && r.detail().contains("exceeds")),
                rejects.get(0).toString());
        assertEquals(LongStream.range(256, 300).boxed().collect(Collectors.toSet()), sink.certificates().keySet());
        sink.assertMatches(lab);
    }

    @Test
    void rejectsATileWithTrailingBytesFromTheStartIndexOn() {
        LabLog lab = lab("tiled-trailing");
        lab.submitPrecerts(ca, 600);
        byte[] good = tileBytes(lab, 256, 256);
        byte[] trailing = Arrays.copyOf(good, good.length + 3);
        lab.proxy.override(uri -> uri.endsWith("tile/data/001") ? LogProxy.Reply.gzipped(trailing) : null);
        RecordingSink sink = new RecordingSink();
        followers.start(lab.ctLog(CtApi.STATIC), settings(2, LONG_AGO, 1), 300, sink);
        sink.awaitEnd(512, WAIT);

        sink.assertExactlyOnce(300, 512);
        List<Reject> rejects = sink.entryRejects();
        assertEquals(LongStream.range(300, 512).boxed().toList(), rejects.stream().map(Reject::index).toList());
        assertTrue(rejects.stream().allMatch(r -> r.reason().equals("unreadable-tile")));
        assertTrue(sink.certificates().isEmpty());
        assertEquals(2, lab.proxy.count("tile/data/001"));
    }

    @Test
    void fetchesEachIssuerOnceEvenWithTilesInParallel() {
        LabLog lab = lab("tiled-issuers");
        List<TestCa> cas = List.of(ca, new TestCa("second-ca", 64), new TestCa("third-ca", 65));
        for (int i = 0; i < 1024; i++) {
            lab.submitPrecerts(cas.get(i % 3), 1);
        }
        RecordingSink sink = new RecordingSink();
        followers.start(lab.ctLog(CtApi.STATIC), settings(4, LONG_AGO, 3), 0, sink);
        sink.awaitEnd(1024, WAIT);

        sink.assertExactlyOnce(0, 1024);
        sink.assertMatches(lab);
        // At most four in flight; how many overlap at once depends on how fast the first ones come back.
        int inFlight = lab.proxy.maxDataInFlight();
        assertTrue(inFlight >= 2 && inFlight <= 4, "tiles in flight together: " + inFlight);
        Set<String> expected = new TreeSet<>();
        cas.forEach(c -> expected.addAll(LabLog.issuerFingerprints(c)));
        Map<String, Integer> asked = new LinkedHashMap<>();
        lab.proxy.countsByUri("/issuer/").forEach((uri, n) -> asked.put(uri.substring(uri.lastIndexOf('/') + 1), n));
        assertEquals(expected, asked.keySet(), "the issuers of the entries, and no others");
        asked.forEach((fingerprint, n) -> assertEquals(1, n, "issuer " + fingerprint + " fetched " + n + " times"));
    }

    @Test
    void rejectsAsIssuerOnlyTheEntriesWhoseIssuerTheLogCannotServe() {
        LabLog lab = lab("tiled-no-issuer");
        TestCa orphan = new TestCa("orphan-ca", 66);
        for (int i = 0; i < 20; i++) {
            lab.submitPrecerts(i % 4 == 0 ? orphan : ca, 1);
        }
        String orphanIssuer = LabLog.issuerFingerprints(orphan).get(0);
        String caRoot = LabLog.issuerFingerprints(ca).get(1);
        lab.proxy.override(uri -> uri.endsWith(orphanIssuer) || uri.endsWith(caRoot) ? LogProxy.Reply.of(404, "gone") : null);
        RecordingSink sink = new RecordingSink();
        followers.start(lab.ctLog(CtApi.STATIC), settings(2, Duration.ofMillis(40), 3), 0, sink);
        sink.awaitEnd(20, WAIT);

        sink.assertExactlyOnce(0, 20);
        List<Reject> rejects = sink.entryRejects();
        assertEquals(List.of(0L, 4L, 8L, 12L, 16L), rejects.stream().map(Reject::index).toList(),
                "the orphan's entries; the other CA's root is not needed to read its entries");
        assertTrue(rejects.stream().allMatch(r -> r.reason().equals("issuer")), rejects.toString());
        assertTrue(rejects.get(0).detail().contains(orphanIssuer), rejects.get(0).detail());
        assertEquals(15, sink.certificates().size());
        sink.assertMatches(lab);
    }

    // ---- real CT bytes ----

    /** A static-ct-api log serving the real navigli2025h2 tiles under a checkpoint of {@code size} signed by {@code key}. */
    private StaticServer navigli(KeyPair key, String origin, long size) throws Exception {
        byte[] full = StaticServer.resource("static-ct/navigli2025h2/tile/data/000");
        byte[] partial = StaticServer.resource("static-ct/navigli2025h2/tile/data/003.p/10");
        LogId logId = LogId.of(key.getPublic());
        String checkpoint = Checkpoint.fromSignedTreeHead(origin, logId,
                SignedTreeHead.sign(size, 1_746_292_700_000L, new byte[32], key.getPrivate())).format();
        StaticServer server = StaticServer.start(vertx, uri -> {
            if (uri.endsWith("/checkpoint")) {
                return LogProxy.Reply.of(200, checkpoint);
            }
            if (uri.endsWith("/tile/data/000")) {
                return new LogProxy.Reply(200, Map.of("Content-Type", "application/octet-stream"), full); // not compressed
            }
            if (uri.endsWith("/tile/data/003.p/10")) {
                return LogProxy.Reply.gzipped(partial);
            }
            return null; // issuers: the vectors do not have them
        });
        resources.add(server);
        return server;
    }

    private static CtLog navigliLog(StaticServer server, KeyPair key, String origin) throws Exception {
        LogKey logKey = LogKey.fromSpki(key.getPublic().getEncoded());
        return new CtLog("navigli2025h2", logKey.logId(), logKey.publicKey(), CtApi.STATIC, server.url("/navigli2025h2/"), origin);
    }

    @Test
    void readsTheRealNavigliTilesAndRejectsEveryEntryForItsMissingIssuer() throws Exception {
        KeyPair key = KeyKind.ECDSA_P256.generate();
        String origin = "navigli2025h2.test";
        StaticServer fullTile = navigli(key, origin, 256);
        StaticServer partialTile = navigli(key, origin, 778);
        RecordingSink fromZero = new RecordingSink();
        RecordingSink fromPartial = new RecordingSink();
        followers.start(navigliLog(fullTile, key, origin), settings(2, Duration.ofMillis(40), 3), 0, fromZero);
        followers.start(navigliLog(partialTile, key, origin), settings(2, Duration.ofMillis(40), 3), 768, fromPartial);
        fromZero.awaitEnd(256, WAIT);
        fromPartial.awaitEnd(778, WAIT);

        fromZero.assertExactlyOnce(0, 256);
        fromPartial.assertExactlyOnce(768, 778);
        List<Reject> full = fromZero.entryRejects();
        assertEquals(LongStream.range(0, 256).boxed().toList(), full.stream().map(Reject::index).toList());
        assertTrue(full.stream().allMatch(r -> r.reason().equals("issuer")), full.get(0).toString());
        assertTrue(full.get(0).detail().contains("54588456"), "entry 0's first chain fingerprint: " + full.get(0).detail());
        List<Reject> partial = fromPartial.entryRejects();
        assertEquals(LongStream.range(768, 778).boxed().toList(), partial.stream().map(Reject::index).toList(),
                "leaf_index 768..777 of the partial tile");
        assertTrue(partial.stream().allMatch(r -> r.reason().equals("issuer")), partial.get(0).toString());
        assertTrue(fromZero.certificates().isEmpty() && fromPartial.certificates().isEmpty());

        for (StaticServer server : List.of(fullTile, partialTile)) {
            Map<String, Long> issuers = server.requests().stream().filter(u -> u.contains("/issuer/"))
                    .collect(Collectors.groupingBy(u -> u, Collectors.counting()));
            assertFalse(issuers.isEmpty());
            issuers.forEach((uri, n) -> assertEquals(1, n, uri + " asked " + n + " times in one tile"));
            assertTrue(server.requests().stream().noneMatch(u -> u.contains("tile/data/00") && !u.endsWith("000")
                    && !u.endsWith("003.p/10")), "only the tiles that hold the indexes: " + server.requests());
        }
        assertTrue(fullTile.requests().stream().anyMatch(u -> u.endsWith("/issuer/"
                + full.get(0).detail().replaceAll("(?s).*?([0-9a-f]{64}).*", "$1"))));
    }

    @Test
    void verifiesTheRealRomeCheckpointWithItsKeyAndOrigin() throws Exception {
        byte[] checkpoint = StaticServer.resource("static-ct/rome2024h1-checkpoint");
        StaticServer server = StaticServer.start(vertx, uri -> uri.endsWith("/checkpoint")
                ? new LogProxy.Reply(200, Map.of("Content-Type", "text/plain; charset=utf-8"), checkpoint) : null);
        resources.add(server);
        LogKey rome = LogKey.fromPem(new String(StaticServer.resource("static-ct/rome2024h1-pubkey.pem"), StandardCharsets.US_ASCII));
        assertEquals("qT0HRLk491QYz2Xop38YM3+Te7X6hfRNtTuuLBTBGss=", rome.logId().base64());
        RecordingSink good = new RecordingSink();
        LogFollower real = followers.start(new CtLog("rome2024h1", rome.logId(), rome.publicKey(), CtApi.STATIC, server.url("/rome/"),
                "rome.ct.filippo.io/2024h1"), settings(2, LONG_AGO, 3), LogFollower.AT_HEAD, good);
        RecordingSink wrongOrigin = new RecordingSink();
        followers.start(new CtLog("rome2024h2", rome.logId(), rome.publicKey(), CtApi.STATIC, server.url("/rome-h2/"),
                "rome.ct.filippo.io/2024h2"), settings(2, LONG_AGO, 3), LogFollower.AT_HEAD, wrongOrigin);
        LogKey navigliKey = LogKey.fromPem(new String(StaticServer.resource("static-ct/navigli2025h2-pubkey.pem"),
                StandardCharsets.US_ASCII));
        RecordingSink wrongKey = new RecordingSink();
        followers.start(new CtLog("rome-as-navigli", navigliKey.logId(), navigliKey.publicKey(), CtApi.STATIC, server.url("/rome-n/"),
                "rome.ct.filippo.io/2024h1"), settings(2, LONG_AGO, 3), LogFollower.AT_HEAD, wrongKey);
        Signal.await(() -> real.treeSize() >= 0 && wrongOrigin.treeRejects("checkpoint-signature") >= 1
                && wrongKey.treeRejects("checkpoint-signature") >= 1, WAIT, "rome verified; wrong origin and wrong key refused");

        assertEquals(115474666L, real.treeSize());
        assertEquals(1711519390034L, real.treeTimestamp());
        assertEquals(115474666L, real.nextIndex());
        assertTrue(good.treeRejects().isEmpty(), good.treeRejects().toString());
        assertTrue(server.requests().stream().noneMatch(u -> u.contains("tile/")));
    }
}
