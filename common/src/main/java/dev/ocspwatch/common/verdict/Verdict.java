package dev.ocspwatch.common.verdict;

/**
 * The verdict on one certificate after its deadline. These names are a contract shared by the
 * collector, Kafka messages, the HTTP API, the dashboard and the lab's ground truth
 * (DESIGN.md, "Vocabulary"): never rename them.
 */
public enum Verdict {
    /** Every probe at or after the deadline, in every region, was authoritative. */
    COMPLIANT,
    /**
     * Some region got a non-authoritative answer from the responder at or after the deadline,
     * or no region could reach it at all.
     */
    VIOLATION,
    /**
     * No probe at or after the deadline, or only some regions failed at the transport level (a
     * local path problem, reported as such).
     */
    INCONCLUSIVE,
    /** The certificate names no OCSP responder (OCSP is optional since ballot SC-063). */
    NOT_APPLICABLE
}
