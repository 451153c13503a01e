package dev.ocspwatch.agent.discovery;

import dev.ocspwatch.common.ct.LogKey;
import dev.ocspwatch.lab.ct.CtLogServer;
import dev.ocspwatch.lab.ct.SimulatedCtLog;
import dev.ocspwatch.lab.pki.Der;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.world.FaultBook;
import dev.ocspwatch.lab.world.WorldTime;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * One of the lab's CT logs on its own: a {@link SimulatedCtLog} served by the lab's
 * {@link CtLogServer} (both APIs, the CT fault switches), behind a {@link LogProxy} that counts
 * requests. Keeps a ledger of what was submitted at each index, so tests compare what a follower
 * hands over with what the log holds, not with what the follower says.
 */
final class LabLog implements AutoCloseable {
    private static Scenario scenario;

    /** What the log holds at one index, as the test submitted it. */
    record Submitted(long index, TestCa ca, BigInteger serial, boolean precert, long timestamp) {
        String certificateId() {
            return ca.certificateId(serial);
        }
    }

    final String name;
    final SimulatedCtLog log;
    final FaultBook faults;
    final CtLogServer server;
    final LogProxy proxy;
    private final List<Submitted> submitted = new ArrayList<>();

    private LabLog(String name, SimulatedCtLog log, FaultBook faults, CtLogServer server, LogProxy proxy) {
        this.name = name;
        this.log = log;
        this.faults = faults;
        this.server = server;
        this.proxy = proxy;
    }

    static synchronized Scenario scenario() {
        if (scenario == null) {
            try {
                scenario = Scenario.load(Path.of("../config/scenarios/healthy.yaml"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return scenario;
    }

    static LabLog start(Vertx vertx, String name, int maxGetEntries) {
        return start(vertx, name, maxGetEntries, Clock.systemUTC());
    }

    /** A log whose SCT timestamps come from {@code clock} (a ManualClock for chosen timestamps). */
    static LabLog start(Vertx vertx, String name, int maxGetEntries, Clock clock) {
        SimulatedCtLog log = new SimulatedCtLog(name, KeyKind.ECDSA_P256.generate(), clock, Duration.ZERO);
        FaultBook faults = new FaultBook(new WorldTime(Clock.systemUTC(), Clock.systemUTC().instant(), scenario()), List.of());
        CtLogServer server = LogProxy.join(CtLogServer.start(vertx, List.of(log), Map.of(name, maxGetEntries), List.of(), faults,
                Clock.systemUTC(), 0));
        log.origin("127.0.0.1:" + server.port() + "/" + name);
        LogProxy proxy = LogProxy.start(vertx, server.port());
        return new LabLog(name, log, faults, server, proxy);
    }

    /** The log's URL through the proxy (both the RFC 6962 base and the monitoring prefix). */
    String url() {
        return "http://127.0.0.1:" + proxy.port() + "/" + name + "/";
    }

    /** The log's URL without the proxy. */
    String directUrl() {
        return "http://127.0.0.1:" + server.port() + "/" + name + "/";
    }

    String keyBase64() {
        return Base64.getEncoder().encodeToString(log.key().getPublic().getEncoded());
    }

    /** The log as discovery sees it through the proxy, with its key and (for static-ct-api) its origin. */
    CtLog ctLog(CtApi api) {
        try {
            LogKey key = LogKey.fromBase64(keyBase64());
            return new CtLog(name, key.logId(), key.publicKey(), api, url(), api == CtApi.STATIC ? log.origin() : null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Logs {@code count} new precertificates of {@code ca}, each with a fresh serial. */
    synchronized List<Submitted> submitPrecerts(TestCa ca, int count) {
        List<Submitted> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            added.add(submit(ca, ca.nextSerial(), true));
        }
        return added;
    }

    /** Logs the certificate (or precertificate) of {@code ca} with {@code serial}. */
    synchronized Submitted submit(TestCa ca, BigInteger serial, boolean precert) {
        X509CertificateHolder certificate = ca.issue(serial, precert);
        SimulatedCtLog.Submission sct = log.submit(certificate, ca.chain(), precert);
        Submitted entry = new Submitted(sct.index(), ca, serial, precert, sct.timestamp());
        if (sct.index() != submitted.size()) {
            throw new IllegalStateException("ledger out of step with the log at " + sct.index());
        }
        submitted.add(entry);
        return entry;
    }

    synchronized List<Submitted> submitted() {
        return List.copyOf(submitted);
    }

    synchronized Submitted at(long index) {
        return submitted.get((int) index);
    }

    synchronized long size() {
        return submitted.size();
    }

    /** The lower-case hex SHA-256 fingerprints of {@code ca}'s chain, as {@code issuer/<fp>} names them. */
    static List<String> issuerFingerprints(TestCa ca) {
        return ca.chain().stream().map(c -> TestCa.sha256Hex(Der.of(c))).toList();
    }

    @Override
    public void close() {
        proxy.close();
        server.close();
    }
}
