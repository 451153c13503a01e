package dev.ocspwatch.common.ct;

/**
 * A tree head (checkpoint or get-sth answer) that parsed but is not signed by the log's key:
 * no signature line from that key, an unsupported algorithm, or a signature that does not
 * verify. The message says which.
 */
public final class CtSignatureException extends Exception {
    public CtSignatureException(String message) {
        super(message);
    }
}
