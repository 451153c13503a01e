package dev.ocspwatch.common.ct;

/**
 * Bytes or text from a CT log that are not what RFC 6962 or static-ct-api define. The message
 * is one line naming where parsing stopped (entry number, field, offset) and why; CT input is
 * untrusted, so every parser here reports through this checked exception and never lets a
 * RuntimeException escape.
 */
public final class CtFormatException extends Exception {
    public CtFormatException(String message) {
        super(message);
    }

    public CtFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The same failure with a context prefix, e.g. {@code "entry 5 at offset 1234: "}. */
    CtFormatException within(String context) {
        return new CtFormatException(context + getMessage(), getCause() == null ? this : getCause());
    }
}
