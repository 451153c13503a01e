package dev.ocspwatch.agent.prober;

import dev.ocspwatch.agent.probe.ProbeMethod;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.ocsp.CertId;
import dev.ocspwatch.common.ocsp.CertIdHash;
import dev.ocspwatch.common.ocsp.ResponseExpectation;
import dev.ocspwatch.common.probe.ProbeResult;
import dev.ocspwatch.common.x509.IssuerCertificate;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The prober's heart, on one Vert.x context: certificates come in from the feed, wait for their
 * issuer if need be, go on the schedule ({@link ProbePlan}), and each due step becomes probes
 * (every responder URL by every method of the step) through the {@link ResponderGate}; each
 * answer becomes an {@link Observation}. Backpressure runs backwards from here: while the
 * observations held for Kafka are at their bound, or too many probes wait on politeness, no
 * new probe starts (those due are sent late, and say so); while the schedule is full as well,
 * {@link #wantsMore()} turns false and the feed pauses its partitions.
 */
final class ProbeScheduler {
    private static final Comparator<WatchedCertificate> BY_DUE = Comparator
            .comparingLong((WatchedCertificate c) -> c.nextDueMs).thenComparing(c -> c.certificateId);
    private static final int MAX_URLS = 3;
    /** Distinct responder URL lists and hosts remembered; public CAs use a few hundred. */
    private static final int MAX_SHARED = 10_000;

    private final ProberSettings settings;
    private final ProbePlan plan;
    private final ResponderGate gate;
    private final ProbeRunner runner;
    private final ObservationSink sink;
    private final IssuerDirectory issuers;
    private final ProberMetrics metrics;
    private final Clock clock;
    private final long lateAfterMs;
    private final int maxWaitingOnGate;
    private final Map<String, WatchedCertificate> watched = new HashMap<>();
    private final TreeSet<WatchedCertificate> due = new TreeSet<>(BY_DUE);
    private final Map<String, List<Waiting>> awaitingIssuer = new HashMap<>();
    private final Map<List<String>, List<String>> sharedUrls = new HashMap<>();
    private final Map<String, String> hostOfUrl = new HashMap<>();
    private final AtomicBoolean wantsMore = new AtomicBoolean(true);
    private boolean starting;
    private volatile int watchedCount;
    private volatile int dueNow;
    private volatile int waitingOnIssuer;

    private record Waiting(CertificateArrival arrival, long sinceMs) {
    }

    ProbeScheduler(ProberSettings settings, ResponderGate gate, ProbeRunner runner, ObservationSink sink, IssuerDirectory issuers,
                   ProberMetrics metrics, Clock clock) {
        this.settings = settings;
        this.plan = new ProbePlan(settings.schedule());
        this.gate = gate;
        this.runner = runner;
        this.sink = sink;
        this.issuers = issuers;
        this.metrics = metrics;
        this.clock = clock;
        this.lateAfterMs = settings.schedule().lateAfter().toMillis();
        this.maxWaitingOnGate = settings.politeness().globalConcurrency() * 8;
    }

    /** Certificates from the feed. */
    void accept(List<CertificateArrival> arrivals) {
        long now = clock.millis();
        for (CertificateArrival arrival : arrivals) {
            accept(arrival, now);
        }
        refresh();
    }

    private void accept(CertificateArrival arrival, long now) {
        CertificateRecord record = arrival.record();
        WatchedCertificate existing = watched.get(record.certificateId());
        if (existing != null) {
            reschedule(existing, () -> plan.republished(existing, record.timestamp(), now));
            return;
        }
        if (!record.hasOcsp()) {
            metrics.rejected("no-ocsp-url", record.certificateId() + " names no OCSP responder");
            return;
        }
        if (record.issuerSpkiSha256() == null) {
            metrics.rejected("malformed-record", record.certificateId() + " names no issuer key hash");
            return;
        }
        IssuerCertificate issuer = issuers.get(record.issuerSpkiSha256());
        if (issuer == null) {
            await(arrival, now);
            return;
        }
        schedule(arrival, issuer, now);
    }

    /** Parks a certificate until its issuer is read; a second record of one already parked keeps the earlier timestamp. */
    private void await(CertificateArrival arrival, long now) {
        List<Waiting> waiting = awaitingIssuer.computeIfAbsent(arrival.record().issuerSpkiSha256(), k -> new ArrayList<>());
        for (int i = 0; i < waiting.size(); i++) {
            CertificateRecord parked = waiting.get(i).arrival().record();
            if (parked.certificateId().equals(arrival.record().certificateId())) {
                if (arrival.record().timestamp() < parked.timestamp()) {
                    waiting.set(i, new Waiting(arrival, waiting.get(i).sinceMs()));
                }
                return;
            }
        }
        waiting.add(new Waiting(arrival, now));
    }

    private void schedule(CertificateArrival arrival, IssuerCertificate issuer, long now) {
        CertificateRecord record = arrival.record();
        List<String> urls = responderUrls(record.ocspUrls());
        if (urls.isEmpty()) {
            metrics.rejected("no-http-ocsp-url", record.certificateId() + " names no http(s) OCSP responder: " + record.ocspUrls());
            return;
        }
        BigInteger serial;
        try {
            serial = new BigInteger(record.serial(), 16);
        } catch (NumberFormatException | NullPointerException e) {
            metrics.rejected("malformed-record", record.certificateId() + ": serial \"" + record.serial() + "\" is not hex");
            return;
        }
        WatchedCertificate c = new WatchedCertificate(record.certificateId(), issuer, serial, urls, arrival.partition(),
                record.timestamp());
        if (!plan.start(c, now, arrival.replayed())) {
            metrics.expired(arrival.replayed());
            return;
        }
        watched.put(c.certificateId, c);
        due.add(c);
    }

    /** http(s) URLs only, at most three, and one shared list per distinct set (a CA's certificates all name the same). */
    private List<String> responderUrls(List<String> urls) {
        List<String> usable = new ArrayList<>(Math.min(urls.size(), MAX_URLS));
        for (String url : urls) {
            String lower = url.toLowerCase(java.util.Locale.ROOT);
            if ((lower.startsWith("http://") || lower.startsWith("https://")) && usable.size() < MAX_URLS && !usable.contains(url)) {
                usable.add(url);
            }
        }
        if (sharedUrls.size() >= MAX_SHARED) {
            List<String> shared = sharedUrls.get(usable);
            return shared != null ? shared : List.copyOf(usable); // untrusted data must not grow the cache without bound
        }
        return sharedUrls.computeIfAbsent(usable, List::copyOf);
    }

    /** New issuers were read: certificates waiting for them go on the schedule. */
    void issuersArrived() {
        long now = clock.millis();
        for (Iterator<Map.Entry<String, List<Waiting>>> it = awaitingIssuer.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, List<Waiting>> entry = it.next();
            IssuerCertificate issuer = issuers.get(entry.getKey());
            if (issuer != null) {
                it.remove();
                entry.getValue().forEach(w -> accept(w.arrival(), now));
            }
        }
        refresh();
    }

    /** Partitions this agent no longer holds: another agent of the region rebuilds their schedules. */
    void revoked(Collection<Integer> partitions) {
        for (Iterator<WatchedCertificate> it = watched.values().iterator(); it.hasNext(); ) {
            WatchedCertificate c = it.next();
            if (partitions.contains(c.partition)) {
                it.remove();
                due.remove(c);
            }
        }
        awaitingIssuer.values().forEach(list -> list.removeIf(w -> partitions.contains(w.arrival().partition())));
        awaitingIssuer.values().removeIf(List::isEmpty);
        refresh();
    }

    /** Starts what is due. */
    void tick() {
        long now = clock.millis();
        expireWaiting(now);
        startDue(now);
        dueNow = countDue(now);
        refresh();
    }

    /**
     * Hands due steps to the gate while it and the sink have room. Called on every tick and, when
     * a probe completes and frees room, at once: otherwise a busy agent would idle until the next
     * tick each time the gate's short queue ran dry.
     */
    private void startDue(long now) {
        if (starting) {
            return; // a probe answered at once, inside dispatch: the loop below goes on by itself
        }
        starting = true;
        try {
            startDueSteps(now);
        } finally {
            starting = false;
        }
    }

    private void startDueSteps(long now) {
        while (!due.isEmpty() && !sink.full() && gate.waiting() < maxWaitingOnGate) {
            WatchedCertificate c = due.first();
            if (c.nextDueMs > now) {
                break;
            }
            due.pollFirst();
            ProbeKind kind = c.nextKind;
            long scheduledAt = c.nextDueMs;
            // The next step is set (and c back in the ordered set) before the probes start: a probe
            // answered at once reschedules c from completed(), which must see the step after this one.
            plan.advance(c, now);
            if (c.nextKind != null) {
                due.add(c);
            }
            dispatch(c, kind, scheduledAt);
            if (c.finished() && watched.get(c.certificateId) == c) {
                watched.remove(c.certificateId);
            }
        }
    }

    /** Steps due and not started; counted up to a bound, since a long backlog needs no exact figure every tick. */
    private int countDue(long now) {
        int count = 0;
        for (WatchedCertificate c : due) {
            if (c.nextDueMs > now || count == 100_000) {
                break;
            }
            count++;
        }
        return count;
    }

    private void dispatch(WatchedCertificate c, ProbeKind kind, long scheduledAt) {
        List<ProbeMethod> methods = kind == ProbeKind.DEADLINE ? plan.settings().deadlineMethods()
                : kind == ProbeKind.WATCH ? plan.settings().watchMethods() : plan.settings().earlyMethods();
        ResponseExpectation expected = ResponseExpectation.subscriber(c.issuer, CertId.of(c.issuer, c.serial, CertIdHash.SHA1));
        for (String url : c.responderUrls) {
            for (ProbeMethod method : methods) {
                c.inFlight++;
                gate.submit(host(url), () -> probe(url, method, expected)
                        .onComplete(result -> completed(c, kind, scheduledAt, url, result)));
            }
        }
    }

    /** The runner's probe; one that throws instead of failing its future still completes (and frees c's count). */
    private Future<ProbeResult> probe(String url, ProbeMethod method, ResponseExpectation expected) {
        try {
            return runner.probe(url, method, expected);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private void completed(WatchedCertificate c, ProbeKind kind, long scheduledAt, String url, AsyncResult<ProbeResult> result) {
        c.inFlight--;
        if (result.failed()) {
            // ProbeRunner never fails by contract; if it did, that is a bug to see, not an observation to invent.
            metrics.rejected("probe-failed", c.certificateId + " " + url + ": " + result.cause());
        } else {
            ProbeResult probe = result.result();
            Instant sentAt = probe.sentAt() == null ? clock.instant() : probe.sentAt();
            boolean late = sentAt.toEpochMilli() - scheduledAt > lateAfterMs;
            if (late) {
                metrics.late(kind);
            }
            sink.publish(new Observation(UUID.randomUUID().toString(), c.certificateId, c.issuer.spkiSha256(), settings.region(),
                    settings.agentId(), kind, Instant.ofEpochMilli(c.publishedAtMs), Instant.ofEpochMilli(plan.deadline(c)),
                    Instant.ofEpochMilli(scheduledAt), late, probe));
            metrics.probed(host(url), probe.outcome(), probe.timings() == null || probe.timings().totalMs() == null ? 0
                    : probe.timings().totalMs());
            if (probe.outcome().authoritative() && !c.authoritativeSeen && watched.get(c.certificateId) == c) {
                reschedule(c, () -> plan.authoritative(c));
            }
        }
        if (c.finished() && watched.get(c.certificateId) == c) {
            watched.remove(c.certificateId);
        }
        if (gate.waiting() < maxWaitingOnGate / 2 && !due.isEmpty()) {
            startDue(clock.millis());
        }
        refresh();
    }

    /** Changes a certificate's next step; it must leave the ordered set while its due time changes. */
    private void reschedule(WatchedCertificate c, Runnable change) {
        due.remove(c);
        change.run();
        if (c.nextKind != null && watched.get(c.certificateId) == c) {
            due.add(c);
        }
    }

    private void expireWaiting(long now) {
        if (awaitingIssuer.isEmpty()) {
            return;
        }
        long limit = settings.issuerWait().toMillis();
        for (Iterator<Map.Entry<String, List<Waiting>>> it = awaitingIssuer.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, List<Waiting>> entry = it.next();
            entry.getValue().removeIf(w -> {
                boolean expired = now - w.sinceMs() > limit;
                if (expired) {
                    metrics.rejected("issuer-missing", w.arrival().record().certificateId() + ": issuer " + entry.getKey()
                            + " did not appear on ocspwatch.issuers within " + settings.issuerWait());
                }
                return expired;
            });
            if (entry.getValue().isEmpty()) {
                it.remove();
            }
        }
    }

    private String host(String url) {
        String known = hostOfUrl.get(url);
        if (known != null) {
            return known;
        }
        String host = hostOf(url);
        if (hostOfUrl.size() < MAX_SHARED) {
            hostOfUrl.put(url, host);
        }
        return host;
    }

    /** The politeness key: host and explicit port, lower case. */
    private static String hostOf(String url) {
        try {
            java.net.URI uri = java.net.URI.create(url);
            return (uri.getHost() == null ? url : uri.getHost().toLowerCase(java.util.Locale.ROOT))
                    + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    private void refresh() {
        watchedCount = watched.size();
        int waiting = 0;
        for (List<Waiting> list : awaitingIssuer.values()) {
            waiting += list.size();
        }
        waitingOnIssuer = waiting;
        wantsMore.set(watchedCount + waiting < settings.maxWatched() && !sink.full() && gate.waiting() < maxWaitingOnGate);
    }

    /** Thread-safe: whether the feed may hand over more certificates. */
    boolean wantsMore() {
        return wantsMore.get();
    }

    int watched() {
        return watchedCount;
    }

    /** Steps due and not yet started at the last tick (the agent is behind by this many; at most 100,000 counted). */
    int dueNow() {
        return dueNow;
    }

    int waitingOnIssuer() {
        return waitingOnIssuer;
    }

    /** For tests on the context: the certificate's schedule entry, or null. */
    WatchedCertificate certificate(String certificateId) {
        return watched.get(certificateId);
    }
}
