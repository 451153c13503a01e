package dev.ocspwatch.common.kafka;

import java.time.Instant;
import java.util.Objects;

/**
 * How far discovery has published a CT log, on the compacted
 * {@code ocspwatch.discovery-checkpoints} (keyed by {@link #logId()}): everything below
 * {@link #nextIndex()} has been published and acknowledged. A restarted or relocated discovery
 * agent resumes here: at-least-once (the last batch may be published again), never a gap.
 *
 * @param treeSize the size of the tree head the log last showed
 */
public record LogCheckpoint(String logId, String logName, String url, long nextIndex, long treeSize, Instant updatedAt) {
    public LogCheckpoint {
        Objects.requireNonNull(logId, "logId");
        if (nextIndex < 0) {
            throw new IllegalArgumentException("nextIndex must not be negative: " + nextIndex);
        }
    }
}
