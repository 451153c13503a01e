package dev.ocspwatch.agent.discovery;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Waiting after a log says no (429, 5xx, a network failure): what the log asked for in
 * Retry-After when it said, otherwise doubling from one second up to a minute, with jitter so
 * many followers do not return in lockstep. A success resets it.
 */
final class Backoff {
    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration MOST = Duration.ofMinutes(1);

    private final SplittableRandom random = new SplittableRandom();
    private Duration current = Duration.ZERO;

    Duration next(String retryAfter) {
        Duration asked = parse(retryAfter);
        if (asked != null) {
            current = asked;
            return asked;
        }
        current = current.isZero() ? FIRST : (current.compareTo(MOST.dividedBy(2)) > 0 ? MOST : current.multipliedBy(2));
        long jitter = random.nextLong(Math.max(1, current.toMillis() / 4));
        return current.plusMillis(jitter);
    }

    void reset() {
        current = Duration.ZERO;
    }

    /** Retry-After in seconds (the HTTP-date form is rare for CT logs and treated as absent). */
    static Duration parse(String retryAfter) {
        if (retryAfter == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(retryAfter.trim());
            return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, 3600));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
