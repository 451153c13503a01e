package dev.ocspwatch.common.verdict;

/** What one region saw at and after the deadline, in one word: the input of the verdict rules. */
public enum RegionStatus {
    /** Every counted probe was answered authoritatively. */
    AUTHORITATIVE,
    /** Some counted probe was answered non-authoritatively by the responder: the CA's doing. */
    RESPONDER_FAILURE,
    /** Some counted probe never got an answer (DNS, connect, TLS, timeout), none was answered non-authoritatively. */
    TRANSPORT_FAILURE,
    /** Every counted probe was refused by the agent's own address policy: the region asked nothing. */
    BLOCKED,
    /** No probe at or after the deadline has arrived from this region. */
    NOT_ASKED
}
