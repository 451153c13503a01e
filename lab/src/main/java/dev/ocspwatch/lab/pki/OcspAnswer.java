package dev.ocspwatch.lab.pki;

import dev.ocspwatch.common.ocsp.CertStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The content of one SingleResponse a simulated responder signs. {@code nextUpdate} may be
 * null (no nextUpdate) or already past (a stale response); {@code thisUpdate} may be in the
 * future (a responder with a fast clock).
 */
public record OcspAnswer(CertStatus status, Instant revocationTime, Integer revocationReason,
                         Instant thisUpdate, Instant nextUpdate, Instant producedAt) {

    public OcspAnswer {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(thisUpdate, "thisUpdate");
        Objects.requireNonNull(producedAt, "producedAt");
        if (status == CertStatus.REVOKED) {
            Objects.requireNonNull(revocationTime, "revocationTime");
        }
    }

    public static OcspAnswer good(Instant thisUpdate, Duration validity) {
        return new OcspAnswer(CertStatus.GOOD, null, null, thisUpdate, thisUpdate.plus(validity), thisUpdate);
    }

    public static OcspAnswer unknown(Instant thisUpdate, Duration validity) {
        return new OcspAnswer(CertStatus.UNKNOWN, null, null, thisUpdate, thisUpdate.plus(validity), thisUpdate);
    }

    public static OcspAnswer revoked(Instant thisUpdate, Duration validity, Instant revokedAt, Integer reason) {
        return new OcspAnswer(CertStatus.REVOKED, revokedAt, reason, thisUpdate, thisUpdate.plus(validity), thisUpdate);
    }

    public OcspAnswer withNextUpdate(Instant nextUpdate) {
        return new OcspAnswer(status, revocationTime, revocationReason, thisUpdate, nextUpdate, producedAt);
    }
}
