package dev.ocspwatch.collector.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.verdict.DecisionStage;
import dev.ocspwatch.common.verdict.Verdict;
import java.time.Instant;
import java.util.List;

/**
 * The collector's state for one certificate in flight (store {@code certificate-state}, keyed by
 * certificate id). Probes are kept sorted by send time and unique by observation id, so the
 * state, and every verdict made from it, is the same whatever order and however often the
 * records arrived.
 *
 * @param certificate the record with the earliest CT timestamp, or null if only observations came
 * @param publishedAt the earliest CT timestamp seen, from certificate records or observations
 * @param ocspUrls every responder URL seen for it
 * @param stage the last decision made, or null before the first
 * @param dueAt when the next scheduled step (decision or drop) is due: its key in the due index
 * @param verdict the last verdict emitted, with its revision and fingerprint (to emit changes only)
 * @param dropped probes not kept because the bound per certificate was reached
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateState(
        String certificateId,
        CertificateRecord certificate,
        Instant publishedAt,
        List<String> ocspUrls,
        List<ProbeSummary> probes,
        DecisionStage stage,
        Instant dueAt,
        Verdict verdict,
        int revision,
        String fingerprint,
        int dropped) {

    public CertificateState {
        ocspUrls = ocspUrls == null ? List.of() : List.copyOf(ocspUrls);
        probes = probes == null ? List.of() : List.copyOf(probes);
    }

    public static CertificateState empty(String certificateId) {
        return new CertificateState(certificateId, null, null, List.of(), List.of(), null, null, null, 0, null, 0);
    }

    public CertificateState withCertificate(CertificateRecord record, Instant published, List<String> urls) {
        return new CertificateState(certificateId, record, published, urls, probes, stage, dueAt, verdict, revision, fingerprint, dropped);
    }

    public CertificateState withProbes(Instant published, List<ProbeSummary> kept, int droppedNow) {
        return new CertificateState(certificateId, certificate, published, ocspUrls, kept, stage, dueAt, verdict, revision, fingerprint,
                dropped + droppedNow);
    }

    public CertificateState withDue(Instant due) {
        return new CertificateState(certificateId, certificate, publishedAt, ocspUrls, probes, stage, due, verdict, revision, fingerprint, dropped);
    }

    public CertificateState decided(DecisionStage newStage, Verdict newVerdict, int newRevision, String newFingerprint) {
        return new CertificateState(certificateId, certificate, publishedAt, ocspUrls, probes, newStage, dueAt, newVerdict, newRevision,
                newFingerprint, dropped);
    }
}
