package dev.ocspwatch.collector.api;

import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.collector.query.CollectorHealth;
import dev.ocspwatch.collector.query.CollectorView;
import dev.ocspwatch.collector.query.VerdictPage;
import dev.ocspwatch.collector.query.VerdictQuery;
import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.verdict.RegionStatus;
import io.vertx.core.Context;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link CollectorView} over fixed evidence, with the interface's documented semantics
 * (filters, newest deadline first, then id; the next token is the last item's sort key). It
 * records whether each call came on an event loop, which the API must never let happen.
 */
public class InMemoryCollectorView implements CollectorView {
    private static final Comparator<VerdictRecord> ORDER = Comparator
            .comparing(VerdictRecord::deadline, Comparator.reverseOrder())
            .thenComparing(VerdictRecord::certificateId);

    private final Map<String, CertificateEvidence> evidence = new ConcurrentHashMap<>();
    private final List<String> callsOnEventLoop = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile CollectorHealth health = new CollectorHealth("RUNNING", true, Map.of("verdicts", 0L));

    public InMemoryCollectorView(List<CertificateEvidence> certificates) {
        certificates.forEach(e -> evidence.put(e.certificateId(), e));
    }

    public void health(CollectorHealth health) {
        this.health = health;
    }

    /** The names of calls made on an event-loop thread: should stay empty. */
    public List<String> callsOnEventLoop() {
        return List.copyOf(callsOnEventLoop);
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }

    private void record(String call) {
        calls.add(call);
        if (Context.isOnEventLoopThread()) {
            callsOnEventLoop.add(call + " on " + Thread.currentThread().getName());
        }
    }

    @Override
    public VerdictPage verdicts(VerdictQuery query) {
        record("verdicts");
        List<VerdictRecord> matching = new ArrayList<>();
        forEachLatest(v -> {
            if (matches(v, query)) {
                matching.add(v);
            }
        });
        matching.sort(ORDER);
        int start = 0;
        if (query.after() != null) {
            while (start < matching.size() && !key(matching.get(start)).equals(query.after())) {
                start++;
            }
            start++;
        }
        int end = Math.min(matching.size(), start + query.limit());
        List<VerdictRecord> page = start >= matching.size() ? List.of() : matching.subList(start, end);
        String next = end < matching.size() ? key(matching.get(end - 1)) : null;
        return new VerdictPage(page, next);
    }

    private static String key(VerdictRecord v) {
        return v.deadline().toEpochMilli() + "_" + v.certificateId();
    }

    private static boolean matches(VerdictRecord v, VerdictQuery q) {
        if (q.verdict() != null && v.verdict() != q.verdict()) {
            return false;
        }
        if (q.issuer() != null && !q.issuer().equals(v.issuerSpkiSha256())
                && (v.issuerSubject() == null || !v.issuerSubject().contains(q.issuer()))) {
            return false;
        }
        if (q.responderHost() != null && v.ocspUrls().stream().noneMatch(u -> q.responderHost().equals(URI.create(u).getHost()))) {
            return false;
        }
        if (q.region() != null && v.regions().stream()
                .noneMatch(r -> r.region().equals(q.region()) && r.status() != RegionStatus.AUTHORITATIVE)) {
            return false;
        }
        if (q.since() != null && v.deadline().isBefore(q.since())) {
            return false;
        }
        return q.until() == null || v.deadline().isBefore(q.until());
    }

    @Override
    public void forEachVerdict(Consumer<VerdictRecord> action) {
        record("forEachVerdict");
        forEachLatest(action);
    }

    private void forEachLatest(Consumer<VerdictRecord> action) {
        evidence.values().stream().map(CertificateEvidence::verdict).filter(v -> v != null).forEach(action);
    }

    @Override
    public Optional<CertificateEvidence> certificate(String certificateId) {
        record("certificate " + certificateId);
        return Optional.ofNullable(evidence.get(certificateId));
    }

    @Override
    public CollectorHealth health() {
        record("health");
        return health;
    }
}
