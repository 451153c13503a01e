package dev.ocspwatch.collector.state;

import dev.ocspwatch.common.verdict.DecisionStage;
import dev.ocspwatch.common.verdict.Verdict;
import java.time.Instant;
import java.util.List;

/**
 * The collector's state for one certificate in flight (store {@code certificate-state}, keyed by
 * certificate id, {@link StateSerdes#certificateState()}). The probe summaries and the certificate
 * record live in their own stores, so an observation writes its own summary and this small header
 * instead of rewriting every probe and the certificate the certificate state had.
 *
 * @param certificateTimestamp the CT timestamp of the certificate record held in
 *     {@code certificate-records} (the earliest one), or 0 if only observations came
 * @param publishedAt the earliest CT timestamp seen, from certificate records or observations
 * @param ocspUrls every responder URL seen for it
 * @param probeCount probes kept (in the probe-summaries store)
 * @param earliestAuthoritative each region's earliest authoritative probe so far: the one whose
 *     evidence keeps its raw bytes
 * @param stage the last decision made, or null before the first
 * @param dueAt when the next scheduled step (decision or drop) is due: its key in the due index
 * @param verdict the last verdict emitted, with its revision and fingerprint (to emit changes only)
 * @param dropped probes not kept because the bound per certificate was reached
 */
public record CertificateState(
        String certificateId,
        long certificateTimestamp,
        Instant publishedAt,
        List<String> ocspUrls,
        int probeCount,
        List<EarliestProbe> earliestAuthoritative,
        DecisionStage stage,
        Instant dueAt,
        Verdict verdict,
        int revision,
        String fingerprint,
        int dropped) {

    public CertificateState {
        ocspUrls = ocspUrls == null ? List.of() : List.copyOf(ocspUrls);
        earliestAuthoritative = earliestAuthoritative == null ? List.of() : List.copyOf(earliestAuthoritative);
    }

    public static CertificateState empty(String certificateId) {
        return new CertificateState(certificateId, 0, null, List.of(), 0, List.of(), null, null, null, 0, null, 0);
    }

    public CertificateState withCertificate(long timestamp, Instant published, List<String> urls) {
        return new CertificateState(certificateId, timestamp, published, urls, probeCount, earliestAuthoritative, stage, dueAt, verdict,
                revision, fingerprint, dropped);
    }

    /** One more probe kept. */
    public CertificateState withProbe(Instant published, List<String> urls, List<EarliestProbe> earliest) {
        return new CertificateState(certificateId, certificateTimestamp, published, urls, probeCount + 1, earliest, stage, dueAt, verdict,
                revision, fingerprint, dropped);
    }

    /** One more probe not kept (the bound was reached); its publication time still counts. */
    public CertificateState withDropped(Instant published) {
        return new CertificateState(certificateId, certificateTimestamp, published, ocspUrls, probeCount, earliestAuthoritative, stage, dueAt,
                verdict, revision, fingerprint, dropped + 1);
    }

    public CertificateState withDue(Instant due) {
        return new CertificateState(certificateId, certificateTimestamp, publishedAt, ocspUrls, probeCount, earliestAuthoritative, stage, due,
                verdict, revision, fingerprint, dropped);
    }

    public CertificateState decided(DecisionStage newStage, Verdict newVerdict, int newRevision, String newFingerprint) {
        return new CertificateState(certificateId, certificateTimestamp, publishedAt, ocspUrls, probeCount, earliestAuthoritative, newStage,
                dueAt, newVerdict, newRevision, newFingerprint, dropped);
    }
}
