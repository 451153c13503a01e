package dev.ocspwatch.agent.prober;

import static dev.ocspwatch.agent.prober.SchedulerHarness.ISSUER;
import static dev.ocspwatch.agent.prober.SchedulerHarness.MIN;
import static dev.ocspwatch.agent.prober.SchedulerHarness.START;
import static dev.ocspwatch.agent.prober.SchedulerHarness.URL_A;
import static dev.ocspwatch.agent.prober.SchedulerHarness.URL_B;
import static dev.ocspwatch.agent.prober.SchedulerHarness.arrival;
import static dev.ocspwatch.agent.prober.SchedulerHarness.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.agent.prober.SchedulerHarness.Call;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.outcome.Outcome;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The scheduler with a fake runner and sink; schedule: see {@link SchedulerHarness#SCHEDULE}. */
@ExtendWith(VertxExtension.class)
class ProbeSchedulerTest {
    private SchedulerHarness h;

    @BeforeEach
    void setUp(Vertx vertx) {
        h = new SchedulerHarness(vertx);
    }

    private static String id(String serial) {
        return ISSUER + ":" + serial;
    }

    private static Set<String> asked(List<Call> calls) {
        return calls.stream().map(c -> c.url() + " " + c.method()).collect(Collectors.toSet());
    }

    private boolean wantsMore() throws Exception {
        return h.on(h.scheduler::wantsMore);
    }

    @Test
    void probesANewCertificateAtDiscoveryAndSaysWhoAskedFromWhereAndWhen() throws Exception {
        h.withIssuer();
        Instant published = START.minusSeconds(30);
        h.accept(record("0a", published, URL_A));
        List<Call> discovery = h.tickAfter(Duration.ZERO);
        assertEquals(Set.of(URL_A + " GET"), asked(discovery));
        assertEquals(BigInteger.valueOf(10), discovery.get(0).expected().certId().serial());
        assertEquals(ISSUER, discovery.get(0).expected().issuer().spkiSha256());

        h.answer(discovery, Outcome.UNKNOWN);
        List<Observation> observations = h.observations();
        assertEquals(1, observations.size());
        Observation o = observations.get(0);
        assertEquals(id("0a"), o.certificateId());
        assertEquals(ISSUER, o.issuerSpkiSha256());
        assertEquals("eu-west", o.region());
        assertEquals("eu-west-1", o.agentId());
        assertEquals(ProbeKind.DISCOVERY, o.kind());
        assertEquals(published, o.publishedAt());
        assertEquals(published.plus(Duration.ofMinutes(15)), o.deadline());
        assertEquals(START, o.scheduledAt());
        assertFalse(o.late());
        assertEquals(Outcome.UNKNOWN, o.outcome());
        assertEquals(1, h.metrics.count("ocspwatch_prober_probes", "host", "ocsp.a.test", "outcome", "UNKNOWN"));
    }

    @Test
    void probesEveryMinuteUntilAnAuthoritativeAnswerThenWaitsForTheDeadline() throws Exception {
        h.withIssuer();
        h.accept(record("0b", START, URL_A));
        h.answer(h.tickAfter(Duration.ZERO), Outcome.UNKNOWN);
        List<Call> second = h.tickAfter(MIN);
        assertEquals(Set.of(URL_A + " GET"), asked(second));
        h.answer(second, Outcome.GOOD);
        assertEquals(ProbeKind.UNTIL_AUTHORITATIVE, h.observations().get(1).kind());

        assertEquals(new SchedulerHarness.Next(ProbeKind.DEADLINE, START.plus(Duration.ofMinutes(15)), START, 0), h.next(id("0b")));
        assertEquals(List.of(), h.tickAfter(MIN), "no early probe after an authoritative answer");
        assertEquals(Set.of(URL_A + " GET", URL_A + " POST"), asked(h.tickAfter(Duration.ofMinutes(13))), "the deadline probe stays");
    }

    @Test
    void probesEveryResponderUrlByEveryMethodAtTheDeadline() throws Exception {
        h.withIssuer();
        h.accept(record("0c", START.minus(Duration.ofMinutes(15)), URL_A, "ldap://ocsp.c.test/", URL_B, URL_A));
        List<Call> deadline = h.tickAfter(Duration.ZERO);
        assertEquals(Set.of(URL_A + " GET", URL_A + " POST", URL_B + " GET", URL_B + " POST"), asked(deadline));
        assertEquals(4, deadline.size(), "a repeated URL is asked once");

        h.answer(deadline, Outcome.GOOD);
        for (Observation o : h.observations()) {
            assertEquals(ProbeKind.DEADLINE, o.kind());
            assertEquals(START, o.scheduledAt());
            assertEquals(START, o.deadline());
            assertFalse(o.late());
        }
        assertEquals(2, h.metrics.count("ocspwatch_prober_probes", "host", "ocsp.b.test:8080", "outcome", "GOOD"));
    }

    @Test
    void startsNoProbeWhileTheSinkIsFullAndMarksThemLateOnceItDrains() throws Exception {
        h.withIssuer();
        h.accept(record("0d", START.minus(Duration.ofMinutes(15)), URL_A)); // its deadline now
        h.sink.full = true;
        assertEquals(List.of(), h.tickAfter(Duration.ZERO));
        assertFalse(wantsMore(), "nothing more to read while observations cannot leave");
        h.clock.advance(Duration.ofSeconds(35));
        h.accept(record("0e", START.minus(Duration.ofMinutes(15)).plusSeconds(40), URL_A)); // its deadline in 5 s
        assertEquals(List.of(), h.tickAfter(Duration.ofSeconds(25)));

        h.sink.full = false;
        List<Call> drained = h.tickAfter(Duration.ZERO);
        assertEquals(4, drained.size());
        assertTrue(wantsMore());
        h.answer(drained, Outcome.GOOD);
        for (Observation o : h.observations()) {
            boolean first = o.certificateId().equals(id("0d"));
            assertEquals(first ? START : START.plusSeconds(40), o.scheduledAt());
            assertEquals(first, o.late(), "60 s after due is late, 20 s is not: " + o.certificateId());
        }
        assertEquals(2, h.metrics.count("ocspwatch_prober_late_probes", "kind", "DEADLINE"));
    }

    @Test
    void anEarlierRecordOfTheSameCertificateMovesItsDeadlineBack() throws Exception {
        h.withIssuer();
        h.accept(record("0f", START, URL_A));
        h.answer(h.tickAfter(Duration.ZERO), Outcome.GOOD);
        h.accept(record("0f", START.minus(Duration.ofMinutes(5)), URL_A));
        Instant deadline = START.plus(Duration.ofMinutes(10));
        assertEquals(new SchedulerHarness.Next(ProbeKind.DEADLINE, deadline, START.minus(Duration.ofMinutes(5)), 0), h.next(id("0f")));
        h.accept(record("0f", START.plus(MIN), URL_A));
        assertEquals(deadline, h.next(id("0f")).due(), "a later record changes nothing");

        List<Call> atDeadline = h.tickAfter(Duration.ofMinutes(10));
        assertEquals(2, atDeadline.size());
        h.answer(atDeadline, Outcome.GOOD);
        Observation o = h.observations().get(2);
        assertEquals(ProbeKind.DEADLINE, o.kind());
        assertEquals(START.minus(Duration.ofMinutes(5)), o.publishedAt());
        assertEquals(deadline, o.deadline());
    }

    @Test
    void schedulesACertificateWaitingForItsIssuerWhenTheIssuerArrives() throws Exception {
        h.accept(record("10", START, URL_A));
        assertEquals(List.of(0, 1), h.counts(), "watched, waiting on issuer");
        assertEquals(List.of(), h.tickAfter(Duration.ZERO));

        h.withIssuer();
        h.clock.advance(Duration.ofSeconds(30));
        h.on(() -> {
            h.scheduler.issuersArrived();
            return null;
        });
        assertEquals(List.of(1, 0), h.counts());
        List<Call> discovery = h.tickAfter(Duration.ZERO);
        h.answer(discovery, Outcome.UNKNOWN);
        assertEquals(ProbeKind.DISCOVERY, h.observations().get(0).kind());
        assertEquals(START.plusSeconds(30), h.observations().get(0).scheduledAt());
    }

    @Test
    void rejectsACertificateWhoseIssuerDoesNotArriveInTime() throws Exception {
        h.accept(record("11", START, URL_A));
        h.tickAfter(Duration.ofMinutes(2));
        assertEquals(List.of(0, 1), h.counts(), "two minutes may be waited");
        assertEquals(0, h.rejected("issuer-missing"));

        h.tickAfter(Duration.ofMillis(1));
        assertEquals(List.of(0, 0), h.counts());
        assertEquals(1, h.rejected("issuer-missing"));
        h.withIssuer();
        h.on(() -> {
            h.scheduler.issuersArrived();
            return null;
        });
        assertEquals(List.of(), h.tickAfter(Duration.ZERO), "a rejected certificate stays rejected");
    }

    @Test
    void parksADuplicateWaitingForItsIssuerOnceWithTheEarlierTimestamp() throws Exception {
        h.accept(record("21", START, URL_A), record("21", START.minusSeconds(30), URL_A), record("21", START.plusSeconds(30), URL_A));
        assertEquals(List.of(0, 1), h.counts(), "one certificate waits, not three");
        h.tickAfter(Duration.ofMinutes(3));
        assertEquals(1, h.rejected("issuer-missing"), "and is rejected once");

        h.accept(record("22", START, URL_A), record("22", START.minusSeconds(30), URL_A));
        h.withIssuer();
        h.on(() -> {
            h.scheduler.issuersArrived();
            return null;
        });
        assertEquals(List.of(1, 0), h.counts());
        assertEquals(START.minusSeconds(30), h.next(id("22")).publishedAt(), "the earlier CT timestamp of the two");
    }

    @Test
    void countsCertificatesItCannotProbeAndGoesOnWithTheRest() throws Exception {
        h.withIssuer();
        h.accept(record("12", START), record("13", START, "ldap://ocsp.c.test/"), record("xyz", START, URL_A),
                record(null, "15", START, URL_A), record("16", START, URL_A));
        assertEquals(1, h.rejected("no-ocsp-url"));
        assertEquals(1, h.rejected("no-http-ocsp-url"));
        assertEquals(2, h.rejected("malformed-record"), "a serial that is not hex, no issuer hash");
        assertEquals(List.of(1, 0), h.counts());
        assertEquals(Set.of(URL_A + " GET"), asked(h.tickAfter(Duration.ZERO)));
    }

    @Test
    void countsACertificateReadAfterItsWindowAsExpired() throws Exception {
        h.withIssuer();
        Instant old = START.minus(Duration.ofHours(2));
        h.accept(new CertificateArrival(0, record("17", old, URL_A), true), arrival(0, record("18", old, URL_A)));
        assertEquals(1, h.metrics.count("ocspwatch_prober_expired", "replayed", "true"));
        assertEquals(1, h.metrics.count("ocspwatch_prober_expired", "replayed", "false"));
        assertEquals(List.of(0, 0), h.counts());
    }

    @Test
    void wantsNoMoreCertificatesOnceMaxWatchedAreHeld() throws Exception {
        h.withIssuer();
        h.accept(arrival(0, record("20", START, URL_A)), arrival(0, record("21", START, URL_A)));
        assertTrue(wantsMore());
        h.accept(arrival(1, record("ab".repeat(32), "22", START, URL_A))); // waits for an unknown issuer: held all the same
        assertEquals(List.of(2, 1), h.counts());
        assertFalse(wantsMore(), SchedulerHarness.MAX_WATCHED + " held");
        h.on(() -> {
            h.scheduler.revoked(List.of(1));
            return null;
        });
        assertTrue(wantsMore());
    }

    @Test
    void dropsTheCertificatesOfRevokedPartitions() throws Exception {
        h.withIssuer();
        h.accept(arrival(0, record("30", START, URL_A)), arrival(1, record("31", START, URL_B)),
                arrival(0, record("ab".repeat(32), "32", START, URL_A)));
        List<Call> discovery = h.tickAfter(Duration.ZERO);
        assertEquals(2, discovery.size());
        h.on(() -> {
            h.scheduler.revoked(List.of(0));
            return null;
        });
        assertEquals(List.of(1, 0), h.counts());
        assertNull(h.next(id("30")));
        assertNotNull(h.next(id("31")));

        h.answer(discovery, Outcome.UNKNOWN);
        assertEquals(2, h.observations().size(), "a probe made before the revocation is still reported");
        assertEquals(Set.of(URL_B + " GET"), asked(h.tickAfter(MIN)));
        assertEquals(List.of(1, 0), h.counts());
    }

    @Test
    void leavesTheScheduleOnlyAfterItsWindowAndItsLastProbes() throws Exception {
        h.withIssuer();
        h.accept(record("40", START.minus(Duration.ofMinutes(15)), URL_A));
        List<Call> pending = new ArrayList<>(h.tickAfter(Duration.ZERO));
        for (int k = 1; k <= 4; k++) {
            List<Call> watch = h.tickAfter(Duration.ofMinutes(5));
            assertEquals(Set.of(URL_A + " GET"), asked(watch), "watch step " + k);
            pending.addAll(watch);
        }
        SchedulerHarness.Next last = h.next(id("40"));
        assertNull(last.kind(), "the window is over");
        assertEquals(6, last.inFlight());

        h.answer(pending.subList(0, 5), Outcome.GOOD);
        assertEquals(List.of(1, 0), h.counts(), "one probe still out");
        h.answer(pending.subList(5, 6), Outcome.GOOD);
        assertEquals(List.of(0, 0), h.counts());
        assertNull(h.next(id("40")));
        assertEquals(List.of(), h.tickAfter(Duration.ofMinutes(5)));
    }

    @Test
    void keepsTheDeadlineProbeWhenTheRunnerAnswersAtOnce() throws Exception {
        h.withIssuer();
        h.answerAtOnce = Outcome.GOOD;
        h.accept(record("50", START, URL_A));
        assertEquals(1, h.tickAfter(Duration.ZERO).size());
        assertEquals(ProbeKind.DISCOVERY, h.observations().get(0).kind());
        assertEquals(new SchedulerHarness.Next(ProbeKind.DEADLINE, START.plus(Duration.ofMinutes(15)), START, 0), h.next(id("50")));

        assertEquals(Set.of(URL_A + " GET", URL_A + " POST"), asked(h.tickAfter(Duration.ofMinutes(15))));
        assertEquals(Set.of(URL_A + " GET"), asked(h.tickAfter(Duration.ofMinutes(5))));
        assertEquals(List.of(ProbeKind.DISCOVERY, ProbeKind.DEADLINE, ProbeKind.DEADLINE, ProbeKind.WATCH),
                h.observations().stream().map(Observation::kind).toList());
    }

    @Test
    void countsProbesTheRunnerCouldNotStartAndStillLetsTheCertificateGo() throws Exception {
        h.withIssuer();
        h.throwOnProbe = true;
        h.accept(record("51", START.minus(Duration.ofMinutes(15)), URL_A));
        h.tickAfter(Duration.ZERO);
        assertEquals(2, h.rejected("probe-failed"));
        assertEquals(0, h.next(id("51")).inFlight());
        for (int k = 1; k <= 4; k++) {
            h.tickAfter(Duration.ofMinutes(5));
        }
        assertEquals(6, h.rejected("probe-failed"));
        assertEquals(List.of(0, 0), h.counts(), "off the schedule after its window");
        assertEquals(List.of(), h.observations(), "no observation is invented");
    }
}
