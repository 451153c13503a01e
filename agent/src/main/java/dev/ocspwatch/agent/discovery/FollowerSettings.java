package dev.ocspwatch.agent.discovery;

import java.time.Duration;
import java.util.Objects;

/**
 * How a follower reads a log.
 *
 * @param pollInterval how often to ask for a new tree head once caught up
 * @param batchSize entries per get-entries request (logs may answer fewer; the follower learns)
 * @param parallelFetches get-entries windows or data tiles in flight when far behind
 * @param partialTileMaxAge how long a static-ct-api data tile may stay partial before the follower
 *     fetches the partial tile (seconds, not hours: the deadline is 15 minutes)
 * @param maxRetriesPerIndex after this many failed attempts at one index a malformed answer is
 *     rejected entry by entry instead of retried forever
 */
public record FollowerSettings(Duration pollInterval, int batchSize, int parallelFetches, Duration partialTileMaxAge,
                               int maxRetriesPerIndex) {
    public static final FollowerSettings DEFAULT =
            new FollowerSettings(Duration.ofSeconds(5), 256, 4, Duration.ofSeconds(5), 5);

    public FollowerSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(partialTileMaxAge, "partialTileMaxAge");
        if (batchSize < 1 || parallelFetches < 1 || maxRetriesPerIndex < 1) {
            throw new IllegalArgumentException("batchSize, parallelFetches and maxRetriesPerIndex must be at least 1");
        }
    }
}
