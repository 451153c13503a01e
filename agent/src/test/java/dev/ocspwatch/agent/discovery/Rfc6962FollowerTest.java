package dev.ocspwatch.agent.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocspwatch.agent.testing.Signal;
import dev.ocspwatch.common.ct.ExtraData;
import dev.ocspwatch.common.ct.GetEntriesResponse;
import dev.ocspwatch.common.ct.LogKey;
import dev.ocspwatch.common.ct.LoggedCertificate;
import dev.ocspwatch.common.ct.MerkleTree;
import dev.ocspwatch.common.ct.RawEntry;
import dev.ocspwatch.common.ct.SignedTreeHead;
import dev.ocspwatch.common.json.Json;
import dev.ocspwatch.lab.ct.SimulatedCtLog;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.scenario.Fault;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The RFC 6962 follower against the lab's log over real HTTP, and against real get-entries and get-sth bytes. */
class Rfc6962FollowerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern RANGE = Pattern.compile("start=(\\d+)&end=(\\d+)");

    static Vertx vertx;
    static TestCa ca;
    Followers followers;
    final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        vertx = Vertx.vertx();
        ca = new TestCa("rfc6962-ca", 62);
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

    private LabLog lab(String name, int maxGetEntries) {
        LabLog lab = LabLog.start(vertx, name, maxGetEntries);
        resources.add(lab);
        return lab;
    }

    private static long[] range(String uri) {
        Matcher m = RANGE.matcher(uri);
        if (!m.find()) {
            throw new AssertionError("no range in " + uri);
        }
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    /** The first request that arrived after {@code after} was answered. */
    private static LogProxy.Seen nextAfter(LabLog lab, LogProxy.Seen after) {
        return lab.proxy.seen().stream().filter(s -> s.arrived() > after.answered())
                .min(Comparator.comparingLong(LogProxy.Seen::arrived)).orElseThrow();
    }

    @Test
    void handsOverEveryIndexExactlyOnceInOrderWhileEntriesKeepArriving() {
        LabLog lab = lab("rfc-stream", 64);
        RecordingSink sink = new RecordingSink();
        followers.start(lab.ctLog(CtApi.RFC6962), Followers.settings(16, 4, Duration.ofMillis(100), 3), 0, sink);
        Random random = new Random(11);
        List<BigInteger> precertSerials = new ArrayList<>();
        for (int round = 0; round < 25; round++) {
            lab.submitPrecerts(ca, 1 + random.nextInt(40)).forEach(s -> precertSerials.add(s.serial()));
            // some final certificates (x509_entry) among the precertificates
            lab.submit(ca, precertSerials.get(random.nextInt(precertSerials.size())), false);
            long polls = lab.proxy.count("ct/v1/get-sth");
            Signal.await(() -> lab.proxy.count("ct/v1/get-sth") > polls, WAIT, "another get-sth");
        }
        sink.awaitEnd(lab.size(), WAIT);

        sink.assertExactlyOnce(0, lab.size());
        sink.assertMatches(lab);
        assertEquals(lab.size(), sink.certificates().size());
        assertTrue(sink.entryRejects().isEmpty(), sink.entryRejects().toString());
        assertTrue(sink.treeRejects().isEmpty(), sink.treeRejects().toString());
        assertTrue(lab.proxy.count("ct/v1/get-sth") >= 25, "polled while entries kept arriving");
        assertTrue(sink.certificates().values().stream().anyMatch(c -> !c.precertificate()), "x509 entries too");
    }

    @Test
    void startsAtTheLogsHeadUnlessGivenAStartIndex() {
        LabLog lab = lab("rfc-head", 64);
        lab.submitPrecerts(ca, 40);
        RecordingSink atHead = new RecordingSink();
        RecordingSink fromIndex = new RecordingSink();
        LogFollower head = followers.start(lab.ctLog(CtApi.RFC6962), Followers.settings(16, 2, Duration.ofMillis(100), 3),
                LogFollower.AT_HEAD, atHead);
        followers.start(lab.ctLog(CtApi.RFC6962), Followers.settings(16, 2, Duration.ofMillis(100), 3), 25, fromIndex);
        Signal.await(() -> head.nextIndex() == 40 && fromIndex.end() == 40, WAIT, "both at 40");
        assertEquals(40, head.treeSize());
        assertTrue(atHead.batches().isEmpty(), "nothing before the head: " + atHead.batches());

        lab.submitPrecerts(ca, 10);
        atHead.awaitEnd(50, WAIT);
        fromIndex.awaitEnd(50, WAIT);
        atHead.assertExactlyOnce(40, 50);
        fromIndex.assertExactlyOnce(25, 50);
        atHead.assertMatches(lab);
        fromIndex.assertMatches(lab);
    }

    @Test
    void takesShortAnswersAsFarAsTheyGoAndAsksForWhatTheLogGives() {
        LabLog lab = lab("rfc-short", 5);
        lab.submitPrecerts(ca, 100);
        RecordingSink sink = new RecordingSink();
        followers.start(lab.ctLog(CtApi.RFC6962), Followers.settings(32, 3, Duration.ofMillis(100), 3), 0, sink);
        sink.awaitEnd(100, WAIT);

        sink.assertExactlyOnce(0, 100);
        sink.assertMatches(lab);
        List<long[]> asked = lab.proxy.seen(s -> s.is("get-entries")).stream().map(s -> range(s.uri())).toList();
        long wide = asked.stream().filter(r -> r[1] - r[0] + 1 > 5).count();
        assertTrue(wide <= 3, "only the first round (3 windows) asks for more than the log gives, not " + wide);
        assertTrue(asked.size() <= 3 + 20 * 3, "no request storm: " + asked.size());
    }

    @Test
    void waitsAsLongAsRetryAfterSaysOn429ThenGoesOn() {
        LabLog lab = lab("rfc-429", 64);
        lab.submitPrecerts(ca, 30);
        Fault.CtRateLimited limit = new Fault.CtRateLimited(lab.name, Duration.ofSeconds(2), null, null);
        lab.faults.set(limit);
        RecordingSink sink = new RecordingSink();
        AtomicBoolean armed = new AtomicBoolean();
        sink.gate(batch -> {
            if (!armed.getAndSet(true)) {
                lab.faults.set(limit); // the next get-entries is refused too
            }
            return Future.succeededFuture();
        });
        followers.start(lab.ctLog(CtApi.RFC6962), Followers.settings(10, 1, Duration.ofMillis(100), 3), 0, sink);
        Signal.await(() -> lab.proxy.seen(s -> s.status() == 429).size() >= 1, WAIT, "a 429 on get-sth");
        lab.faults.clear(Fault.CtRateLimited.class);
        Signal.await(() -> lab.proxy.seen(s -> s.status() == 429).size() >= 2, WAIT, "a 429 on get-entries");
        lab.faults.clear(Fault.CtRateLimited.class);
        sink.awaitEnd(30, WAIT);

        List<LogProxy.Seen> refused = lab.proxy.seen(s -> s.status() == 429);
        assertEquals(2, refused.size(), refused.toString());
        assertTrue(refused.get(0).is("get-sth") && refused.get(1).is("get-entries"), refused.toString());
        for (LogProxy.Seen no : refused) {
            long waited = Duration.ofNanos(nextAfter(lab, no).arrived() - no.answered()).toMillis();
            assertTrue(waited >= 2000, "Retry-After: 2 honoured after " + no.uri() + ", came back after " + waited + " ms");
            assertTrue(waited < 4000, "and not much later: " + waited + " ms");
        }
        sink.assertExactlyOnce(0, 30);
        sink.assertMatches(lab);
    }

    @Test
    void backsOffOn500AndRecovers() {
        LabLog lab = lab("rfc-500", 64);
        lab.submitPrecerts(ca, 30);
        lab.faults.set(new Fault.CtServerError(lab.name, null, null));
        RecordingSink sink = new RecordingSink();
        AtomicBoolean armed = new AtomicBoolean();
        sink.gate(batch -> {
            if (!armed.getAndSet(true)) {
                lab.faults.set(new Fault.CtServerError(lab.name, null, null));
            }
            return Future.succeededFuture();
        });
        followers.start(lab.ctLog(CtApi.RFC6962), Followers.settings(10, 1, Duration.ofMillis(100), 3), 0, sink);
        Signal.await(() -> lab.proxy.seen(s -> s.status() == 500).size() >= 1, WAIT, "a 500 on get-sth");
        lab.faults.clear(Fault.CtServerError.class);
        Signal.await(() -> lab.proxy.seen(s -> s.status() == 500).size() >= 2, WAIT, "a 500 on get-entries");
        lab.faults.clear(Fault.CtServerError.class);
        sink.awaitEnd(30, WAIT);

        List<LogProxy.Seen> failed = lab.proxy.seen(s -> s.status() == 500);
        assertEquals(2, failed.size(), failed.toString());
        for (LogProxy.Seen error : failed) {
            long waited = Duration.ofNanos(nextAfter(lab, error).arrived() - error.answered()).toMillis();
            assertTrue(waited >= 1000, "backed off after " + error.uri() + ": came back after " + waited + " ms");
        }
        sink.assertExactlyOnce(0, 30);
        sink.assertMatches(lab);
    }

    @Test
    void fetchesWindowsInParallelFromASlowLogWhenFarBehind() {
        LabLog lab = lab("rfc-slow", 64);
        lab.submitPrecerts(ca, 200);
        lab.faults.set(new Fault.CtSlow(lab.name, Duration.ofMillis(150), null, null));
        RecordingSink sink = new RecordingSink();
        followers.start(lab.ctLog(CtApi.RFC6962), Followers.settings(16, 4, Duration.ofMillis(100), 3), 0, sink);
        sink.awaitEnd(200, WAIT);

        sink.assertExactlyOnce(0, 200);
        sink.assertMatches(lab);
        assertEquals(4, lab.proxy.maxDataInFlight(), "four windows in flight while 200 entries behind");
        assertTrue(lab.proxy.seen(s -> s.is("get-entries")).stream()
                .allMatch(s -> s.answered() - s.arrived() >= Duration.ofMillis(150).toNanos()), "the log was slow");
    }

    @Test
    void aLogSlowerThanTheTimeoutStallsNothingAndLosesNothing() {
        LabLog lab = lab("rfc-timeout", 64);
        lab.submitPrecerts(ca, 20);
        lab.faults.set(new Fault.CtSlow(lab.name, Duration.ofMillis(900), null, null));
        RecordingSink sink = new RecordingSink();
        followers.start(lab.ctLog(CtApi.RFC6962), Followers.settings(16, 4, Duration.ofMillis(100), 3), 0, sink,
                Duration.ofMillis(300));
        Signal.await(() -> lab.proxy.count("get-sth") >= 1, WAIT, "a slow get-sth");
        assertTrue(sink.batches().isEmpty(), "nothing from a log that does not answer in time");
        lab.faults.clear(Fault.CtSlow.class);
        sink.awaitEnd(20, WAIT);
        sink.assertExactlyOnce(0, 20);
        sink.assertMatches(lab);
    }

    @Test
    void refusesATreeHeadSignedByAnotherKeyAndMakesNoProgress() throws Exception {
        LabLog lab = lab("rfc-foreign", 64);
        lab.submitPrecerts(ca, 12);
        PrivateKey stranger = KeyKind.ECDSA_P256.generate().getPrivate();
        SignedTreeHead forged = SignedTreeHead.sign(12, System.currentTimeMillis(), MerkleTree.rootHash(lab.log.leafHashes()),
                stranger);
        lab.proxy.override(uri -> uri.contains("get-sth") ? LogProxy.Reply.json(forged.toGetSthJson()) : null);
        RecordingSink sink = new RecordingSink();
        LogFollower follower = followers.start(lab.ctLog(CtApi.RFC6962), Followers.settings(16, 2, Duration.ofMillis(100), 3), 0,
                sink);
        Signal.await(() -> sink.treeRejects("sth-signature") >= 1, WAIT, "an sth-signature reject");

        assertEquals(-1, follower.treeSize(), "a tree head that does not verify is not taken");
        assertEquals(0, follower.nextIndex());
        assertEquals(0, lab.proxy.count("get-entries"), "no entries read under a forged tree head");
        assertTrue(sink.batches().isEmpty());
        Reject reject = sink.treeRejects().get(0);
        assertEquals(lab.name, reject.log());
        assertEquals(-1, reject.index());

        lab.proxy.override(null);
        sink.awaitEnd(12, WAIT);
        sink.assertExactlyOnce(0, 12);
    }

    @Test
    void refusesATreeHeadThatShrinksAndNeverGoesBack() throws Exception {
        LabLog lab = lab("rfc-shrink", 64);
        lab.submitPrecerts(ca, 30);
        RecordingSink sink = new RecordingSink();
        LogFollower follower = followers.start(lab.ctLog(CtApi.RFC6962), Followers.settings(16, 2, Duration.ofMillis(100), 3), 0,
                sink);
        sink.awaitEnd(30, WAIT);
        SignedTreeHead smaller = SignedTreeHead.sign(20, System.currentTimeMillis(),
                MerkleTree.rootHash(lab.log.leafHashes().subList(0, 20)), lab.log.key().getPrivate());
        lab.proxy.override(uri -> uri.contains("get-sth") ? LogProxy.Reply.json(smaller.toGetSthJson()) : null);
        Signal.await(() -> sink.treeRejects("tree-shrank") >= 3, WAIT, "tree-shrank rejects");

        assertEquals(30, follower.treeSize(), "the larger tree head stands");
        assertEquals(30, follower.nextIndex());
        assertEquals(30, sink.end());
        long entriesAsked = lab.proxy.count("get-entries");
        lab.submitPrecerts(ca, 5);
        lab.proxy.override(null);
        sink.awaitEnd(35, WAIT);
        sink.assertExactlyOnce(0, 35);
        sink.assertMatches(lab);
        assertTrue(lab.proxy.seen(s -> s.is("get-entries")).stream().skip(entriesAsked).allMatch(s -> range(s.uri())[0] >= 30),
                "nothing below 30 read again");
    }

    @Test
    void retriesAnUnreadableAnswerThenNarrowsToOneEntryThenRejectsIt() {
        LabLog lab = lab("rfc-malformed", 64);
        lab.submitPrecerts(ca, 20);
        lab.proxy.override(uri -> {
            if (!uri.contains("get-entries")) {
                return null;
            }
            long[] r = range(uri);
            return r[0] <= 7 && 7 <= r[1] ? LogProxy.Reply.json("{\"entries\": [") : null;
        });
        RecordingSink sink = new RecordingSink();
        followers.start(lab.ctLog(CtApi.RFC6962), Followers.settings(5, 1, Duration.ofMillis(100), 1), 7, sink);
        sink.awaitEnd(20, WAIT);

        sink.assertExactlyOnce(7, 20);
        List<Reject> rejects = sink.entryRejects();
        assertEquals(1, rejects.size(), rejects.toString());
        assertEquals(7, rejects.get(0).index());
        assertEquals("unreadable-entry", rejects.get(0).reason());
        assertEquals(Map.of("start=7&end=11", 1, "start=7&end=7", 1), lab.proxy.countsByUri("start=7&").entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> e.getKey().substring(e.getKey().indexOf("start=")), Map.Entry::getValue)),
                "asked for the window once, then for the one entry");
        assertEquals(12, sink.certificates().size());
        sink.assertMatches(lab);
    }

    @Test
    void rejectsAnEntryWhoseAnswerIsAlwaysTooLargeAndGoesOn() {
        LabLog lab = lab("rfc-oversized", 64);
        lab.submitPrecerts(ca, 20);
        String padding = " ".repeat(300_000);
        lab.proxy.override(uri -> {
            if (!uri.contains("get-entries")) {
                return null;
            }
            long[] r = range(uri);
            return r[0] <= 5 && 5 <= r[1] ? LogProxy.Reply.json("{\"entries\": []" + padding + "}") : null;
        });
        RecordingSink sink = new RecordingSink();
        followers.start(lab.ctLog(CtApi.RFC6962), Followers.settings(16, 1, Duration.ofMillis(100), 1), 5, sink, Duration.ofSeconds(5),
                256 * 1024);
        sink.awaitEnd(20, WAIT);

        sink.assertExactlyOnce(5, 20);
        List<Reject> rejects = sink.entryRejects();
        assertEquals(1, rejects.size(), rejects.toString());
        assertEquals(5, rejects.get(0).index());
        assertTrue(rejects.get(0).detail().contains("exceeds"), rejects.get(0).detail());
        assertEquals(14, sink.certificates().size());
        sink.assertMatches(lab);
    }

    @Test
    void rejectsAMalformedEntryAtItsIndexAndKeepsTheRest() {
        LabLog lab = lab("rfc-bad-entry", 64);
        lab.submitPrecerts(ca, 10);
        lab.proxy.override(uri -> {
            if (!uri.contains("get-entries")) {
                return null;
            }
            long[] r = range(uri);
            List<RawEntry> entries = new ArrayList<>();
            for (SimulatedCtLog.LogEntry entry : lab.log.entries(r[0], r[1] + 1)) {
                ExtraData extra = entry.preCertificate() == null ? ExtraData.x509(entry.chain())
                        : ExtraData.precert(entry.preCertificate(), entry.chain());
                byte[] leaf = entry.index() == 3 ? "not a MerkleTreeLeaf".getBytes(StandardCharsets.US_ASCII) : entry.leaf().encode();
                entries.add(new RawEntry(leaf, extra.encode()));
            }
            return LogProxy.Reply.json(GetEntriesResponse.format(entries));
        });
        RecordingSink sink = new RecordingSink();
        followers.start(lab.ctLog(CtApi.RFC6962), Followers.settings(16, 1, Duration.ofMillis(100), 3), 0, sink);
        sink.awaitEnd(10, WAIT);

        sink.assertExactlyOnce(0, 10);
        List<Reject> rejects = sink.entryRejects();
        assertEquals(1, rejects.size(), rejects.toString());
        assertEquals(3, rejects.get(0).index());
        assertEquals("malformed-entry", rejects.get(0).reason());
        assertEquals(9, sink.certificates().size());
        assertFalse(sink.certificates().containsKey(3L));
        sink.assertMatches(lab);
        assertEquals(1, lab.proxy.count("get-entries"), "a readable answer with one bad entry is not asked again");
    }

    // ---- real CT bytes ----

    /** A log serving a real get-entries body, sliced as asked, under a tree head signed by {@code key}. */
    private StaticServer realEntriesLog(String file, KeyPair key) throws Exception {
        JsonNode body = Json.mapper().readTree(StaticServer.resource("rfc6962/" + file));
        ArrayNode entries = (ArrayNode) body.get("entries");
        List<byte[]> leafHashes = new ArrayList<>();
        for (JsonNode entry : entries) {
            leafHashes.add(MerkleTree.leafHash(Base64.getDecoder().decode(entry.get("leaf_input").asText())));
        }
        String sth = SignedTreeHead.sign(entries.size(), 1_700_000_000_000L, MerkleTree.rootHash(leafHashes), key.getPrivate())
                .toGetSthJson();
        StaticServer server = StaticServer.start(vertx, uri -> {
            if (uri.endsWith("/ct/v1/get-sth")) {
                return LogProxy.Reply.json(sth);
            }
            if (uri.contains("/ct/v1/get-entries")) {
                long[] r = range(uri);
                ObjectNode answer = Json.mapper().createObjectNode();
                ArrayNode slice = answer.putArray("entries");
                for (long i = r[0]; i <= Math.min(r[1], entries.size() - 1); i++) {
                    slice.add(entries.get((int) i));
                }
                return LogProxy.Reply.json(answer.toString());
            }
            return null;
        });
        resources.add(server);
        return server;
    }

    private static CtLog realLog(StaticServer server, KeyPair key) throws Exception {
        LogKey logKey = LogKey.fromSpki(key.getPublic().getEncoded());
        return new CtLog("real-entries", logKey.logId(), logKey.publicKey(), CtApi.RFC6962, server.url("/log/"), null);
    }

    @Test
    void readsARealPrecertEntryAndARealX509EntryAsTheirPublishedFacts() throws Exception {
        KeyPair key = KeyKind.ECDSA_P256.generate();
        StaticServer server = realEntriesLog("get-entries-precert-and-x509.json", key);
        RecordingSink sink = new RecordingSink();
        followers.start(realLog(server, key), Followers.settings(16, 2, Duration.ofMillis(100), 3), 0, sink);
        sink.awaitEnd(2, WAIT);

        sink.assertExactlyOnce(0, 2);
        assertTrue(sink.entryRejects().isEmpty(), sink.entryRejects().toString());
        LoggedCertificate precert = sink.certificates().get(0L);
        assertTrue(precert.precertificate());
        assertEquals(1422867427528L, precert.timestamp());
        assertEquals("3760e2790f33a498f9b6c149fecfca3993954b536fbf36ad45d0a8415b79337d:532298c396a3e25fcaa1977e827b5f3",
                precert.certificateId().toString());
        assertEquals("532298c396a3e25fcaa1977e827b5f3", precert.serialHex());
        assertTrue(precert.subject().contains("sdfedsf.trust"), precert.subject());
        assertTrue(precert.issuerSubject().contains("GeoTrust EV SSL TEST CA - G4"), precert.issuerSubject());
        LoggedCertificate x509 = sink.certificates().get(1L);
        assertFalse(x509.precertificate());
        assertEquals(1415843953342L, x509.timestamp());
        assertEquals("ced03025ed4fc62fdaf39b6b55f4081356993e63241da3e3356d0c0dd250814a:6a5d4161f5c9b68043270b0c",
                x509.certificateId().toString());
        assertTrue(x509.subject().contains("csrcn.ssl24.jp"), x509.subject());
        assertTrue(x509.issuerSubject().contains("GlobalSign Extended Validation CA - G2 TEST"), x509.issuerSubject());
    }

    @Test
    void readsRealX509EntriesOneAtATime() throws Exception {
        KeyPair key = KeyKind.ECDSA_P256.generate();
        StaticServer server = realEntriesLog("get-entries-four-x509-2013.json", key);
        RecordingSink sink = new RecordingSink();
        followers.start(realLog(server, key), Followers.settings(1, 2, Duration.ofMillis(100), 3), 0, sink);
        sink.awaitEnd(4, WAIT);

        sink.assertExactlyOnce(0, 4);
        assertTrue(sink.entryRejects().isEmpty(), sink.entryRejects().toString());
        Map<Long, LoggedCertificate> certificates = sink.certificates();
        assertEquals(List.of(1364258252899L, 1364288407155L, 1364288407155L, 1364288407156L),
                certificates.values().stream().map(LoggedCertificate::timestamp).toList());
        assertEquals("1484f905000000007d3c", certificates.get(0L).serialHex());
        assertEquals("f63a", certificates.get(1L).serialHex());
        List<String> names = List.of("mail.google.com", "www.struleartscentre.purchase-tickets-online.co.uk", "www.netkeiba.com",
                "www.oxfordplayhouse.com");
        for (int i = 0; i < 4; i++) {
            assertTrue(certificates.get((long) i).subject().contains(names.get(i)), certificates.get((long) i).subject());
            assertFalse(certificates.get((long) i).precertificate());
        }
        assertEquals(4, server.requests().stream().filter(u -> u.contains("get-entries")).count(), "one entry per request");
    }

    @Test
    void verifiesARealSignedTreeHeadWithItsLogsKeyAndRefusesItWithAnother() throws Exception {
        byte[] sth = StaticServer.resource("rfc6962/argon2024-get-sth.json");
        StaticServer server = StaticServer.start(vertx, uri -> uri.endsWith("/ct/v1/get-sth")
                ? new LogProxy.Reply(200, Map.of("Content-Type", "application/json"), sth) : null);
        resources.add(server);
        LogKey argon = LogKey.fromPem(new String(StaticServer.resource("rfc6962/argon2024-pubkey.pem"), StandardCharsets.US_ASCII));
        LogKey pilot = LogKey.fromPem(new String(StaticServer.resource("rfc6962/pilot-pubkey.pem"), StandardCharsets.US_ASCII));
        assertEquals("7s3QZNXbGs7FXLedtM0TojKHRny87N7DUUhZRnEftZs=", argon.logId().base64());

        RecordingSink good = new RecordingSink();
        LogFollower real = followers.start(new CtLog("argon2024", argon.logId(), argon.publicKey(), CtApi.RFC6962,
                server.url("/argon/"), null), Followers.settings(16, 2, Duration.ofMillis(100), 3), LogFollower.AT_HEAD, good);
        RecordingSink bad = new RecordingSink();
        LogFollower wrong = followers.start(new CtLog("pilot-key", pilot.logId(), pilot.publicKey(), CtApi.RFC6962,
                server.url("/argon-as-pilot/"), null), Followers.settings(16, 2, Duration.ofMillis(100), 3), LogFollower.AT_HEAD, bad);
        Signal.await(() -> real.treeSize() >= 0 && bad.treeRejects("sth-signature") >= 1, WAIT, "argon verified, pilot refused");

        assertEquals(1267285836L, real.treeSize());
        assertEquals(1711642477482L, real.treeTimestamp());
        assertEquals(1267285836L, real.nextIndex(), "a new log starts at its head");
        assertTrue(good.treeRejects().isEmpty(), good.treeRejects().toString());
        assertEquals(-1, wrong.treeSize());
        assertTrue(server.requests().stream().noneMatch(u -> u.contains("get-entries")));
    }
}
