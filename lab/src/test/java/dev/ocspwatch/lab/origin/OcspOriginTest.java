package dev.ocspwatch.lab.origin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.ocsp.CertId;
import dev.ocspwatch.common.ocsp.CertIdHash;
import dev.ocspwatch.common.ocsp.OcspRequest;
import dev.ocspwatch.common.ocsp.OcspResponseChecker;
import dev.ocspwatch.common.ocsp.ResponseExpectation;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.lab.scenario.Fault;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.testing.Futures;
import dev.ocspwatch.lab.testing.LabWorld;
import dev.ocspwatch.lab.testing.LabScenarios;
import dev.ocspwatch.lab.world.LabCa;
import dev.ocspwatch.lab.world.ManualClock;
import dev.ocspwatch.lab.world.World;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One CA's origin, asked directly: the order of its checks (the class comment's), what each
 * answer says about itself (the outcome it implies, its max-age, whether a CDN may keep it), and
 * that the bytes say the same when judged by the OCSP core.
 */
class OcspOriginTest {
    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    private static final String SITE = "alpha";
    private static final String REGION = "north";

    private static LabWorld lab;
    private static Vertx vertx;
    private static ManualClock clock;
    private static World world;
    private static LabCa ca;
    private static LabCa other;

    @BeforeAll
    static void startWorld() {
        Scenario scenario = LabScenarios.scenario("origin", 9, Duration.ofMinutes(15), Duration.ofHours(10),
                List.of(LabScenarios.region(REGION, SITE)), List.of(LabScenarios.site(SITE, 2, Duration.ofMinutes(1))),
                List.of(LabScenarios.ca("origin-ca").signerDelay(Duration.ofMinutes(1)).cacheMaxAge(Duration.ofMinutes(40))
                                .errorMaxAge(Duration.ofMinutes(4)).build(),
                        LabScenarios.ca("other-ca").build()),
                List.of());
        lab = LabWorld.start(scenario, START);
        vertx = lab.vertx();
        clock = lab.clock();
        world = lab.world();
        ca = world.cas().get("origin-ca");
        other = world.cas().get("other-ca");
    }

    @AfterAll
    static void stopWorld() {
        if (lab != null) {
            lab.close();
        }
    }

    @AfterEach
    void clearEverySwitch() {
        lab.reset();
    }

    private static LabCa.Issued issue() {
        return Futures.await(world.issueNow("origin-ca", false));
    }

    private static byte[] request(LabCa issuer, BigInteger serial) {
        return OcspRequest.of(CertId.of(issuer.ca().asIssuer(), serial, CertIdHash.SHA1)).der();
    }

    private static OriginAnswer ask(BigInteger serial) {
        return ca.origin().answer(request(ca, serial), SITE, REGION, clock.instant());
    }

    /** What the OCSP core makes of the bytes, asked about {@code serial} of the origin's CA. */
    private static Outcome judge(OriginAnswer answer, BigInteger serial) {
        return new OcspResponseChecker().check(answer.body(),
                ResponseExpectation.subscriber(ca.ca().asIssuer(), CertId.of(ca.ca().asIssuer(), serial, CertIdHash.SHA1)),
                clock.instant(), null).outcome();
    }

    @Test
    void aSignedGoodAnswerIsCacheableForTheCacheMaxAge() {
        LabCa.Issued issued = issue();
        clock.advance(Duration.ofMinutes(2));
        OriginAnswer answer = ask(issued.serial());
        assertEquals(200, answer.httpStatus());
        assertEquals("application/ocsp-response", answer.contentType());
        assertEquals(Outcome.GOOD, answer.implied());
        assertEquals(Outcome.GOOD, judge(answer, issued.serial()));
        assertEquals(issued.serial(), answer.serial());
        assertEquals(Duration.ofMinutes(40), answer.maxAge());
        assertEquals(Duration.ZERO, answer.delay());
        assertTrue(answer.cacheable());
    }

    @Test
    void beforeTheResponseReachesTheReplicaItIsUnauthorized() {
        LabCa.Issued issued = issue();
        clock.advance(Duration.ofMinutes(2).minusMillis(1)); // signed at 1 min, copied 1 min later
        OriginAnswer answer = ask(issued.serial());
        assertEquals(Outcome.UNAUTHORIZED, answer.implied());
        assertEquals(Outcome.UNAUTHORIZED, judge(answer, issued.serial()));
        assertFalse(answer.cacheable(), "an error: a CDN keeps it only with cdnCachesErrors");
        assertEquals(Duration.ofMinutes(4), answer.maxAge());
        clock.advance(Duration.ofMillis(1));
        assertEquals(Outcome.GOOD, ask(issued.serial()).implied());
    }

    @Test
    void aRevokedCertificateIsAnsweredRevoked() {
        LabCa.Issued issued = issue();
        BigInteger revoked;
        do {
            revoked = ca.revokeOne(); // a seeded pick among the unrevoked: ours eventually
        } while (revoked != null && !revoked.equals(issued.serial()));
        clock.advance(Duration.ofMinutes(2));
        OriginAnswer answer = ask(issued.serial());
        assertEquals(Outcome.REVOKED, answer.implied());
        assertEquals(Outcome.REVOKED, judge(answer, issued.serial()));
    }

    @Test
    void requestsNotAboutItsCertificatesAreUnauthorizedAndImplyNothing() {
        LabCa.Issued issued = issue();
        clock.advance(Duration.ofMinutes(2));
        OriginAnswer otherCa = ca.origin().answer(request(other, issued.serial()), SITE, REGION, clock.instant());
        assertEquals(Outcome.UNAUTHORIZED, judge(otherCa, issued.serial()));
        assertNull(otherCa.serial());
        assertNull(otherCa.implied(), "not one of this CA's certificates: nothing for the ground truth");

        OriginAnswer unissued = ask(BigInteger.valueOf(77));
        assertEquals(Outcome.UNAUTHORIZED, judge(unissued, BigInteger.valueOf(77)));
        assertNull(unissued.implied());

        OriginAnswer garbage = ca.origin().answer(null, SITE, REGION, clock.instant());
        assertEquals(Outcome.MALFORMED_REQUEST, judge(garbage, issued.serial()));
        assertNull(garbage.implied());

        OriginAnswer notDer = ca.origin().answer(new byte[] {1, 2, 3}, SITE, REGION, clock.instant());
        assertEquals(Outcome.UNAUTHORIZED, judge(notDer, issued.serial()));
        assertNull(notDer.implied());
    }

    @Test
    void aSha256CertIdIsAnsweredToo() {
        LabCa.Issued issued = issue();
        clock.advance(Duration.ofMinutes(2));
        CertId sha256 = CertId.of(ca.ca().asIssuer(), issued.serial(), CertIdHash.SHA256);
        OriginAnswer answer = ca.origin().answer(OcspRequest.of(sha256).der(), SITE, REGION, clock.instant());
        assertEquals(Outcome.GOOD, answer.implied());
        assertEquals(Outcome.GOOD, new OcspResponseChecker().check(answer.body(),
                ResponseExpectation.subscriber(ca.ca().asIssuer(), sha256), clock.instant(), null).outcome());
    }

    @Test
    void theWebTierFaultsComeFirstInOrder() {
        LabCa.Issued issued = issue();
        clock.advance(Duration.ofMinutes(2));
        world.faults().set(new Fault.WrongSigner("origin-ca", null, null));
        world.faults().set(new Fault.OneByteBody("origin-ca", null, null));
        world.faults().set(new Fault.TryLater("origin-ca", null, null, null));
        world.faults().set(new Fault.HttpStatus("origin-ca", 503, null, null));

        OriginAnswer http = ask(issued.serial());
        assertEquals(503, http.httpStatus());
        assertEquals(Outcome.HTTP_ERROR, http.implied());
        assertFalse(http.cacheable());

        world.faults().clear(Fault.HttpStatus.class);
        OriginAnswer tryLater = ask(issued.serial());
        assertEquals(Outcome.TRY_LATER, tryLater.implied());
        assertEquals(Outcome.TRY_LATER, judge(tryLater, issued.serial()));

        world.faults().clear(Fault.TryLater.class);
        OriginAnswer oneByte = ask(issued.serial());
        assertEquals(Outcome.MALFORMED_RESPONSE, oneByte.implied());
        assertEquals(Outcome.MALFORMED_RESPONSE, judge(oneByte, issued.serial()));
        assertEquals(1, oneByte.body().length);
        assertFalse(oneByte.cacheable());

        world.faults().clear(Fault.OneByteBody.class);
        OriginAnswer rogue = ask(issued.serial());
        assertEquals(Outcome.UNAUTHORIZED_SIGNER, rogue.implied());
        assertEquals(Outcome.UNAUTHORIZED_SIGNER, judge(rogue, issued.serial()));

        world.faults().clear(Fault.WrongSigner.class);
        assertEquals(Outcome.GOOD, ask(issued.serial()).implied());
    }

    @Test
    void webTierFaultsImplyNothingForRequestsNotAboutItsCertificates() {
        world.faults().set(new Fault.HttpStatus("origin-ca", 404, null, null));
        OriginAnswer answer = ca.origin().answer(request(ca, BigInteger.valueOf(99)), SITE, REGION, clock.instant());
        assertEquals(404, answer.httpStatus());
        assertNull(answer.implied());
    }

    @Test
    void unknownAfterIssuanceComesBeforeTheReplicaLookup() {
        world.faults().set(new Fault.UnknownAfterIssuance("origin-ca", Duration.ofMinutes(10), null, null));
        LabCa.Issued issued = issue();
        OriginAnswer answer = ask(issued.serial()); // nothing signed or copied yet
        assertEquals(Outcome.UNKNOWN, answer.implied());
        assertEquals(Outcome.UNKNOWN, judge(answer, issued.serial()), "a signed unknown, not unauthorized");
        assertEquals(Duration.ofMinutes(4), answer.maxAge());
        assertArrayEquals(answer.body(), ask(issued.serial()).body(), "signed once per serial and kept");
        clock.advance(Duration.ofMinutes(10));
        assertEquals(Outcome.GOOD, ask(issued.serial()).implied(), "the window is over");
    }

    @Test
    void theReplicaLookupComesBeforeTheSigningFaults() {
        world.faults().set(new Fault.NextUpdatePast("origin-ca", null, null));
        LabCa.Issued issued = issue();
        assertEquals(Outcome.UNAUTHORIZED, ask(issued.serial()).implied(), "nothing to sign wrongly yet");
        clock.advance(Duration.ofMinutes(2));
        OriginAnswer stale = ask(issued.serial());
        assertEquals(Outcome.NOT_CURRENT, stale.implied());
        assertEquals(Outcome.NOT_CURRENT, judge(stale, issued.serial()));
    }

    @Test
    void anotherCertificatesAnswerComesBeforeTheWrongSigner() {
        LabCa.Issued one = issue();
        LabCa.Issued two = issue();
        clock.advance(Duration.ofMinutes(2));
        world.faults().set(new Fault.WrongSigner("origin-ca", null, null));
        world.faults().set(new Fault.OtherCertificate("origin-ca", null, null));
        OriginAnswer mixup = ask(one.serial());
        assertEquals(Outcome.WRONG_CERT_ID, mixup.implied());
        assertEquals(Outcome.WRONG_CERT_ID, judge(mixup, one.serial()));
        assertTrue(mixup.cacheable(), "a signed answer: a CDN keeps it (that is how mix-ups spread)");
        assertEquals(Outcome.WRONG_CERT_ID, judge(ask(two.serial()), two.serial()));
    }

    @Test
    void reSignedVariantsAreMadeOncePerSerial() {
        LabCa.Issued issued = issue();
        clock.advance(Duration.ofMinutes(2));
        for (Fault fault : List.of(new Fault.WrongSigner("origin-ca", null, null), new Fault.DelegateWithoutEku("origin-ca", null, null),
                new Fault.DelegateExpired("origin-ca", null, null), new Fault.NextUpdatePast("origin-ca", null, null))) {
            world.faults().set(fault);
            OriginAnswer first = ask(issued.serial());
            clock.advance(Duration.ofSeconds(1));
            OriginAnswer second = ask(issued.serial());
            assertEquals(fault.implies(), first.implied(), fault.switchName());
            assertEquals(fault.implies(), judge(first, issued.serial()), fault.switchName());
            assertArrayEquals(first.body(), second.body(), fault.switchName());
            world.faults().clear(fault.getClass());
        }
    }

    @Test
    void aSlowAnswerImpliesTimeoutWhateverItHolds() {
        LabCa.Issued issued = issue();
        clock.advance(Duration.ofMinutes(2));
        world.faults().set(new Fault.Slow("origin-ca", Duration.ofSeconds(12), null, null));
        OriginAnswer slow = ask(issued.serial());
        assertEquals(Duration.ofSeconds(12), slow.delay(), "real time, not scaled");
        assertEquals(Outcome.TIMEOUT, slow.implied());
        assertEquals(Outcome.GOOD, judge(slow, issued.serial()), "the bytes are fine; they arrive too late");
        world.faults().set(new Fault.TryLater("origin-ca", null, null, null));
        assertEquals(Outcome.TIMEOUT, ask(issued.serial()).implied());
    }

    @Test
    void faultsForAnotherCaOrSiteLeaveThisOneAlone() {
        LabCa.Issued issued = issue();
        clock.advance(Duration.ofMinutes(2));
        world.faults().set(new Fault.TryLater("other-ca", null, null, null));
        world.faults().set(new Fault.TryLater(null, "beta", null, null));
        world.faults().set(new Fault.HttpStatus("other-ca", 500, null, null));
        assertEquals(Outcome.GOOD, ask(issued.serial()).implied());
    }
}
