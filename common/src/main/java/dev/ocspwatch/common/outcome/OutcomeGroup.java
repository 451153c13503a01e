package dev.ocspwatch.common.outcome;

/** Whose doing an outcome is: the groups of DESIGN.md's vocabulary table. */
public enum OutcomeGroup {
    /** A signed {@code good} or {@code revoked}: what BR 4.9.9 demands. */
    AUTHORITATIVE,
    /** The responder answered, but not authoritatively. */
    RESPONDER,
    /** The answer never arrived: either side's network may be at fault. */
    TRANSPORT,
    /** The agent refused to send the request (its own address or scheme policy). */
    POLICY
}
