package dev.ocspwatch.collector.service;

import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.collector.query.CollectorHealth;
import dev.ocspwatch.collector.query.CollectorView;
import dev.ocspwatch.collector.query.EvidenceLocation;
import dev.ocspwatch.collector.query.VerdictPage;
import dev.ocspwatch.collector.query.VerdictQuery;
import dev.ocspwatch.common.kafka.VerdictRecord;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A view set after the API started: a test binds the API to a free port first, then announces
 * that port as the collector's application.server, which fixes the view only once Streams is made.
 */
final class LateView implements CollectorView {
    private volatile CollectorView view;

    void set(CollectorView view) {
        this.view = Objects.requireNonNull(view, "view");
    }

    private CollectorView view() {
        CollectorView current = view;
        if (current == null) {
            throw new IllegalStateException("the collector is not created yet");
        }
        return current;
    }

    @Override
    public VerdictPage verdicts(VerdictQuery query) {
        return view().verdicts(query);
    }

    @Override
    public void forEachVerdict(Consumer<VerdictRecord> action) {
        view().forEachVerdict(action);
    }

    @Override
    public Optional<CertificateEvidence> certificate(String certificateId) {
        return view().certificate(certificateId);
    }

    @Override
    public EvidenceLocation locate(String certificateId) {
        return view().locate(certificateId);
    }

    @Override
    public CollectorHealth health() {
        return view().health();
    }
}
