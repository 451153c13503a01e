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

    /**
     * One certificate with its observations, or empty if the collector holds nothing of it. Reads
     * this instance's stores only: ask {@link #locate(String)} first where several instances share
     * the work.
     *
     * @throws EvidenceUnavailableException when the stores that hold it cannot be read right now
     */
    Optional<CertificateEvidence> certificate(String certificateId);

    /**
     * Which instance can answer {@link #certificate(String)} for {@code certificateId}. The default
     * suits a view that holds everything itself (one instance, tests).
     */
    default EvidenceLocation locate(String certificateId) {
        return EvidenceLocation.local();
    }

    CollectorHealth health();
}
