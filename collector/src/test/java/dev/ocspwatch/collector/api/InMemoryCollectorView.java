package dev.ocspwatch.collector.api;

import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.collector.query.CollectorHealth;
import dev.ocspwatch.collector.query.CollectorView;
import dev.ocspwatch.collector.query.EvidenceLocation;
import dev.ocspwatch.collector.query.VerdictFilter;
import dev.ocspwatch.collector.query.VerdictPage;
import dev.ocspwatch.collector.query.VerdictQuery;
import dev.ocspwatch.common.kafka.VerdictRecord;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link CollectorView} over fixed evidence, with the interface's documented semantics
 * (filters and pages by the collector's own {@link VerdictFilter}). It
 * records whether each call came on an event loop, which the API must never let happen.
 */
public class InMemoryCollectorView implements CollectorView {
    private final Map<String, CertificateEvidence> evidence = new ConcurrentHashMap<>();
    private final List<String> callsOnEventLoop = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile CollectorHealth health = new CollectorHealth("RUNNING", true, Map.of("verdicts", 0L));
    private volatile Function<String, EvidenceLocation> locator = id -> EvidenceLocation.local();

    public InMemoryCollectorView(List<CertificateEvidence> certificates) {
        certificates.forEach(e -> evidence.put(e.certificateId(), e));
    }

    public void health(CollectorHealth health) {
        this.health = health;
    }

    /** Where {@link #locate(String)} says each certificate is; here by default. */
    public void locator(Function<String, EvidenceLocation> locator) {
        this.locator = locator;
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

    /** Filters and pages with the collector's own {@link VerdictFilter}, so tokens and order are the real ones. */
    @Override
    public VerdictPage verdicts(VerdictQuery query) {
        record("verdicts");
        List<VerdictRecord> matching = new ArrayList<>();
        forEachLatest(v -> {
            if (VerdictFilter.matches(query, v)) {
                matching.add(v);
            }
        });
        return VerdictFilter.page(matching, query);
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
    public EvidenceLocation locate(String certificateId) {
        record("locate " + certificateId);
        return locator.apply(certificateId);
    }

    @Override
    public CollectorHealth health() {
        record("health");
        return health;
    }
}
