package dev.ocspwatch.agent.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ocspwatch.agent.probe.AddressPolicy;
import dev.ocspwatch.agent.probe.Cidr;
import dev.ocspwatch.agent.testing.Closer;
import dev.ocspwatch.agent.testing.FakeResponder;
import dev.ocspwatch.agent.testing.StaticNameResolver;
import dev.ocspwatch.agent.testing.TestPki;
import dev.ocspwatch.common.ocsp.CertId;
import dev.ocspwatch.common.ocsp.CertIdHash;
import dev.ocspwatch.common.ocsp.OcspGetUrl;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.probe.ProbeResult;
import dev.ocspwatch.lab.peers.OpenSslOcspResponder;
import dev.ocspwatch.lab.peers.OpenSslOcspResponder.IndexEntry;
import dev.ocspwatch.lab.peers.OpenSslTlsServer;
import dev.ocspwatch.lab.pki.CertificateProfile;
import dev.ocspwatch.lab.pki.OcspAnswer;
import dev.ocspwatch.lab.pki.SimulatedCa;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole check against OpenSSL's own responder, a peer none of us wrote, over real loopback HTTP. */
class CheckRunnerTest {
    private static final BigInteger GOOD = TestPki.serial(0x1001);
    private static final BigInteger REVOKED = TestPki.serial(0x1002);
    private static final BigInteger NEVER_ISSUED_BY_INDEX = TestPki.serial(0x1003);
    private static final AddressPolicy LOOPBACK_ONLY = new AddressPolicy(false, List.of(Cidr.parse("127.0.0.1/32")));

    @TempDir
    static Path directory;
    static Vertx vertx;
    static OpenSslOcspResponder openssl;
    static TestPki pki;

    @BeforeAll
    static void startResponder() {
        assumeTrue(OpenSslOcspResponder.available(), "openssl is not installed");
        vertx = Vertx.vertx();
        pki = TestPki.shared();
        java.time.Instant notAfter = TestPki.NOW.plus(Duration.ofDays(90));
        openssl = OpenSslOcspResponder.start(directory, pki.issuing, List.of(
                IndexEntry.valid(GOOD, notAfter, "good.test"),
                IndexEntry.revoked(REVOKED, notAfter, "revoked.test", TestPki.NOW.minus(Duration.ofHours(2)), "keyCompromise")),
                Duration.ofHours(24));
    }

    @AfterAll
    static void stop() throws Exception {
        Closer.closeAll(openssl, Closer.vertx(vertx));
    }

    @Test
    void answersGoodOverGetAndPostFromOpenSslResponder() throws Exception {
        CheckReport report = check(bundle("good", GOOD, openssl.url()), LOOPBACK_ONLY);

        assertEquals(List.of("GET", "POST"), report.probes().stream().map(ProbeResult::method).toList());
        for (ProbeResult probe : report.probes()) {
            assertEquals(Outcome.GOOD, probe.outcome(), probe.reason());
            assertEquals(200, probe.httpStatus());
            assertEquals("good", probe.details().certStatus());
            assertEquals("issuer", probe.details().signer().role());
            assertEquals("127.0.0.1:" + openssl.port(), probe.connectedAddress());
        }
        ProbeResult get = report.probes().get(0);
        assertTrue(get.requestUrl().startsWith(openssl.url()), get.requestUrl());
        assertArrayEquals(Base64.getDecoder().decode(get.requestBase64()),
                OcspGetUrl.parse(get.requestUrl().substring(openssl.url().length())), "GET carries the DER request");
        assertEquals(CheckExitCode.ALL_AUTHORITATIVE, report.exitCode());
        assertEquals(pki.issuing.asIssuer().spkiSha256() + ":1001", report.certificateId());
    }

    @Test
    void reportsRevocationReasonFromOpenSslResponder() throws Exception {
        CheckReport report = check(bundle("revoked", REVOKED, openssl.url()), LOOPBACK_ONLY);

        for (ProbeResult probe : report.probes()) {
            assertEquals(Outcome.REVOKED, probe.outcome(), probe.reason());
            assertEquals("keyCompromise", probe.details().revocationReason());
        }
        assertEquals(CheckExitCode.ALL_AUTHORITATIVE, report.exitCode(), "revoked is authoritative");
    }

    @Test
    void reportsUnknownForSerialMissingFromIndexAndExitsOne() throws Exception {
        CheckReport report = check(bundle("unknown", NEVER_ISSUED_BY_INDEX, openssl.url()), LOOPBACK_ONLY);

        assertEquals(List.of(Outcome.UNKNOWN, Outcome.UNKNOWN), report.probes().stream().map(ProbeResult::outcome).toList());
        assertEquals(CheckExitCode.NON_AUTHORITATIVE, report.exitCode());
    }

    @Test
    void answersSha256CertIdAndUnissuedSerialConformanceProbes() throws Exception {
        CheckOptions options = CheckOptions.certificate(bundle("conformance", GOOD, openssl.url()))
                .addressPolicy(LOOPBACK_ONLY).crl(false).sha256CertId(true).unissuedSerial(true).build();
        CheckReport report = run(options);

        ProbeResult sha256 = report.probes().stream().filter(p -> p.kind().equals("sha256-certid")).findFirst().orElseThrow();
        assertEquals(Outcome.GOOD, sha256.outcome(), sha256.reason());
        assertEquals("SHA256", sha256.certIdHash());
        ProbeResult unissued = report.probes().stream().filter(p -> p.kind().equals("unissued-serial")).findFirst().orElseThrow();
        assertEquals(Outcome.UNKNOWN, unissued.outcome(), "OpenSSL does not vouch for serials outside its index");
        assertTrue(report.findings().stream().noneMatch(f -> f.kind().equals("unissued-serial")));
        assertEquals(CheckExitCode.ALL_AUTHORITATIVE, report.exitCode(), "conformance probes do not change the exit code");
    }

    @Test
    void blocksLoopbackResponderByDefaultWithoutSendingARequest() throws Exception {
        try (FakeResponder fake = FakeResponder.start(vertx)) {
            fake.fixed("/", 200, "application/ocsp-response", new byte[] {0x30, 0x03, 0x0a, 0x01, 0x06});
            CheckReport report = check(bundle("blocked", GOOD, fake.url("/ocsp")), AddressPolicy.PUBLIC_ONLY);

            for (ProbeResult probe : report.probes()) {
                assertEquals(Outcome.BLOCKED, probe.outcome());
                assertTrue(probe.reason().contains("127.0.0.1 is loopback"), probe.reason());
            }
            assertEquals(CheckExitCode.UNREACHABLE, report.exitCode());
            assertEquals(List.of(), fake.received(), "a refused address must never see a packet");
        }
    }

    @Test
    void flagsGoodAnswerForUnissuedSerialFromAResponderThatSaysGoodToEverything() throws Exception {
        try (FakeResponder fake = FakeResponder.start(vertx)) {
            fake.route("/", received -> request -> request.response().putHeader("Content-Type", "application/ocsp-response")
                    .end(io.vertx.core.buffer.Buffer.buffer(AlwaysGood.answer(pki, received))));
            CheckOptions options = CheckOptions.certificate(bundle("yes-man", GOOD, fake.url("/")))
                    .addressPolicy(LOOPBACK_ONLY).crl(false).unissuedSerial(true).build();
            CheckReport report = run(options);

            assertTrue(report.findings().stream().anyMatch(f -> f.kind().equals("unissued-serial") && f.severity().equals("ERROR")),
                    report.findings().toString());
        }
    }

    @Test
    void judgesTheStapledResponseAndProbesTheResponderInHostMode(@TempDir Path serverDirectory) throws Exception {
        SimulatedCa.Issued server = pki.issuing.issueWithKey(new CertificateProfile(List.of("localhost"),
                TestPki.NOW.minus(Duration.ofDays(1)), Duration.ofDays(30), List.of(openssl.url()), List.of(), List.of(), false), GOOD);
        byte[] staple = pki.issuing.signer().sign(CertId.of(pki.issuing.asIssuer(), GOOD, CertIdHash.SHA1),
                OcspAnswer.revoked(TestPki.NOW.minus(Duration.ofHours(1)), Duration.ofDays(4), TestPki.NOW.minus(Duration.ofDays(1)), 4));
        try (OpenSslTlsServer tls = OpenSslTlsServer.start(serverDirectory, server.certificate(), server.keyPair().getPrivate(),
                List.of(pki.issuing.certificate()), staple)) {
            CheckReport report = run(CheckOptions.host("localhost:" + tls.port()).addressPolicy(LOOPBACK_ONLY).crl(false).build());

            assertEquals("TLS chain", report.issuer().source());
            assertTrue(report.tls().stapled());
            assertEquals(Outcome.REVOKED, report.stapled().outcome(), "the staple says revoked (superseded)");
            assertEquals("superseded", report.stapled().details().revocationReason());
            assertEquals(List.of(Outcome.GOOD, Outcome.GOOD), report.probes().stream().map(ProbeResult::outcome).toList(),
                    "the responder itself says good: the report shows both, the staple never sets the exit code");
            assertEquals(CheckExitCode.ALL_AUTHORITATIVE, report.exitCode());
        }
    }

    private CheckReport check(Path bundle, AddressPolicy policy) throws Exception {
        return run(CheckOptions.certificate(bundle).addressPolicy(policy).crl(false).build());
    }

    private CheckReport run(CheckOptions options) throws Exception {
        try (CheckRunner runner = new CheckRunner(vertx, new StaticNameResolver(), options, Clock.systemUTC())) {
            return runner.run().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static Path bundle(String name, BigInteger serial, String ocspUrl) {
        X509CertificateHolder leaf = pki.leaf(serial, List.of(ocspUrl), List.of(), List.of());
        return TestPki.writePem(directory.resolve(name + ".pem"), leaf, pki.issuing.certificate());
    }
}
