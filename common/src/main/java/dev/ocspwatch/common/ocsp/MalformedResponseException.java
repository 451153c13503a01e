package dev.ocspwatch.common.ocsp;

/** The bytes are not a usable OCSP response; the message says where parsing stopped and why. */
public final class MalformedResponseException extends Exception {
    public MalformedResponseException(String message) {
        super(message);
    }

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
