package dev.ocspwatch.lab.cdn;

import static dev.ocspwatch.common.outcome.Outcome.GOOD;
import static dev.ocspwatch.common.outcome.Outcome.UNAUTHORIZED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.ocsp.CertId;
import dev.ocspwatch.common.ocsp.CertIdHash;
import dev.ocspwatch.common.ocsp.OcspResponseChecker;
import dev.ocspwatch.common.ocsp.ResponseExpectation;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.lab.origin.CaRepository;
import dev.ocspwatch.lab.scenario.Fault;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.testing.Futures;
import dev.ocspwatch.lab.testing.LabProbe;
import dev.ocspwatch.lab.testing.LabWorld;
import dev.ocspwatch.lab.testing.LabProbe.HttpAnswer;
import dev.ocspwatch.lab.testing.LabProbe.Observation;
import dev.ocspwatch.lab.testing.LabScenarios;
import dev.ocspwatch.lab.truth.CertificateTruth;
import dev.ocspwatch.lab.world.LabCa;
import dev.ocspwatch.lab.world.ManualClock;
import dev.ocspwatch.lab.world.World;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CDN through its points of presence, over real HTTP: what it caches (GET answers per URL for
 * the origin's max-age, errors only with {@code cdnCachesErrors}), what it passes through (POST,
 * the repository host), the headers real CDNs add, and the ground truth it feeds. Deadline 15
 * minutes: story time is real time, moved only by the tests' {@link ManualClock}.
 */
class CdnTest {
    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration SIGNED_AND_COPIED = Duration.ofMinutes(3); // signer 1 min + lag 1 min, and a minute to spare

    private static LabWorld lab;
    private static Vertx vertx;
    private static ManualClock clock;
    private static World world;
    private static LabProbe probe;
    private static LabCa ca;

    @BeforeAll
    static void startWorld() {
        Scenario scenario = LabScenarios.scenario("cdn", 5, Duration.ofMinutes(15), Duration.ofHours(10),
                List.of(LabScenarios.region("north", "alpha"), LabScenarios.region("south", "beta"), LabScenarios.region("west", "alpha")),
                List.of(LabScenarios.site("alpha", 3, Duration.ofMinutes(1)), LabScenarios.site("beta", 3, Duration.ofMinutes(1))),
                List.of(LabScenarios.ca("cdn-ca").signerDelay(Duration.ofMinutes(1)).cacheMaxAge(Duration.ofHours(1))
                        .errorMaxAge(Duration.ofMinutes(5)).build()),
                List.of());
        lab = LabWorld.start(scenario, START);
        vertx = lab.vertx();
        clock = lab.clock();
        world = lab.world();
        probe = lab.probe();
        ca = world.cas().get("cdn-ca");
    }

    @AfterAll
    static void stopWorld() {
        if (lab != null) {
            lab.close();
        }
    }

    @AfterEach
    void clean() {
        lab.reset();
    }

    private static LabCa.Issued issue() {
        return Futures.await(world.issueNow("cdn-ca", false));
    }

    @Test
    void getIsAMissThenAHitWithAgeAndTheSameBody() {
        LabCa.Issued issued = issue();
        clock.advance(SIGNED_AND_COPIED);
        Observation miss = probe.get(world, "north", ca, issued.serial());
        assertEquals(GOOD, miss.outcome(), miss.toString());
        assertEquals("MISS", miss.cache());
        assertNull(miss.header("Age"), "a fresh answer has no Age");
        assertEquals("public, max-age=3600, no-transform", miss.header("Cache-Control"));
        assertEquals("1.1 lab-cdn-north", miss.header("Via"));
        assertEquals("application/ocsp-response", miss.header("Content-Type"));
        assertNotNull(miss.header("Date"));

        clock.advance(Duration.ofSeconds(10));
        Observation hit = probe.get(world, "north", ca, issued.serial());
        assertEquals("HIT", hit.cache());
        assertEquals("10", hit.header("Age"));
        assertEquals(miss.header("Expires"), hit.header("Expires"), "a cached copy expires when the stored one does");
        assertArrayEquals(miss.body(), hit.body());
        assertEquals(GOOD, hit.outcome());

        clock.advance(Duration.ofSeconds(50));
        assertEquals("60", probe.get(world, "north", ca, issued.serial()).header("Age"));
    }

    @Test
    void theCacheIsPerUrl() {
        LabCa.Issued one = issue();
        LabCa.Issued two = issue();
        clock.advance(SIGNED_AND_COPIED);
        assertEquals("MISS", probe.get(world, "north", ca, one.serial()).cache());
        Observation other = probe.get(world, "north", ca, two.serial());
        assertEquals("MISS", other.cache(), "another certificate's URL is not answered from the first one's entry");
        assertEquals(GOOD, other.outcome(), "and its answer names it");
        assertEquals("HIT", probe.get(world, "north", ca, one.serial()).cache());
        assertEquals("HIT", probe.get(world, "north", ca, two.serial()).cache());
    }

    @Test
    void postIsNeverCached() {
        LabCa.Issued issued = issue();
        clock.advance(SIGNED_AND_COPIED);
        for (int i = 0; i < 3; i++) {
            Observation post = probe.post(world, "north", ca, issued.serial());
            assertEquals(GOOD, post.outcome());
            assertEquals("PASS", post.cache());
            assertNull(post.header("Age"));
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals("MISS", probe.get(world, "north", ca, issued.serial()).cache(), "POSTs did not fill the GET cache");
    }

    @Test
    void errorAnswersAreNotCachedWithoutTheSwitch() {
        LabCa.Issued issued = issue();
        Observation first = probe.get(world, "north", ca, issued.serial());
        assertEquals(UNAUTHORIZED, first.outcome(), "not signed yet");
        assertEquals("MISS", first.cache());
        assertEquals("public, max-age=300, no-transform", first.header("Cache-Control"), "the origin sends its error max-age");
        clock.advance(Duration.ofSeconds(5));
        Observation second = probe.get(world, "north", ca, issued.serial());
        assertEquals("MISS", second.cache(), "the error went to the origin again");
        clock.advance(SIGNED_AND_COPIED);
        Observation healed = probe.get(world, "north", ca, issued.serial());
        assertEquals(GOOD, healed.outcome());
        assertEquals("MISS", healed.cache());
    }

    @Test
    void withCdnCachesErrorsAnErrorIsServedFromCacheAfterTheOriginHealed() {
        world.faults().set(new Fault.CdnCachesErrors(null, null, null));
        LabCa.Issued issued = issue();
        Observation first = probe.get(world, "north", ca, issued.serial());
        assertEquals(UNAUTHORIZED, first.outcome());
        assertEquals("MISS", first.cache());
        clock.advance(SIGNED_AND_COPIED);
        assertEquals(GOOD, probe.post(world, "north", ca, issued.serial()).outcome(), "the origin answers GOOD now");
        Observation amplified = probe.get(world, "north", ca, issued.serial());
        assertEquals(UNAUTHORIZED, amplified.outcome(), "the 2025 amplifier");
        assertEquals("HIT", amplified.cache());
        assertEquals("180", amplified.header("Age"));
        clock.advance(Duration.ofMinutes(2)); // 5 minutes after it was stored
        Observation expired = probe.get(world, "north", ca, issued.serial());
        assertEquals(GOOD, expired.outcome());
        assertEquals("MISS", expired.cache());
    }

    @Test
    void aCachedAnswerExpiresAfterTheOriginsMaxAge() {
        LabCa.Issued issued = issue();
        clock.advance(SIGNED_AND_COPIED);
        assertEquals("MISS", probe.get(world, "north", ca, issued.serial()).cache());
        clock.advance(Duration.ofHours(1).minusSeconds(1));
        Observation last = probe.get(world, "north", ca, issued.serial());
        assertEquals("HIT", last.cache());
        assertEquals("3599", last.header("Age"));
        clock.advance(Duration.ofSeconds(1));
        Observation refreshed = probe.get(world, "north", ca, issued.serial());
        assertEquals("MISS", refreshed.cache(), "max-age 3600 s is over");
        assertEquals(GOOD, refreshed.outcome());
        Observation again = probe.get(world, "north", ca, issued.serial());
        assertEquals("HIT", again.cache());
        assertEquals("0", again.header("Age"));
    }

    @Test
    void eachRegionsPopHasItsOwnCacheAndEveryAnswerEntersTheGroundTruth() {
        LabCa.Issued issued = issue();
        clock.advance(Duration.ofMinutes(15)); // at the deadline, so the ledger counts what follows
        assertEquals("MISS", probe.get(world, "north", ca, issued.serial()).cache());
        Observation west = probe.get(world, "west", ca, issued.serial());
        assertEquals("MISS", west.cache(), "west goes to the same site, through its own PoP");
        assertEquals("1.1 lab-cdn-west", west.header("Via"));
        assertEquals("HIT", probe.get(world, "north", ca, issued.serial()).cache());
        assertEquals("MISS", probe.get(world, "south", ca, issued.serial()).cache());
        assertEquals("PASS", probe.post(world, "south", ca, issued.serial()).cache());
        CertificateTruth truth = world.groundTruth().stream().filter(t -> t.certificateId().equals(issued.certificateId()))
                .findFirst().orElseThrow();
        assertEquals(List.of("GOOD", "GOOD"), truth.regions().get("north"), "the HIT is in the ledger too");
        assertEquals(List.of("GOOD"), truth.regions().get("west"));
        assertEquals(List.of("GOOD", "GOOD"), truth.regions().get("south"));
    }

    @Test
    void theRepositoryHostServesTheCrlAndTheIssuerCertificate() throws Exception {
        LabCa.Issued first = issue();
        issue();
        BigInteger revoked = ca.revokeOne();
        assertNotNull(revoked);
        HttpAnswer crlAnswer = probe.http(world, "north", HttpMethod.GET, ca.spec().repositoryHost(), CaRepository.CRL_PATH);
        assertEquals(200, crlAnswer.status());
        assertEquals("application/pkix-crl", crlAnswer.header("Content-Type"));
        assertEquals("PASS", crlAnswer.header("X-Cache"));
        X509CRLHolder crl = new X509CRLHolder(crlAnswer.body());
        assertTrue(crl.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ca.ca().certificate())), "signed by the CA");
        assertEquals(ca.ca().certificate().getSubject(), crl.getIssuer());
        assertEquals(clock.instant().getEpochSecond(), crl.getThisUpdate().toInstant().getEpochSecond());
        assertEquals(1, crl.getRevokedCertificates().size());
        X509CRLEntryHolder entry = crl.getRevokedCertificate(revoked);
        assertNotNull(entry, "lists the revoked serial");
        int reason = CRLReason.getInstance(entry.getExtensions().getExtension(Extension.reasonCode).getParsedValue()).getValue().intValue();
        assertTrue(List.of(1, 4, 5).contains(reason), "reason " + reason);

        // A second revocation in the same second: the CRL is re-signed at most once a second.
        BigInteger second = ca.revokeOne();
        assertNotNull(second);
        assertEquals(1, new X509CRLHolder(probe.http(world, "north", HttpMethod.GET, ca.spec().repositoryHost(), "/crl").body())
                .getRevokedCertificates().size());
        clock.advance(Duration.ofSeconds(1));
        X509CRLHolder next = new X509CRLHolder(probe.http(world, "north", HttpMethod.GET, ca.spec().repositoryHost(), "/crl").body());
        assertNotNull(next.getRevokedCertificate(revoked));
        assertNotNull(next.getRevokedCertificate(second));
        assertTrue(crlNumber(next).compareTo(crlNumber(crl)) > 0, "CRL numbers increase");

        HttpAnswer issuer = probe.http(world, "south", HttpMethod.GET, ca.spec().repositoryHost(), CaRepository.ISSUER_PATH);
        assertEquals(200, issuer.status());
        assertEquals("application/pkix-cert", issuer.header("Content-Type"));
        assertArrayEquals(ca.ca().certificate().getEncoded(), issuer.body());
        HttpAnswer loud = probe.http(world, "south", HttpMethod.GET, ca.spec().repositoryHost().toUpperCase(), CaRepository.ISSUER_PATH);
        assertEquals(200, loud.status(), "host names are case-insensitive");

        assertEquals(404, probe.http(world, "north", HttpMethod.GET, ca.spec().repositoryHost(), "/crl2").status());

        // The revoked certificate's OCSP answer turns REVOKED once signed and copied.
        clock.advance(SIGNED_AND_COPIED);
        BigInteger revokedSerial = revoked;
        Observation status = probe.post(world, "north", ca, revokedSerial);
        assertEquals(Outcome.REVOKED, status.outcome(), status.toString());
        if (!revoked.equals(first.serial()) && !second.equals(first.serial())) {
            assertEquals(GOOD, probe.post(world, "north", ca, first.serial()).outcome());
        }
    }

    @Test
    void unknownHostsAndMethodsAreRefused() {
        HttpAnswer unknown = probe.http(world, "north", HttpMethod.GET, "ocsp.nobody.lab", "/");
        assertEquals(404, unknown.status());
        assertEquals("1.1 lab-cdn-north", unknown.header("Via"));
        assertEquals(405, probe.http(world, "north", HttpMethod.PUT, ca.spec().ocspHost(), "/").status());
    }

    @Test
    void aGetThatIsNotAnOcspRequestIsAnsweredMalformedRequest() {
        HttpAnswer answer = probe.http(world, "north", HttpMethod.GET, ca.spec().ocspHost(), "/not-base64!");
        assertEquals(200, answer.status());
        CertId any = CertId.of(ca.ca().asIssuer(), BigInteger.ONE, CertIdHash.SHA1);
        assertEquals(Outcome.MALFORMED_REQUEST, new OcspResponseChecker()
                .check(answer.body(), ResponseExpectation.subscriber(ca.ca().asIssuer(), any), clock.instant(), null).outcome());
        assertFalse("HIT".equals(probe.http(world, "north", HttpMethod.GET, ca.spec().ocspHost(), "/not-base64!").header("X-Cache")));
    }

    private static BigInteger crlNumber(X509CRLHolder crl) {
        return org.bouncycastle.asn1.x509.CRLNumber.getInstance(crl.getExtension(Extension.cRLNumber).getParsedValue()).getCRLNumber();
    }
}
