package dev.ocspwatch.common.ocsp;

import dev.ocspwatch.common.outcome.Outcome;

/**
 * RFC 6960 4.2.1 OCSPResponseStatus. Every status but successful is unsigned and carries no
 * certificate status: each maps to a non-authoritative outcome. Values 4 and anything above 6
 * are not defined and make the response malformed.
 */
public enum ResponseStatus {
    SUCCESSFUL(0, "successful", null),
    MALFORMED_REQUEST(1, "malformedRequest", Outcome.MALFORMED_REQUEST),
    INTERNAL_ERROR(2, "internalError", Outcome.INTERNAL_ERROR),
    TRY_LATER(3, "tryLater", Outcome.TRY_LATER),
    SIG_REQUIRED(5, "sigRequired", Outcome.SIG_REQUIRED),
    UNAUTHORIZED(6, "unauthorized", Outcome.UNAUTHORIZED);

    private final int code;
    private final String rfcName;
    private final Outcome outcome;

    ResponseStatus(int code, String rfcName, Outcome outcome) {
        this.code = code;
        this.rfcName = rfcName;
        this.outcome = outcome;
    }

    public int code() {
        return code;
    }

    public String rfcName() {
        return rfcName;
    }

    /** The outcome of an unsuccessful status; null for SUCCESSFUL, whose outcome depends on the body. */
    public Outcome outcome() {
        return outcome;
    }

    public static ResponseStatus fromCode(int code) {
        for (ResponseStatus status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        return null;
    }

    /** "unauthorized (6)", or "undefined (17)" for a value outside the enum. */
    public static String describe(int code) {
        ResponseStatus status = fromCode(code);
        return (status == null ? "undefined" : status.rfcName) + " (" + code + ")";
    }
}
