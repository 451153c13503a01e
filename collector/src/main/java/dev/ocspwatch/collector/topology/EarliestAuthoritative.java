package dev.ocspwatch.collector.topology;

import dev.ocspwatch.collector.state.EarliestProbe;
import dev.ocspwatch.collector.state.ProbeSummary;
import dev.ocspwatch.common.outcome.OutcomeGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * Each region's earliest authoritative probe, held in the certificate's state: the evidence store
 * keeps that probe's raw bytes, and knowing it without reading every probe back keeps taking an
 * observation in independent of how many the certificate already has.
 */
final class EarliestAuthoritative {
    private EarliestAuthoritative() {
    }

    /** The region's earliest authoritative probe, or null if it had none. */
    static EarliestProbe in(List<EarliestProbe> earliest, String region) {
        for (EarliestProbe p : earliest) {
            if (p.region().equals(region)) {
                return p;
            }
        }
        return null;
    }

    /** Whether {@code probe} is authoritative and earlier than its region's earliest so far ({@code held}, may be null). */
    static boolean replaces(ProbeSummary probe, EarliestProbe held) {
        return probe.outcome().group() == OutcomeGroup.AUTHORITATIVE && (held == null || held.isAfter(probe));
    }

    /** The list with {@code probe} in its region's place if it {@link #replaces} the one held. */
    static List<EarliestProbe> with(List<EarliestProbe> earliest, ProbeSummary probe) {
        if (!replaces(probe, in(earliest, probe.region()))) {
            return earliest;
        }
        List<EarliestProbe> next = new ArrayList<>(earliest.size() + 1);
        for (EarliestProbe p : earliest) {
            if (!p.region().equals(probe.region())) {
                next.add(p);
            }
        }
        next.add(EarliestProbe.of(probe));
        return next;
    }
}
