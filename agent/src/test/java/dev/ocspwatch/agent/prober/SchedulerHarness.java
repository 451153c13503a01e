package dev.ocspwatch.agent.prober;

import dev.ocspwatch.agent.probe.ProbeMethod;
import dev.ocspwatch.agent.testing.ProbeResults;
import dev.ocspwatch.agent.testing.TestPki;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.IssuerRecord;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.ocsp.ResponseExpectation;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.probe.ProbeResult;
import dev.ocspwatch.common.probe.ProbeTimings;
import dev.ocspwatch.lab.world.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ProbeScheduler} with fakes around it: a runner whose probes the test answers, a
 * recording sink whose {@code full()} the test sets, a real issuer directory and gate, and a
 * hand-moved clock. Every call into the scheduler runs on one Vert.x context and is waited for.
 */
final class SchedulerHarness {
    static final Instant START = Instant.parse("2025-03-01T12:00:00Z");
    static final Duration MIN = Duration.ofMinutes(1);
    static final TestPki PKI = TestPki.shared();
    static final String ISSUER = PKI.issuing.asIssuer().spkiSha256();
    static final String URL_A = "http://ocsp.a.test/";
    static final String URL_B = "http://ocsp.b.test:8080/ocsp";
    /** 15-minute deadline, every minute, watch every 5 minutes for 20 minutes, no jitter, 10 s guard, late after 30 s. */
    static final ScheduleSettings SCHEDULE = new ScheduleSettings(Duration.ofMinutes(15), MIN, Duration.ofMinutes(5),
            Duration.ofMinutes(20), List.of(ProbeMethod.GET), List.of(ProbeMethod.GET, ProbeMethod.POST), List.of(ProbeMethod.GET),
            Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(30));
    static final int MAX_WATCHED = 3;

    /** One probe the scheduler started: what and when. */
    record Call(String url, ProbeMethod method, ResponseExpectation expected, Instant at, Promise<ProbeResult> promise) {
    }

    /** Takes every observation; full while the test says so. */
    static final class RecordingSink implements ObservationSink {
        final List<Observation> published = new ArrayList<>();
        volatile boolean full;

        @Override
        public void publish(Observation observation) {
            published.add(observation);
        }

        @Override
        public boolean full() {
            return full;
        }
    }

    final ManualClock clock = new ManualClock(START);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final ProberMetrics metrics = new ProberMetrics(registry, "eu-west");
    final IssuerDirectory issuers = new IssuerDirectory();
    final RecordingSink sink = new RecordingSink();
    /** Touched on the context only. */
    final List<Call> calls = new ArrayList<>();
    final Context context;
    final ProbeScheduler scheduler;
    /** When set, probes are answered with this at once, before {@code probe} returns. */
    Outcome answerAtOnce;
    boolean throwOnProbe;

    SchedulerHarness(Vertx vertx) {
        context = vertx.getOrCreateContext();
        ProberSettings settings = new ProberSettings("eu-west", "eu-west-1", SCHEDULE, new PolitenessSettings(8, 1000, 64), null,
                null, MAX_WATCHED, 100, Duration.ofMinutes(2), null);
        ResponderGate gate = new ResponderGate(vertx, settings.politeness(), System::nanoTime);
        scheduler = new ProbeScheduler(settings, gate, this::probe, sink, issuers, metrics, clock);
    }

    private Future<ProbeResult> probe(String url, ProbeMethod method, ResponseExpectation expected) {
        if (throwOnProbe) {
            throw new IllegalStateException("a broken runner");
        }
        Call call = new Call(url, method, expected, clock.instant(), Promise.promise());
        calls.add(call);
        if (answerAtOnce != null) {
            call.promise().complete(result(call, answerAtOnce));
        }
        return call.promise().future();
    }

    static ProbeResult result(Call call, Outcome outcome) {
        return new ProbeResult(call.url(), call.url(), call.method().name(), "standard", "SHA1",
                call.expected().certId().serial().toString(16), call.at(), List.of("192.0.2.1"), "192.0.2.1:80", List.of(),
                new ProbeTimings(1.0, 2.0, 3.0, 42.0), 200, ProbeResults.OCSP_CONTENT_TYPE, 100, outcome, outcome.name(), null,
                List.of(), "MAA=", null);
    }

    SchedulerHarness withIssuer() throws java.io.IOException {
        String reason = issuers.put(ISSUER, new IssuerRecord(ISSUER, "CN=Agent Test Issuing CA",
                Base64.getEncoder().encodeToString(PKI.issuing.certificate().getEncoded())));
        if (reason != null) {
            throw new AssertionError(reason);
        }
        return this;
    }

    static CertificateRecord record(String serial, Instant publishedAt, String... urls) {
        return record(ISSUER, serial, publishedAt, urls);
    }

    static CertificateRecord record(String issuer, String serial, Instant publishedAt, String... urls) {
        return new CertificateRecord(issuer + ":" + serial, serial, issuer, "CN=leaf.test", "CN=Agent Test Issuing CA", false,
                publishedAt.toEpochMilli(), "bG9n", "lab log", 1, null, null, List.of("leaf.test"), List.of(urls), List.of(), START);
    }

    static CertificateArrival arrival(int partition, CertificateRecord record) {
        return new CertificateArrival(partition, record, false);
    }

    <T> T on(Callable<T> action) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                done.complete(action.call());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(10, TimeUnit.SECONDS);
    }

    void accept(CertificateArrival... arrivals) throws Exception {
        on(() -> {
            scheduler.accept(List.of(arrivals));
            return null;
        });
    }

    void accept(CertificateRecord... records) throws Exception {
        accept(Arrays.stream(records).map(r -> arrival(0, r)).toArray(CertificateArrival[]::new));
    }

    /** Moves the clock on and looks for due probes; returns the probes started by this tick. */
    List<Call> tickAfter(Duration wait) throws Exception {
        clock.advance(wait);
        return on(() -> {
            int before = calls.size();
            scheduler.tick();
            return List.copyOf(calls.subList(before, calls.size()));
        });
    }

    void answer(List<Call> these, Outcome outcome) throws Exception {
        on(() -> {
            these.forEach(call -> call.promise().complete(result(call, outcome)));
            return null;
        });
    }

    List<Observation> observations() throws Exception {
        return on(() -> List.copyOf(sink.published));
    }

    /** A certificate's schedule entry as the context sees it, or null when it is not on the schedule. */
    record Next(ProbeKind kind, Instant due, Instant publishedAt, int inFlight) {
    }

    Next next(String id) throws Exception {
        return on(() -> {
            WatchedCertificate c = scheduler.certificate(id);
            return c == null ? null : new Next(c.nextKind, Instant.ofEpochMilli(c.nextDueMs), Instant.ofEpochMilli(c.publishedAtMs),
                    c.inFlight);
        });
    }

    List<Integer> counts() throws Exception {
        return on(() -> List.of(scheduler.watched(), scheduler.waitingOnIssuer()));
    }

    double rejected(String reason) {
        return metrics.count("ocspwatch_prober_rejected", "reason", reason);
    }
}
