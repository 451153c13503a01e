package dev.ocspwatch.common.ocsp;

/** RFC 5280 5.3.1 CRLReason; the names are OpenSSL's and the RFC's spelling. */
public final class RevocationReason {
    private static final String[] NAMES = {
        "unspecified", "keyCompromise", "cACompromise", "affiliationChanged", "superseded",
        "cessationOfOperation", "certificateHold", null, "removeFromCRL", "privilegeWithdrawn", "aACompromise"};

    private RevocationReason() {
    }

    /** The name of a CRLReason code, or "reason(N)" for a value RFC 5280 does not define. */
    public static String name(int code) {
        if (code >= 0 && code < NAMES.length && NAMES[code] != null) {
            return NAMES[code];
        }
        return "reason(" + code + ")";
    }
}
