package dev.ocspwatch.agent.prober;

import static dev.ocspwatch.agent.prober.ProberLab.await;
import static dev.ocspwatch.agent.prober.ProberLab.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.agent.prober.ProberLab.Prober;
import dev.ocspwatch.agent.probe.FetchLimits;
import dev.ocspwatch.agent.testing.FakeResponder;
import dev.ocspwatch.agent.testing.ScriptedOcspResponder;
import dev.ocspwatch.agent.testing.Signal;
import dev.ocspwatch.agent.testing.StaticNameResolver;
import dev.ocspwatch.agent.testing.TestPki;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.ocsp.OcspRequest;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.x509.IssuerCertificate;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.pki.OcspAnswer;
import dev.ocspwatch.lab.pki.SimulatedCa;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the prober reads {@code ocspwatch.certificates} and {@code ocspwatch.issuers}: schedules
 * rebuilt by time on assignment, backpressure, malformed records, and issuers before certificates.
 * Real broker, real agents, a real OCSP responder on 127.0.1.251 signing with Bouncy Castle.
 * Each test has its own region (consumer group); the certificates topic is emptied between tests.
 */
class CertificateFeedTest {
    private static final TestPki PKI = TestPki.shared();
    private static final IssuerCertificate ISSUER = PKI.issuing.asIssuer();
    private static final AtomicLong SERIALS = new AtomicLong(50_000);

    private static ProberLab lab;
    private static FakeResponder fake;
    private static String responderUrl;

    @BeforeAll
    static void start() {
        lab = ProberLab.start(Map.of());
        fake = FakeResponder.start(lab.vertx(), "127.0.1.251");
        responderUrl = new ScriptedOcspResponder(fake).serve("good", request -> ScriptedOcspResponder.Reply.ocsp(good(PKI.issuing, request)));
        lab.publishIssuer(ISSUER);
    }

    @AfterEach
    void stopWhatTheTestStarted() {
        lab.endTest();
    }

    @AfterAll
    static void stop() {
        if (fake != null) {
            fake.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    private static byte[] good(SimulatedCa ca, OcspRequest request) {
        return ca.signer().sign(request.certId(), OcspAnswer.good(Instant.now().truncatedTo(ChronoUnit.SECONDS), Duration.ofDays(4)));
    }

    private static CertificateRecord certificate(long ctTimestamp) {
        return ProberLab.certificate(ISSUER, BigInteger.valueOf(SERIALS.incrementAndGet()), ctTimestamp, List.of(responderUrl));
    }

    /** What the agent was doing, for a failure message: a timing failure must say where it stood. */
    private static String state(Prober prober) {
        return "paused " + prober.gauge("ocspwatch_prober_paused") + ", lag " + prober.gauge("ocspwatch_prober_lag_records")
                + ", watched " + prober.agent().watched() + ", waiting on issuer " + prober.gauge("ocspwatch_prober_waiting_on_issuer")
                + ", probes waiting " + prober.gauge("ocspwatch_prober_probes_waiting") + ", in flight "
                + prober.gauge("ocspwatch_prober_probes_in_flight") + ", rejected " + prober.registry().find("ocspwatch_prober_rejected")
                .counters().stream().map(c -> c.getId().getTag("reason") + "=" + (long) c.count()).toList()
                + ", expired " + prober.registry().find("ocspwatch_prober_expired").counters().stream()
                .map(c -> "replayed " + c.getId().getTag("replayed") + "=" + (long) c.count()).toList();
    }

    private static Prober prober(ProberSettings settings) {
        return await(lab.prober(settings, new StaticNameResolver()));
    }

    private static List<Observation> of(String region, String certificateId) {
        return lab.observations().where(o -> o.region().equals(region) && o.certificateId().equals(certificateId)).stream()
                .sorted(Comparator.comparing(o -> o.probe().sentAt())).toList();
    }

    private static Optional<Observation> first(String region, String certificateId) {
        return of(region, certificateId).stream().findFirst();
    }

    private static void awaitProbed(String region, String... certificateIds) {
        Signal.await(() -> List.of(certificateIds).stream().allMatch(id -> first(region, id).isPresent()), Duration.ofSeconds(30),
                () -> region + ": not all probed: " + summary(lab.observations().of(List.of(certificateIds))));
    }

    /**
     * On assignment a partition is read again from {@code now - (deadline + window) - 1 minute},
     * by the records' Kafka timestamps: a record older than that is not read at all; a newer one
     * is, marked replayed (its first probe is an until-authoritative one, not a discovery), or
     * counted as expired when its window is over. What arrives after the assignment is new.
     */
    @Test
    void rebuildsSchedulesFromRecordsWithinTheHorizonByTimeAndMarksThemReplayed() {
        ScheduleSettings schedule = ScheduleSettings.DEFAULT.scaledTo(Duration.ofSeconds(5)).withWatchWindow(Duration.ofSeconds(2));
        long now = System.currentTimeMillis();
        long horizonAndSlack = schedule.horizon().toMillis() + Duration.ofMinutes(1).toMillis();
        CertificateRecord beforeHorizon = certificate(now);
        CertificateRecord windowOver = certificate(now - 30_000);
        CertificateRecord stillWatched = certificate(now);
        lab.publishCertificate(beforeHorizon, 0, now - horizonAndSlack - 20_000);
        lab.publishCertificate(windowOver, 0, now - 30_000);
        lab.publishCertificate(stillWatched, 0, now - 30_000);

        Prober prober = prober(ProberLab.settings("rebuild", "rebuild-1", schedule, null));
        awaitProbed("rebuild", stillWatched.certificateId());
        assertEquals(ProbeKind.UNTIL_AUTHORITATIVE, first("rebuild", stillWatched.certificateId()).orElseThrow().kind(),
                () -> summary(of("rebuild", stillWatched.certificateId())));

        CertificateRecord fresh = certificate(System.currentTimeMillis());
        lab.publishCertificate(fresh, 0, System.currentTimeMillis());
        awaitProbed("rebuild", fresh.certificateId());
        assertEquals(ProbeKind.DISCOVERY, first("rebuild", fresh.certificateId()).orElseThrow().kind());

        assertEquals(List.of(), of("rebuild", beforeHorizon.certificateId()), "a record from before the horizon was read");
        assertEquals(List.of(), of("rebuild", windowOver.certificateId()));
        assertEquals(1, prober.counter("ocspwatch_prober_expired", "replayed", "true"), "the replayed record whose window was over");
        assertEquals(0, prober.counter("ocspwatch_prober_expired", "replayed", "false"));
    }

    /**
     * One probe in flight at a time, and the responder holds every answer: probes back up at the
     * politeness gate, the agent stops wanting certificates and pauses its partitions (records
     * published meanwhile stay unread, as its lag shows). Once the responder answers, the gate
     * drains, the partitions resume and the waiting records are read and probed.
     */
    @Test
    void pausesItsPartitionsWhileProbesBackUpAndResumesWhenTheyDrain() {
        Object lock = new Object();
        List<Runnable> heldAnswers = new ArrayList<>();
        boolean[] released = {false};
        fake.route("/held/", received -> request -> {
            byte[] der = good(PKI.issuing, OcspRequest.parse(ScriptedOcspResponder.requestDer(received, "/held/")));
            Context context = Vertx.currentContext();
            Runnable answer = () -> context.runOnContext(v -> request.response().putHeader("Content-Type", "application/ocsp-response")
                    .end(Buffer.buffer(der)));
            synchronized (lock) {
                if (!released[0]) {
                    heldAnswers.add(answer);
                    return;
                }
            }
            answer.run();
        });
        String held = fake.url("/held/");
        ScheduleSettings schedule = ScheduleSettings.DEFAULT.scaledTo(Duration.ofSeconds(60)).withWatchWindow(Duration.ofSeconds(2));
        // At most one probe in flight; at most 8 waiting for the gate (globalConcurrency * 8) before the agent wants no more.
        ProberSettings settings = new ProberSettings("backpressure", "backpressure-1", schedule, new PolitenessSettings(1, 1000, 1),
                FetchLimits.ocsp().withTimeout(Duration.ofSeconds(60)), ProberLab.LAB_NETWORKS, 10_000, 1_000, null, Duration.ofMillis(20));
        Prober prober = prober(settings);

        List<String> first = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            CertificateRecord record = ProberLab.certificate(ISSUER, BigInteger.valueOf(SERIALS.incrementAndGet()), System.currentTimeMillis(),
                    List.of(held));
            first.add(record.certificateId());
            lab.publishCertificate(record);
        }
        Signal.await(() -> prober.gauge("ocspwatch_prober_paused") == 1, Duration.ofSeconds(30),
                () -> "not paused; probes waiting " + prober.gauge("ocspwatch_prober_probes_waiting"));
        assertEquals(8, prober.gauge("ocspwatch_prober_probes_waiting"));
        assertEquals(1, prober.gauge("ocspwatch_prober_probes_in_flight"));

        List<String> second = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CertificateRecord record = certificate(System.currentTimeMillis());
            second.add(record.certificateId());
            lab.publishCertificate(record);
        }
        // The new ones stay unread (the lag, refreshed every 5 s). A record polled just before the pause may wait in the feed,
        // neither lag nor watched, until the resume: so at most 15, at least 14 are accounted for.
        Signal.await(() -> prober.gauge("ocspwatch_prober_lag_records") >= 3
                        && prober.gauge("ocspwatch_prober_lag_records") + prober.agent().watched() >= 14, Duration.ofSeconds(20),
                () -> "lag " + prober.gauge("ocspwatch_prober_lag_records") + ", watched " + prober.agent().watched());
        assertEquals(1, prober.gauge("ocspwatch_prober_paused"));
        assertTrue(prober.agent().watched() >= 9, "nine probes dispatched before the gate filled");
        assertEquals(List.of(), lab.observations().of(second));

        Instant release = Instant.now();
        List<Runnable> answers;
        synchronized (lock) {
            released[0] = true;
            answers = List.copyOf(heldAnswers);
        }
        answers.forEach(Runnable::run);
        Signal.await(() -> List.of(second, first).stream().flatMap(List::stream).allMatch(id -> first("backpressure", id).isPresent()),
                Duration.ofSeconds(30), () -> "after the release, not all probed: " + state(prober) + ", due "
                        + prober.gauge("ocspwatch_prober_due_probes") + "; never probed: " + List.of(second, first).stream()
                        .flatMap(List::stream).filter(id -> first("backpressure", id).isEmpty()).toList() + "\n"
                        + summary(lab.observations().of(second)) + "\n" + summary(lab.observations().of(first)));
        Signal.await(() -> prober.gauge("ocspwatch_prober_paused") == 0, Duration.ofSeconds(10), "still paused");
        for (String id : second) {
            Observation o = first("backpressure", id).orElseThrow();
            assertEquals(ProbeKind.DISCOVERY, o.kind());
            assertEquals(Outcome.GOOD, o.outcome());
            assertTrue(o.probe().sentAt().isAfter(release), () -> summary(List.of(o)));
        }
    }

    /**
     * Bytes that are not JSON, a record without a value, one without a certificate id, and one
     * whose serial is not hex are each counted as {@code malformed-record}; the certificate after
     * them in the same partition is read and probed.
     */
    @Test
    void countsMalformedRecordsAndReadsOn() {
        Prober prober = prober(ProberLab.settings("malformed", "malformed-1", ScheduleSettings.DEFAULT.scaledTo(Duration.ofSeconds(20)), null));
        String topic = Topics.CERTIFICATES.name();
        byte[] key = "not-a-certificate".getBytes(StandardCharsets.UTF_8);
        lab.send(new ProducerRecord<>(topic, 0, key, "{not json".getBytes(StandardCharsets.UTF_8)));
        lab.send(new ProducerRecord<>(topic, 0, key, null));
        lab.send(new ProducerRecord<>(topic, 0, key, "{\"serial\":\"01\",\"timestamp\":1}".getBytes(StandardCharsets.UTF_8)));
        CertificateRecord valid = certificate(System.currentTimeMillis());
        CertificateRecord badSerial = new CertificateRecord(ISSUER.spkiSha256() + ":zz", "zz", ISSUER.spkiSha256(), "CN=zz", null, false,
                System.currentTimeMillis(), null, "test-log", 0, null, null, List.of(), List.of(responderUrl), List.of(), null);
        lab.publishCertificate(badSerial, 0, System.currentTimeMillis());
        lab.publishCertificate(valid, 0, System.currentTimeMillis());

        awaitProbed("malformed", valid.certificateId());
        // DISCOVERY if read after the assignment, UNTIL_AUTHORITATIVE if the assignment's replay read it: both read on.
        assertTrue(EnumSet.of(ProbeKind.DISCOVERY, ProbeKind.UNTIL_AUTHORITATIVE)
                .contains(first("malformed", valid.certificateId()).orElseThrow().kind()));
        assertEquals(4, prober.counter("ocspwatch_prober_rejected", "reason", "malformed-record"));
        assertEquals(List.of(), of("malformed", badSerial.certificateId()));
    }

    /**
     * Certificates put on the topic before their issuer's record are still scheduled at once: the
     * agent reads every issuer before the first certificate. Here a certificate may wait for its
     * issuer only 1 ms, so one read before its issuer would be rejected as {@code issuer-missing}.
     */
    @Test
    void readsEveryIssuerBeforeAnyCertificate() {
        SimulatedCa ca = PKI.root.intermediate("Issuer Read First", KeyKind.ECDSA_P256, Instant.now().minus(Duration.ofDays(1)), List.of(),
                List.of());
        String url = new ScriptedOcspResponder(fake).serve("issuer-first", request -> ScriptedOcspResponder.Reply.ocsp(good(ca, request)));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CertificateRecord record = ProberLab.certificate(ca.asIssuer(), BigInteger.valueOf(SERIALS.incrementAndGet()), System.currentTimeMillis(),
                    List.of(url));
            ids.add(record.certificateId());
            lab.publishCertificate(record);
        }
        lab.publishIssuer(ca.asIssuer());

        ProberSettings settings = new ProberSettings("issuers-first", "issuers-first-1", ScheduleSettings.DEFAULT.scaledTo(Duration.ofSeconds(20)),
                null, null, ProberLab.LAB_NETWORKS, 10_000, 1_000, Duration.ofMillis(1), Duration.ofMillis(20));
        Prober prober = prober(settings);
        awaitProbed("issuers-first", ids.toArray(String[]::new));
        for (String id : ids) {
            assertEquals(Outcome.GOOD, first("issuers-first", id).orElseThrow().outcome());
        }
        assertEquals(0, prober.counter("ocspwatch_prober_rejected", "reason", "issuer-missing"));
        assertEquals(0, prober.gauge("ocspwatch_prober_waiting_on_issuer"));
    }

    /** A certificate whose issuer is not on the topic yet waits for it, and is probed once it arrives. */
    @Test
    void holdsACertificateUntilItsIssuerArrives() {
        SimulatedCa ca = PKI.root.intermediate("Issuer Read Late", KeyKind.ECDSA_P256, Instant.now().minus(Duration.ofDays(1)), List.of(),
                List.of());
        String url = new ScriptedOcspResponder(fake).serve("issuer-late", request -> ScriptedOcspResponder.Reply.ocsp(good(ca, request)));
        Prober prober = prober(ProberLab.settings("issuer-late", "issuer-late-1", ScheduleSettings.DEFAULT.scaledTo(Duration.ofSeconds(20)), null));
        CertificateRecord record = ProberLab.certificate(ca.asIssuer(), BigInteger.valueOf(SERIALS.incrementAndGet()), System.currentTimeMillis(),
                List.of(url));
        lab.publishCertificate(record);
        Signal.await(() -> prober.gauge("ocspwatch_prober_waiting_on_issuer") == 1, Duration.ofSeconds(20),
                () -> "not waiting for its issuer; " + state(prober));
        assertEquals(List.of(), of("issuer-late", record.certificateId()));

        lab.publishIssuer(ca.asIssuer());
        awaitProbed("issuer-late", record.certificateId());
        assertEquals(Outcome.GOOD, first("issuer-late", record.certificateId()).orElseThrow().outcome());
        assertEquals(0, prober.gauge("ocspwatch_prober_waiting_on_issuer"));
    }
}
