package dev.ocspwatch.collector.topology;

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
    static ProbeSummary in(List<ProbeSummary> earliest, String region) {
        for (ProbeSummary p : earliest) {
            if (p.region().equals(region)) {
                return p;
            }
        }
        return null;
    }

    /** The list with {@code probe} in its region's place if it is authoritative and earlier than the one held. */
    static List<ProbeSummary> with(List<ProbeSummary> earliest, ProbeSummary probe) {
        if (probe.outcome().group() != OutcomeGroup.AUTHORITATIVE) {
            return earliest;
        }
        ProbeSummary held = in(earliest, probe.region());
        if (held != null && ProbeSummary.BY_SEND_TIME.compare(probe, held) >= 0) {
            return earliest;
        }
        List<ProbeSummary> next = new ArrayList<>(earliest.size() + 1);
        for (ProbeSummary p : earliest) {
            if (!p.region().equals(probe.region())) {
                next.add(p);
            }
        }
        next.add(probe);
        return next;
    }
}
