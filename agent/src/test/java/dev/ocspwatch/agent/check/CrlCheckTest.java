package dev.ocspwatch.agent.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.agent.probe.AddressPolicy;
import dev.ocspwatch.agent.probe.Cidr;
import dev.ocspwatch.agent.probe.FetchLimits;
import dev.ocspwatch.agent.probe.HttpFetcher;
import dev.ocspwatch.agent.testing.Closer;
import dev.ocspwatch.agent.testing.FakeResponder;
import dev.ocspwatch.agent.testing.StaticNameResolver;
import dev.ocspwatch.agent.testing.TestPki;
import dev.ocspwatch.lab.pki.CrlEntry;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.pki.SimulatedCa;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CRLs signed by the simulated CAs, served over loopback HTTP, judged against the certificate's issuer. */
class CrlCheckTest {
    private static final AddressPolicy LOOPBACK_ONLY = new AddressPolicy(false, List.of(Cidr.parse("127.0.0.1/32")));
    private static final BigInteger SERIAL = TestPki.serial(0x3001);
    private static final BigInteger OTHER_A = TestPki.serial(0x3002);
    private static final BigInteger OTHER_B = TestPki.serial(0x3003);
    // CRL times are UTCTime: whole seconds
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant THIS_UPDATE = NOW.minus(Duration.ofHours(2));
    private static final Instant NEXT_UPDATE = NOW.plus(Duration.ofDays(5));

    static Vertx vertx;
    static TestPki pki;
    static FakeResponder fake;
    static HttpFetcher fetcher;
    static CrlCheck crlCheck;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        pki = TestPki.shared();
        fake = FakeResponder.start(vertx);
        fetcher = new HttpFetcher(vertx, new StaticNameResolver(), LOOPBACK_ONLY, Clock.systemUTC(), 2);
        crlCheck = new CrlCheck(fetcher, FetchLimits.ocsp().withMaxBodyBytes(FetchLimits.CRL_MAX_BYTES), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        Closer.closeAll(fetcher, fake, Closer.vertx(vertx));
    }

    @Test
    void reportsNotListedWithTheCrlsFacts() throws Exception {
        byte[] crl = pki.issuing.crl(List.of(
                        new CrlEntry(OTHER_A, NOW.minus(Duration.ofDays(3)), 1),
                        new CrlEntry(OTHER_B, NOW.minus(Duration.ofDays(1)), null)),
                THIS_UPDATE, NEXT_UPDATE, BigInteger.valueOf(4711));
        String url = serve("/not-listed.crl", crl);

        CrlReport report = check(url);

        assertEquals("NOT_LISTED", report.result(), report.message());
        assertEquals(url, report.url());
        assertEquals(2, report.entries());
        assertEquals(THIS_UPDATE, report.thisUpdate());
        assertEquals(NEXT_UPDATE, report.nextUpdate());
        assertEquals("4711", report.crlNumber());
        assertEquals(Boolean.TRUE, report.signatureValid());
        assertEquals(200, report.httpStatus());
        assertEquals(crl.length, report.bytes());
        assertEquals("application/pkix-crl", report.headers().get("content-type"));
        assertTrue(report.issuer().contains("CN=Agent Test Issuing CA"), report.issuer());
        assertNull(report.revocationTime());
        assertNull(report.revocationReason());
        assertNotNull(report.timings().totalMs());
    }

    @Test
    void reportsListedWithRevocationTimeAndReason() throws Exception {
        Instant revokedAt = NOW.minus(Duration.ofHours(30));
        byte[] crl = pki.issuing.crl(List.of(
                        new CrlEntry(OTHER_A, NOW.minus(Duration.ofDays(3)), 4),
                        new CrlEntry(SERIAL, revokedAt, 1)),
                THIS_UPDATE, NEXT_UPDATE, BigInteger.valueOf(12));

        CrlReport report = check(serve("/listed.crl", crl));

        assertEquals("LISTED", report.result(), report.message());
        assertEquals(revokedAt, report.revocationTime());
        assertEquals("keyCompromise", report.revocationReason());
        assertEquals(2, report.entries());
        assertEquals(Boolean.TRUE, report.signatureValid());
    }

    @Test
    void reportsListedWithoutReasonWhenTheEntryHasNone() throws Exception {
        Instant revokedAt = NOW.minus(Duration.ofHours(5));
        byte[] crl = pki.issuing.crl(List.of(new CrlEntry(SERIAL, revokedAt, null)), THIS_UPDATE, NEXT_UPDATE, BigInteger.ONE);

        CrlReport report = check(serve("/listed-no-reason.crl", crl));

        assertEquals("LISTED", report.result(), report.message());
        assertEquals(revokedAt, report.revocationTime());
        assertNull(report.revocationReason());
    }

    @Test
    void reportsWrongIssuerForACrlFromAnotherCa() throws Exception {
        SimulatedCa other = SimulatedCa.root("Some Other CRL Issuer", KeyKind.ECDSA_P256, NOW.minus(Duration.ofDays(10)),
                new Random(21));
        byte[] crl = other.crl(List.of(new CrlEntry(SERIAL, NOW.minus(Duration.ofHours(1)), 1)), THIS_UPDATE, NEXT_UPDATE,
                BigInteger.TEN);

        CrlReport report = check(serve("/wrong-issuer.crl", crl));

        assertEquals("WRONG_ISSUER", report.result(), report.message());
        assertTrue(report.message().contains("Some Other CRL Issuer"), report.message());
        assertEquals(Boolean.FALSE, report.signatureValid());
        assertTrue(report.issuer().contains("Some Other CRL Issuer"), report.issuer());
    }

    @Test
    void reportsBadSignatureWhenTheIssuerNameMatchesButTheKeyDiffers() throws Exception {
        SimulatedCa impostor = SimulatedCa.root("Agent Test Issuing CA", KeyKind.ECDSA_P256, NOW.minus(Duration.ofDays(10)),
                new Random(22));
        byte[] crl = impostor.crl(List.of(), THIS_UPDATE, NEXT_UPDATE, BigInteger.TWO);

        CrlReport report = check(serve("/impostor.crl", crl));

        assertEquals("BAD_SIGNATURE", report.result(), report.message());
        assertEquals(Boolean.FALSE, report.signatureValid());
        assertTrue(report.message().contains("signature"), report.message());
    }

    @Test
    void reportsNotCurrentWhenNextUpdateHasPassed() throws Exception {
        Instant nextUpdate = NOW.minus(Duration.ofHours(1));
        byte[] crl = pki.issuing.crl(List.of(), NOW.minus(Duration.ofDays(8)), nextUpdate, BigInteger.valueOf(3));

        CrlReport report = check(serve("/stale.crl", crl));

        assertEquals("NOT_CURRENT", report.result(), report.message());
        assertTrue(report.message().contains(nextUpdate.toString()), report.message());
        assertEquals(Boolean.TRUE, report.signatureValid(), "stale, but genuinely signed");
    }

    @Test
    void reportsMalformedForGarbage() throws Exception {
        byte[] html = "<html>404 Not Found</html>".getBytes(StandardCharsets.US_ASCII);

        CrlReport report = check(serve("/garbage.crl", html));

        assertEquals("MALFORMED", report.result(), report.message());
        assertEquals(html.length, report.bytes());
        assertNull(report.signatureValid());
    }

    @Test
    void reportsMalformedForATruncatedCrl() throws Exception {
        byte[] crl = pki.issuing.crl(List.of(), THIS_UPDATE, NEXT_UPDATE, BigInteger.ONE);
        byte[] truncated = java.util.Arrays.copyOf(crl, crl.length / 2);

        CrlReport report = check(serve("/truncated.crl", truncated));

        assertEquals("MALFORMED", report.result(), report.message());
    }

    @Test
    void reportsUnavailableForHttp404() throws Exception {
        CrlReport report = check(fake.url("/no-such.crl"));

        assertEquals("UNAVAILABLE", report.result(), report.message());
        assertEquals(404, report.httpStatus());
        assertEquals("HTTP_ERROR", report.fetchOutcome());
        assertTrue(report.message().contains("404"), report.message());
    }

    @Test
    void reportsUnavailableWithTheFetchOutcomeWhenTheAddressIsRefused() throws Exception {
        CrlReport report = check("http://192.168.7.7/ca.crl");

        assertEquals("UNAVAILABLE", report.result(), report.message());
        assertEquals("BLOCKED", report.fetchOutcome());
        assertNull(report.httpStatus());
    }

    @Test
    void skipsLdapUrlsWithoutFetching() throws Exception {
        int before = fake.received().size();

        CrlReport report = check("ldap://127.0.0.1:" + fake.port() + "/CN=Agent%20Test%20Issuing%20CA?certificateRevocationList");

        assertEquals("SKIPPED", report.result(), report.message());
        assertTrue(report.message().contains("http"), report.message());
        assertNull(report.fetchOutcome());
        assertEquals(before, fake.received().size(), "nothing was requested");
    }

    private static String serve(String path, byte[] body) {
        fake.fixed(path, 200, "application/pkix-crl", body);
        return fake.url(path);
    }

    private static CrlReport check(String url) throws Exception {
        return crlCheck.check(url, pki.issuing.asIssuer(), SERIAL).toCompletionStage().toCompletableFuture()
                .get(15, TimeUnit.SECONDS);
    }
}
