package dev.ocspwatch.collector.query;

import dev.ocspwatch.common.kafka.VerdictRecord;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the collector knows, as the HTTP API, the dashboard and evidence bundles ask for it.
 * Implementations must be safe to call from any thread and must not block for long: the
 * HTTP layer calls them on a worker.
 */
public interface CollectorView {
    /** The latest verdicts matching {@code query}, one page. */
    VerdictPage verdicts(VerdictQuery query);

    /** Every latest verdict, once each, in no particular order: what statistics are computed from. */
    void forEachVerdict(Consumer<VerdictRecord> action);

    /** One certificate with its observations, or empty if the collector holds nothing of it. */
    Optional<CertificateEvidence> certificate(String certificateId);

    CollectorHealth health();
}
