package dev.ocspwatch.collector.state;

import java.time.Instant;
import java.util.Comparator;

/**
 * A region's earliest authoritative probe, as the certificate's state remembers it: enough to
 * find its evidence entry and to compare a new probe with it in {@link ProbeSummary#BY_SEND_TIME}
 * order, small because the state is written for every observation.
 */
public record EarliestProbe(String region, Instant sentAt, String observationId) {
    private static final Comparator<Instant> TIMES = Comparator.nullsFirst(Comparator.naturalOrder());

    public static EarliestProbe of(ProbeSummary p) {
        return new EarliestProbe(p.region(), p.sentAt(), p.observationId());
    }

    /** Whether {@code p} comes before this probe in send order (send time, then observation id). */
    public boolean isAfter(ProbeSummary p) {
        int byTime = TIMES.compare(p.sentAt(), sentAt);
        return byTime < 0 || byTime == 0 && p.observationId().compareTo(observationId) < 0;
    }
}
