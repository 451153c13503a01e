package dev.ocspwatch.agent.discovery;

import dev.ocspwatch.common.ct.LoggedCertificate;
import java.util.List;

/**
 * Entries [{@code start}, {@code end}) of a log, in order and contiguous: every index is either a
 * certificate or a reject. A follower hands batches over one at a time, in index order, and
 * waits for each to be accepted, so nothing is skipped or published out of order.
 *
 * @param treeSize the tree size the log last showed (for lag)
 * @param treeTimestamp when the log signed that tree head, ms
 */
public record Batch(CtLog log, long start, long end, List<LoggedCertificate> certificates, List<Reject> rejects,
                    long treeSize, long treeTimestamp) {
    public Batch {
        certificates = List.copyOf(certificates);
        rejects = List.copyOf(rejects);
        if (end < start) {
            throw new IllegalArgumentException("batch end " + end + " before start " + start);
        }
    }
}
