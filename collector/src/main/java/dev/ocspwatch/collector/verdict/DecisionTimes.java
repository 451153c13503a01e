package dev.ocspwatch.collector.verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The moments of one certificate's life, from its publication time and the collector's
 * settings: probes sent in {@code [deadline, windowEnd]} count; the first decision waits a
 * grace after the deadline for probes still in flight (an agent's HTTP timeout plus its
 * publishing), the final one a grace after the window.
 */
public record DecisionTimes(Instant publishedAt, Instant deadline, Instant windowEnd, Instant firstDecision, Instant finalDecision) {

    public static DecisionTimes of(Instant publishedAt, Duration deadline, Duration watchWindow, Duration grace) {
        Objects.requireNonNull(publishedAt, "publishedAt");
        Instant due = publishedAt.plus(deadline);
        Instant end = due.plus(watchWindow);
        return new DecisionTimes(publishedAt, due, end, due.plus(grace), end.plus(grace));
    }

    /** Sent at or after the deadline and not after the window's end. */
    public boolean counts(Instant sentAt) {
        return sentAt != null && !sentAt.isBefore(deadline) && !sentAt.isAfter(windowEnd);
    }
}
