package dev.ocspwatch.agent.prober;

import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.x509.IssuerCertificate;
import java.math.BigInteger;
import java.util.List;

/**
 * One certificate on the schedule: what to ask about, where, and which step comes next. Kept
 * small (a few hundred bytes: responder URL lists are shared between certificates of one CA)
 * because an agent may hold a million. Touched only on the scheduler's context.
 */
final class WatchedCertificate {
    final String certificateId;
    final IssuerCertificate issuer;
    final BigInteger serial;
    final List<String> responderUrls;
    final int partition;
    /** Earliest CT timestamp known, ms; a later record with an earlier one moves it (and the deadline) back. */
    long publishedAtMs;
    boolean authoritativeSeen;
    /** The next step, or null once the watch window is over. */
    ProbeKind nextKind;
    long nextDueMs;
    /** Early probes made, or the watch step (1, 2, ...): salts the jitter. */
    int step;
    int inFlight;

    WatchedCertificate(String certificateId, IssuerCertificate issuer, BigInteger serial, List<String> responderUrls, int partition,
                       long publishedAtMs) {
        this.certificateId = certificateId;
        this.issuer = issuer;
        this.serial = serial;
        this.responderUrls = responderUrls;
        this.partition = partition;
        this.publishedAtMs = publishedAtMs;
    }

    boolean finished() {
        return nextKind == null && inFlight == 0;
    }

    @Override
    public String toString() {
        return certificateId + " next " + nextKind + " at " + nextDueMs;
    }
}
