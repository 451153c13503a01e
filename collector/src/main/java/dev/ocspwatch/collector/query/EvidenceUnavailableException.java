package dev.ocspwatch.collector.query;

/**
 * The stores holding a certificate's evidence cannot be read at this moment (being restored
 * from their changelogs, or handed over in a rebalance between {@link CollectorView#locate} and
 * the read). Not a fault: the same question succeeds shortly, so the API answers 503 with
 * Retry-After rather than 500.
 */
public final class EvidenceUnavailableException extends RuntimeException {
    public EvidenceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
