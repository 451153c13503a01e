package dev.ocspwatch.common.x509;

/** Bad certificate input: the message is one line a user can act on, naming the source. */
public final class CertificateInputException extends Exception {
    public CertificateInputException(String message) {
        super(message);
    }

    public CertificateInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
