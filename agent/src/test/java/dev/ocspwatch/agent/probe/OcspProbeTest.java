package dev.ocspwatch.agent.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.agent.testing.Closer;
import dev.ocspwatch.agent.testing.FakeResponder;
import dev.ocspwatch.agent.testing.Ports;
import dev.ocspwatch.agent.testing.ScriptedOcspResponder;
import dev.ocspwatch.agent.testing.ScriptedOcspResponder.Reply;
import dev.ocspwatch.agent.testing.StaticNameResolver;
import dev.ocspwatch.agent.testing.TestPki;
import dev.ocspwatch.common.ocsp.CertId;
import dev.ocspwatch.common.ocsp.CertIdHash;
import dev.ocspwatch.common.ocsp.CheckSettings;
import dev.ocspwatch.common.ocsp.OcspRequest;
import dev.ocspwatch.common.ocsp.OcspResponseChecker;
import dev.ocspwatch.common.ocsp.ResponseExpectation;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.probe.ProbeResult;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.pki.OcspAnswer;
import dev.ocspwatch.lab.pki.OcspSigner;
import dev.ocspwatch.lab.pki.ResponderProfile;
import dev.ocspwatch.lab.pki.SimulatedCa;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OCSP probe against a scripted, misbehaving responder on loopback: real Bouncy Castle
 * signatures from the test PKI, real HTTP, one outcome per fetch.
 */
class OcspProbeTest {
    private static final AddressPolicy LOOPBACK_ONLY = new AddressPolicy(false, List.of(Cidr.parse("127.0.0.1/32")));
    private static final BigInteger SERIAL = TestPki.serial(0x2001);
    private static final Instant NOW = Instant.now();
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(400);

    static Vertx vertx;
    static TestPki pki;
    static FakeResponder fake;
    static ScriptedOcspResponder responder;
    static StaticNameResolver resolver;
    static HttpFetcher fetcher;
    static OcspProbe probe;
    static CertId certId;
    static ResponseExpectation expected;
    /** A CA that has nothing to do with our certificate. */
    static SimulatedCa unrelated;
    /** A different key under exactly the issuing CA's name. */
    static SimulatedCa impostor;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        pki = TestPki.shared();
        fake = FakeResponder.start(vertx);
        responder = new ScriptedOcspResponder(fake);
        resolver = new StaticNameResolver().map("ocsp-internal.example.test", "10.1.2.3");
        fetcher = new HttpFetcher(vertx, resolver, LOOPBACK_ONLY, Clock.systemUTC(), 4);
        probe = probe(fetcher, FetchLimits.ocsp().withTimeout(Duration.ofSeconds(5)));
        certId = CertId.of(pki.issuing.asIssuer(), SERIAL, CertIdHash.SHA1);
        expected = ResponseExpectation.subscriber(pki.issuing.asIssuer(), certId);
        Instant notBefore = NOW.minus(Duration.ofDays(30));
        unrelated = SimulatedCa.root("Unrelated Probe Test CA", KeyKind.ECDSA_P256, notBefore, new Random(11));
        impostor = SimulatedCa.root("Agent Test Issuing CA", KeyKind.ECDSA_P256, notBefore, new Random(13));
    }

    @AfterAll
    static void stop() throws Exception {
        Closer.closeAll(fetcher, fake, Closer.vertx(vertx));
    }

    // ---- authoritative answers ----

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void reportsGoodSignedByTheIssuingCa(ProbeMethod method) throws Exception {
        String name = "good-" + method;
        String url = responder.serve(name, request -> Reply.ocsp(pki.issuing.signer().sign(request.certId(), fresh())));

        ProbeResult result = probe(url, method);

        assertEquals(Outcome.GOOD, result.outcome(), result.reason());
        assertTrue(result.reason().contains("issuing CA"), result.reason());
        assertEquals("good", result.details().certStatus());
        assertEquals("issuer", result.details().signer().role());
        assertTrue(result.details().signer().subject().contains("CN=Agent Test Issuing CA"), result.details().signer().subject());
        assertEquals(List.of(certId), responder.requests(name).get(0).certIds(), "the request asked about our certificate");
        assertEquals(1, responder.received(name).size());
        assertEquals(method.name(), responder.received(name).get(0).method());
    }

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void reportsRevokedWithTimeAndReason(ProbeMethod method) throws Exception {
        Instant revokedAt = NOW.minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        String url = responder.serve("revoked-" + method, request -> Reply.ocsp(pki.issuing.signer().sign(request.certId(),
                OcspAnswer.revoked(NOW.minus(Duration.ofHours(1)), Duration.ofDays(4), revokedAt, 1))));

        ProbeResult result = probe(url, method);

        assertEquals(Outcome.REVOKED, result.outcome(), result.reason());
        assertEquals("revoked", result.details().certStatus());
        assertEquals("keyCompromise", result.details().revocationReason());
        assertEquals(revokedAt, result.details().revocationTime());
        assertTrue(result.reason().contains("keyCompromise"), result.reason());
    }

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void reportsUnknownWhenTheResponderDoesNotKnowTheCertificate(ProbeMethod method) throws Exception {
        String url = responder.serve("unknown-" + method, request -> Reply.ocsp(pki.issuing.signer().sign(request.certId(),
                OcspAnswer.unknown(NOW.minus(Duration.ofHours(1)), Duration.ofDays(4)))));

        ProbeResult result = probe(url, method);

        assertEquals(Outcome.UNKNOWN, result.outcome(), result.reason());
        assertEquals("unknown", result.details().certStatus());
        assertTrue(result.reason().contains("unknown"), result.reason());
    }

    // ---- unsigned error statuses ----

    static Stream<Arguments> unsignedStatuses() {
        List<Arguments> cases = new ArrayList<>();
        for (ProbeMethod method : ProbeMethod.values()) {
            cases.add(Arguments.of(method, 6, Outcome.UNAUTHORIZED, "unauthorized (6)"));
            cases.add(Arguments.of(method, 3, Outcome.TRY_LATER, "tryLater (3)"));
            cases.add(Arguments.of(method, 2, Outcome.INTERNAL_ERROR, "internalError (2)"));
            cases.add(Arguments.of(method, 1, Outcome.MALFORMED_REQUEST, "malformedRequest (1)"));
            cases.add(Arguments.of(method, 5, Outcome.SIG_REQUIRED, "sigRequired (5)"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} status {1} -> {2}")
    @MethodSource("unsignedStatuses")
    void mapsUnsignedErrorStatusToItsOutcome(ProbeMethod method, int status, Outcome outcome, String described)
            throws Exception {
        String url = responder.serve("status-" + status + "-" + method, request -> Reply.ocsp(OcspSigner.error(status)));

        ProbeResult result = probe(url, method);

        assertEquals(outcome, result.outcome(), result.reason());
        assertTrue(result.reason().contains(described), result.reason());
        assertEquals(described, result.details().responseStatus());
        assertNull(result.details().signer(), "an unsigned error has no signer");
        assertEquals(200, result.httpStatus());
    }

    @Test
    void treatsUndefinedResponseStatusAsMalformed() throws Exception {
        String url = responder.serve("status-4", request -> Reply.ocsp(OcspSigner.error(4)));

        ProbeResult result = probe(url, ProbeMethod.POST);

        assertEquals(Outcome.MALFORMED_RESPONSE, result.outcome(), result.reason());
        assertTrue(result.reason().contains("4"), result.reason());
    }

    // ---- who signed ----

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void refusesAnswerSignedByAnUnrelatedCasKeyAsUnauthorizedSigner(ProbeMethod method) throws Exception {
        // ResponderID by key of a CA we never heard of, no certificate: the signer cannot be identified
        String url = responder.serve("unrelated-" + method, request -> Reply.ocsp(unrelated.signer().sign(request.certId(), fresh())));

        ProbeResult result = probe(url, method);

        assertEquals(Outcome.UNAUTHORIZED_SIGNER, result.outcome(), result.reason());
        assertTrue(result.reason().contains("names neither the issuer"), result.reason());
    }

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void refusesAnUnrelatedCaThatIncludesItsCertificateAsUnauthorizedSigner(ProbeMethod method) throws Exception {
        OcspSigner signer = unrelated.signer().withResponderIdByKey(false).withCertificateIncluded(true);
        String url = responder.serve("unrelated-with-cert-" + method,
                request -> Reply.ocsp(signer.sign(request.certId(), fresh())));

        ProbeResult result = probe(url, method);

        assertEquals(Outcome.UNAUTHORIZED_SIGNER, result.outcome(), result.reason());
        assertTrue(result.reason().contains("not signed by the issuing CA"), result.reason());
        assertTrue(result.reason().contains("Unrelated Probe Test CA"), result.reason());
    }

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void reportsBadSignatureWhenTheResponderIdNamesTheIssuerButAnotherKeySigned(ProbeMethod method) throws Exception {
        // same subject DN as the issuing CA, different key: we know whose key must verify, and it does not
        OcspSigner signer = impostor.signer().withResponderIdByKey(false);
        String url = responder.serve("impostor-" + method, request -> Reply.ocsp(signer.sign(request.certId(), fresh())));

        ProbeResult result = probe(url, method);

        assertEquals(Outcome.BAD_SIGNATURE, result.outcome(), result.reason());
        assertTrue(result.reason().contains("issuer's key"), result.reason());
    }

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void refusesDelegatedResponderWithoutOcspSigningEku(ProbeMethod method) throws Exception {
        OcspSigner signer = pki.issuing.delegatedResponder(new ResponderProfile("Probe Test Responder Without EKU",
                KeyKind.ECDSA_P256, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)), false, true));
        String url = responder.serve("no-eku-" + method, request -> Reply.ocsp(signer.sign(request.certId(), fresh())));

        ProbeResult result = probe(url, method);

        assertEquals(Outcome.UNAUTHORIZED_SIGNER, result.outcome(), result.reason());
        assertTrue(result.reason().contains("id-kp-OCSPSigning"), result.reason());
        assertTrue(result.reason().contains("Probe Test Responder Without EKU"), result.reason());
    }

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void refusesExpiredDelegatedResponder(ProbeMethod method) throws Exception {
        OcspSigner signer = pki.issuing.delegatedResponder(ResponderProfile.proper("Probe Test Expired Responder",
                KeyKind.ECDSA_P256, NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1))));
        String url = responder.serve("expired-responder-" + method, request -> Reply.ocsp(signer.sign(request.certId(), fresh())));

        ProbeResult result = probe(url, method);

        assertEquals(Outcome.UNAUTHORIZED_SIGNER, result.outcome(), result.reason());
        assertTrue(result.reason().contains("expired"), result.reason());
    }

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void acceptsProperDelegatedResponder(ProbeMethod method) throws Exception {
        OcspSigner signer = pki.issuing.delegatedResponder(ResponderProfile.proper("Probe Test Delegated Responder",
                KeyKind.ECDSA_P256, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))));
        String url = responder.serve("delegated-" + method, request -> Reply.ocsp(signer.sign(request.certId(), fresh())));

        ProbeResult result = probe(url, method);

        assertEquals(Outcome.GOOD, result.outcome(), result.reason());
        assertEquals("delegated", result.details().signer().role());
        assertTrue(result.details().signer().subject().contains("Probe Test Delegated Responder"),
                result.details().signer().subject());
        assertEquals(signer.certificate().getSerialNumber().toString(16), result.details().signer().serialHex());
    }

    // ---- what it answers about ----

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void reportsWrongCertIdWhenTheAnswerIsForAnotherSerial(ProbeMethod method) throws Exception {
        BigInteger other = SERIAL.add(BigInteger.ONE);
        String url = responder.serve("other-serial-" + method, request -> Reply.ocsp(pki.issuing.signer().sign(
                new CertId(request.certId().hash(), request.certId().issuerNameHash(), request.certId().issuerKeyHash(), other),
                fresh())));

        ProbeResult result = probe(url, method);

        assertEquals(Outcome.WRONG_CERT_ID, result.outcome(), result.reason());
        assertTrue(result.reason().contains("asked for serial 2001"), result.reason());
        assertTrue(result.reason().contains("2002"), result.reason());
    }

    @Test
    void reportsWrongCertIdWhenTheAnswerIsForTheSameSerialUnderAnotherIssuer() throws Exception {
        CertId foreign = CertId.of(unrelated.asIssuer(), SERIAL, CertIdHash.SHA1);
        String url = responder.serve("other-issuer", request -> Reply.ocsp(pki.issuing.signer().sign(foreign, fresh())));

        ProbeResult result = probe(url, ProbeMethod.POST);

        assertEquals(Outcome.WRONG_CERT_ID, result.outcome(), result.reason());
        assertTrue(result.reason().contains("same serial"), result.reason());
    }

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void reportsNotCurrentWhenNextUpdateHasPassed(ProbeMethod method) throws Exception {
        OcspAnswer stale = OcspAnswer.good(NOW.minus(Duration.ofDays(3)), Duration.ofDays(1));
        String url = responder.serve("stale-" + method, request -> Reply.ocsp(pki.issuing.signer().sign(request.certId(), stale)));

        ProbeResult result = probe(url, method);

        assertEquals(Outcome.NOT_CURRENT, result.outcome(), result.reason());
        assertTrue(result.reason().contains("nextUpdate"), result.reason());
        assertTrue(result.reason().contains("passed"), result.reason());
        assertEquals(stale.nextUpdate().truncatedTo(ChronoUnit.SECONDS),
                result.details().nextUpdate().truncatedTo(ChronoUnit.SECONDS));
    }

    // ---- HTTP and body trouble ----

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void reportsHttpErrorWithTheStatusRecorded(ProbeMethod method) throws Exception {
        byte[] body = "upstream replica unavailable".getBytes(StandardCharsets.US_ASCII);
        String name = "http-500-" + method;
        String url = responder.serve(name, request -> new Reply(500, java.util.Map.of("Content-Type", "text/plain"), body));

        ProbeResult result = probe(url, method);

        assertEquals(Outcome.HTTP_ERROR, result.outcome(), result.reason());
        assertEquals(500, result.httpStatus());
        assertTrue(result.reason().contains("500"), result.reason());
        assertEquals(Base64.getEncoder().encodeToString(body), result.responseBase64());
        assertNull(result.details(), "an HTTP error is not judged as OCSP");
    }

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void reportsMalformedResponseForAOneByteBody(ProbeMethod method) throws Exception {
        String url = responder.serve("one-byte-" + method, request -> Reply.ocsp(new byte[] {0x30}));

        ProbeResult result = probe(url, method);

        assertEquals(Outcome.MALFORMED_RESPONSE, result.outcome(), result.reason());
        assertEquals(200, result.httpStatus());
        assertEquals(1, result.bodyBytes());
        assertEquals("MA==", result.responseBase64());
    }

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void reportsMalformedResponseForAGarbageBody(ProbeMethod method) throws Exception {
        byte[] html = "<html><body>Service Unavailable</body></html>".getBytes(StandardCharsets.US_ASCII);
        String url = responder.serve("garbage-" + method,
                request -> new Reply(200, java.util.Map.of("Content-Type", "text/html"), html));

        ProbeResult result = probe(url, method);

        assertEquals(Outcome.MALFORMED_RESPONSE, result.outcome(), result.reason());
        assertTrue(result.reason().contains("not an OCSPResponse"), result.reason());
        assertEquals(html.length, result.bodyBytes());
    }

    // ---- transport ----

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void reportsTimeoutWhenResponderNeverAnswers(ProbeMethod method) throws Exception {
        String url = responder.silent("silent-" + method);
        OcspProbe quick = probe(fetcher, FetchLimits.ocsp().withTimeout(PROBE_TIMEOUT));

        long start = System.nanoTime();
        ProbeResult result = get(quick.probe(url, method, expected, "standard"));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(Outcome.TIMEOUT, result.outcome(), result.reason());
        assertTrue(result.reason().contains("400 ms"), result.reason());
        assertNull(result.httpStatus());
        assertNull(result.responseBase64());
        assertTrue(tookMs >= 390 && tookMs < 3_000, "deadline honoured: took " + tookMs + " ms");
        assertEquals(1, responder.received("silent-" + method).size(), "the request did reach the responder");
    }

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void reportsTimeoutWhenResponderStallsPastDeadline(ProbeMethod method) throws Exception {
        String url = responder.late("late-" + method, 2_500,
                Reply.ocsp(pki.issuing.signer().sign(certId, fresh())));
        OcspProbe quick = probe(fetcher, FetchLimits.ocsp().withTimeout(PROBE_TIMEOUT));

        long start = System.nanoTime();
        ProbeResult result = get(quick.probe(url, method, expected, "standard"));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(Outcome.TIMEOUT, result.outcome(), result.reason());
        assertTrue(tookMs < 2_000, "gave up at the deadline, before the late answer: took " + tookMs + " ms");
    }

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void reportsConnectFailureWhenNothingListens(ProbeMethod method) throws Exception {
        int port = Ports.closed("127.0.0.1");
        String url = "http://127.0.0.1:" + port + "/ocsp";

        ProbeResult result = probe(url, method);

        assertEquals(Outcome.CONNECT_FAILURE, result.outcome(), result.reason());
        assertTrue(result.reason().contains("127.0.0.1:" + port), result.reason());
        assertEquals(List.of("127.0.0.1"), result.resolvedAddresses());
        assertNull(result.httpStatus());
    }

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void reportsDnsFailureForANameThatDoesNotResolve(ProbeMethod method) throws Exception {
        try (HttpFetcher system = new HttpFetcher(vertx, new SystemNameResolver(vertx), AddressPolicy.PUBLIC_ONLY,
                Clock.systemUTC(), 1)) {
            OcspProbe viaSystemDns = probe(system, FetchLimits.ocsp().withTimeout(Duration.ofSeconds(8)));

            ProbeResult result = get(viaSystemDns.probe("http://ocsp.example.invalid/", method, expected, "standard"));

            assertEquals(Outcome.DNS_FAILURE, result.outcome(), result.reason());
            assertTrue(result.reason().contains("ocsp.example.invalid"), result.reason());
            assertEquals(List.of(), result.resolvedAddresses());
            assertNull(result.connectedAddress());
            assertNotNull(result.timings().dnsMs());
            assertNull(result.timings().connectMs());
        }
    }

    // ---- address policy on every hop ----

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void blocksRedirectToCloudMetadataWithoutConnecting(ProbeMethod method) throws Exception {
        String metadata = "http://169.254.169.254/latest/meta-data/";
        String url = responder.redirect("to-metadata-" + method, 302, metadata);

        ProbeResult result = probe(url, method);

        assertEquals(Outcome.BLOCKED, result.outcome(), result.reason());
        assertTrue(result.reason().contains("169.254.169.254"), result.reason());
        assertTrue(result.reason().contains("link-local"), result.reason());
        assertEquals(List.of(metadata), result.redirects());
        assertEquals(List.of("169.254.169.254"), result.resolvedAddresses());
        assertEquals("127.0.0.1:" + fake.port(), result.connectedAddress(), "only the first hop was ever connected");
        assertNull(result.httpStatus());
        assertEquals(1, responder.received("to-metadata-" + method).size(), "the first hop was served");
    }

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void blocksRedirectToANameResolvingToAPrivateAddress(ProbeMethod method) throws Exception {
        String internal = "http://ocsp-internal.example.test/ocsp";
        String url = responder.redirect("to-internal-" + method, 302, internal);

        ProbeResult result = probe(url, method);

        assertEquals(Outcome.BLOCKED, result.outcome(), result.reason());
        assertTrue(result.reason().contains("10.1.2.3"), result.reason());
        assertTrue(result.reason().contains("private"), result.reason());
        assertEquals(List.of(internal), result.redirects());
        assertEquals(List.of("10.1.2.3"), result.resolvedAddresses());
        assertFalse(String.valueOf(result.connectedAddress()).startsWith("10.1.2.3"), result.connectedAddress());
    }

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void blocksResponderAtAPrivateAddressLiteral(ProbeMethod method) throws Exception {
        ProbeResult result = probe("http://10.0.0.7/ocsp", method);

        assertEquals(Outcome.BLOCKED, result.outcome(), result.reason());
        assertTrue(result.reason().contains("10.0.0.7 is private"), result.reason());
        assertNull(result.connectedAddress());
        assertNull(result.timings().connectMs(), "no connection was attempted");
    }

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void blocksLoopbackResponderUnderThePublicOnlyPolicyWithoutSendingARequest(ProbeMethod method) throws Exception {
        try (FakeResponder own = FakeResponder.start(vertx);
             HttpFetcher publicOnly = new HttpFetcher(vertx, resolver, AddressPolicy.PUBLIC_ONLY, Clock.systemUTC(), 1)) {
            ScriptedOcspResponder scripted = new ScriptedOcspResponder(own);
            String url = scripted.serve("ocsp", request -> Reply.ocsp(pki.issuing.signer().sign(request.certId(), fresh())));

            ProbeResult result = get(probe(publicOnly, FetchLimits.ocsp()).probe(url, method, expected, "standard"));

            assertEquals(Outcome.BLOCKED, result.outcome(), result.reason());
            assertTrue(result.reason().contains("127.0.0.1 is loopback"), result.reason());
            assertEquals(List.of(), own.received(), "a refused address must never see a request");
        }
    }

    // ---- what the result records ----

    @ParameterizedTest
    @EnumSource(ProbeMethod.class)
    void recordsTheWholeExchange(ProbeMethod method) throws Exception {
        String name = "recorded-" + method;
        String url = responder.serve(name, request -> Reply.ocsp(pki.issuing.signer().sign(request.certId(), fresh()))
                .withHeader("Cache-Control", "public, max-age=3600")
                .withHeader("Age", "42")
                .withHeader("X-Cache", "HIT from edge-7"));
        byte[] requestDer = OcspRequest.of(certId).der();
        String base64 = Base64.getEncoder().encodeToString(requestDer);

        Instant before = Instant.now();
        ProbeResult result = get(probe.probe(url, method, expected, "standard"));
        Instant after = Instant.now();

        assertEquals(Outcome.GOOD, result.outcome(), result.reason());
        assertEquals(method.name(), result.method());
        assertEquals("standard", result.kind());
        assertEquals(url, result.url());
        assertEquals("SHA1", result.certIdHash());
        assertEquals("2001", result.serial());
        String expectedRequestUrl = method == ProbeMethod.GET
                ? url + base64.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
                : url;
        assertEquals(expectedRequestUrl, result.requestUrl());
        assertArrayEquals(requestDer, Base64.getDecoder().decode(result.requestBase64()));

        FakeResponder.Received received = responder.received(name).get(0);
        assertArrayEquals(requestDer, ScriptedOcspResponder.requestDer(received, ScriptedOcspResponder.prefix(name)),
                "the responder got exactly the recorded request");
        if (method == ProbeMethod.POST) {
            assertEquals("application/ocsp-request", received.headers().get("content-type"));
        } else {
            assertEquals(0, received.body().length);
        }
        assertTrue(received.headers().get("user-agent").startsWith("ocspwatch/"), received.headers().toString());

        byte[] sent = responder.sent(name).get(0);
        assertEquals(Base64.getEncoder().encodeToString(sent), result.responseBase64());
        assertEquals(sent.length, result.bodyBytes());
        assertEquals(200, result.httpStatus());
        assertEquals("public, max-age=3600", result.headers().get("cache-control"));
        assertEquals("42", result.headers().get("age"));
        assertEquals("HIT from edge-7", result.headers().get("x-cache"));
        assertEquals("application/ocsp-response", result.headers().get("content-type"));

        assertNotNull(result.timings().dnsMs(), "dns");
        assertNotNull(result.timings().connectMs(), "connect");
        assertNotNull(result.timings().firstByteMs(), "first byte");
        assertNotNull(result.timings().totalMs(), "total");
        assertTrue(result.timings().totalMs() >= result.timings().firstByteMs(), result.timings().toString());
        assertEquals(List.of("127.0.0.1"), result.resolvedAddresses());
        assertEquals("127.0.0.1:" + fake.port(), result.connectedAddress());
        assertEquals(List.of(), result.redirects());
        assertFalse(result.sentAt().isBefore(before.truncatedTo(ChronoUnit.MILLIS)) || result.sentAt().isAfter(after),
                "sentAt " + result.sentAt() + " within [" + before + ", " + after + "]");
    }

    @Test
    void passesTheConformanceKindThrough() throws Exception {
        String url = responder.serve("kind", request -> Reply.ocsp(pki.issuing.signer().sign(request.certId(), fresh())));
        CertId sha256 = CertId.of(pki.issuing.asIssuer(), SERIAL, CertIdHash.SHA256);

        ProbeResult result = get(probe.probe(url, ProbeMethod.POST,
                ResponseExpectation.subscriber(pki.issuing.asIssuer(), sha256), "sha256-certid"));

        assertEquals(Outcome.GOOD, result.outcome(), result.reason());
        assertEquals("sha256-certid", result.kind());
        assertEquals("SHA256", result.certIdHash());
        assertEquals(List.of(sha256), responder.requests("kind").get(0).certIds());
    }

    // ---- helpers ----

    private static OcspAnswer fresh() {
        return OcspAnswer.good(NOW.minus(Duration.ofHours(1)), Duration.ofDays(4));
    }

    private static OcspProbe probe(HttpFetcher with, FetchLimits limits) {
        return new OcspProbe(with, new OcspResponseChecker(new CheckSettings(Duration.ofMinutes(5), Duration.ofSeconds(10))),
                limits, Clock.systemUTC());
    }

    private static ProbeResult probe(String url, ProbeMethod method) throws Exception {
        return get(probe.probe(url, method, expected, "standard"));
    }

    private static ProbeResult get(io.vertx.core.Future<ProbeResult> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
