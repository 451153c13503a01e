package dev.ocspwatch.common.verdict;

/** When a verdict was made. */
public enum DecisionStage {
    /** At the deadline plus the grace for probes in flight; may still change within the watch window. */
    DEADLINE,
    /** Changed within the watch window by a probe that arrived after the first decision. */
    WATCH,
    /** At the end of the watch window (plus grace); changes after it only if a probe made within the window arrives late. */
    FINAL
}
