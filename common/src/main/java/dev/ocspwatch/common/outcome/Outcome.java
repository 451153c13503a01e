package dev.ocspwatch.common.outcome;

/**
 * The outcome of one OCSP fetch. These names are a contract shared by CLI output, Kafka
 * messages, the HTTP API and the dashboard (DESIGN.md, "Vocabulary"): never rename them.
 */
public enum Outcome {
    GOOD(OutcomeGroup.AUTHORITATIVE),
    REVOKED(OutcomeGroup.AUTHORITATIVE),

    UNKNOWN(OutcomeGroup.RESPONDER),
    UNAUTHORIZED(OutcomeGroup.RESPONDER),
    TRY_LATER(OutcomeGroup.RESPONDER),
    INTERNAL_ERROR(OutcomeGroup.RESPONDER),
    MALFORMED_REQUEST(OutcomeGroup.RESPONDER),
    SIG_REQUIRED(OutcomeGroup.RESPONDER),
    BAD_SIGNATURE(OutcomeGroup.RESPONDER),
    UNAUTHORIZED_SIGNER(OutcomeGroup.RESPONDER),
    WRONG_CERT_ID(OutcomeGroup.RESPONDER),
    NOT_CURRENT(OutcomeGroup.RESPONDER),
    MALFORMED_RESPONSE(OutcomeGroup.RESPONDER),
    HTTP_ERROR(OutcomeGroup.RESPONDER),

    DNS_FAILURE(OutcomeGroup.TRANSPORT),
    CONNECT_FAILURE(OutcomeGroup.TRANSPORT),
    TLS_FAILURE(OutcomeGroup.TRANSPORT),
    TIMEOUT(OutcomeGroup.TRANSPORT),

    BLOCKED(OutcomeGroup.POLICY);

    private final OutcomeGroup group;

    Outcome(OutcomeGroup group) {
        this.group = group;
    }

    public OutcomeGroup group() {
        return group;
    }

    /** Only signed {@code good} and {@code revoked} answers satisfy BR 4.9.9. */
    public boolean authoritative() {
        return group == OutcomeGroup.AUTHORITATIVE;
    }
}
