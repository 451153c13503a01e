package dev.ocspwatch.collector.state;

import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.verdict.DecisionStage;
import dev.ocspwatch.common.verdict.Verdict;
import java.time.Instant;
import java.util.List;

/**
 * The collector's state for one certificate in flight (store {@code certificate-state}, keyed by
 * certificate id, {@link StateSerdes#certificateState()}). The probe summaries live in their own
 * store, one entry per probe, so an observation writes its own summary and this small header
 * instead of rewriting every probe the certificate had.
 *
 * @param certificateJson the certificate record with the earliest CT timestamp, as it arrived on
 *     {@code ocspwatch.certificates} (decoded only when a verdict or a query needs it), or null if
 *     only observations came
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
        byte[] certificateJson,
        Instant publishedAt,
        List<String> ocspUrls,
        int probeCount,
        List<ProbeSummary> earliestAuthoritative,
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
        return new CertificateState(certificateId, null, null, List.of(), 0, List.of(), null, null, null, 0, null, 0);
    }

    /** The earliest certificate record, decoded from the bytes it arrived as; null if none came. */
    public CertificateRecord certificate() {
        return certificateJson == null ? null : Topics.CERTIFICATES.value(certificateJson);
    }

    public CertificateState withCertificate(byte[] json, Instant published, List<String> urls) {
        return new CertificateState(certificateId, json, published, urls, probeCount, earliestAuthoritative, stage, dueAt, verdict,
                revision, fingerprint, dropped);
    }

    /** One more probe kept. */
    public CertificateState withProbe(Instant published, List<String> urls, List<ProbeSummary> earliest) {
        return new CertificateState(certificateId, certificateJson, published, urls, probeCount + 1, earliest, stage, dueAt, verdict,
                revision, fingerprint, dropped);
    }

    /** One more probe not kept (the bound was reached); its publication time still counts. */
    public CertificateState withDropped(Instant published) {
        return new CertificateState(certificateId, certificateJson, published, ocspUrls, probeCount, earliestAuthoritative, stage, dueAt,
                verdict, revision, fingerprint, dropped + 1);
    }

    public CertificateState withDue(Instant due) {
        return new CertificateState(certificateId, certificateJson, publishedAt, ocspUrls, probeCount, earliestAuthoritative, stage, due,
                verdict, revision, fingerprint, dropped);
    }

    public CertificateState decided(DecisionStage newStage, Verdict newVerdict, int newRevision, String newFingerprint) {
        return new CertificateState(certificateId, certificateJson, publishedAt, ocspUrls, probeCount, earliestAuthoritative, newStage,
                dueAt, newVerdict, newRevision, newFingerprint, dropped);
    }
}
