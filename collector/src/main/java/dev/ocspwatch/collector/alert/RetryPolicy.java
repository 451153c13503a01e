package dev.ocspwatch.collector.alert;

import java.time.Duration;

/**
 * How often and how patiently a webhook is tried: exponential backoff from
 * {@code initialBackoff}, doubling per failed attempt up to {@code maxBackoff}, each delay
 * shortened by up to {@code jitter} of itself at random (so alerts to one receiver that failed
 * together do not come back together). The defaults (8 attempts, 1 s doubling to at most 5 min)
 * wait 1 + 2 + ... + 64 s between attempts: a receiver has about two minutes (64-127 s with the
 * jitter) to come back before an alert is given up; more attempts reach the 5-minute cap.
 *
 * @param maxAttempts attempts in all, the first included (0: the default, 8)
 * @param initialBackoff null: 1 s
 * @param maxBackoff null: 5 min
 * @param jitter 0 (none: the tests' choice, and what a configuration leaving it out gets) to 1 (anywhere between 0 and the
 *     full delay); the default policy uses 0.5
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofMinutes(5), 0.5);

    public RetryPolicy {
        initialBackoff = initialBackoff == null ? DEFAULT.initialBackoff : initialBackoff;
        maxBackoff = maxBackoff == null ? DEFAULT.maxBackoff : maxBackoff;
        maxAttempts = maxAttempts == 0 ? 8 : maxAttempts; // 0: left out of a configuration file
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry.maxAttempts must be at least 1, not " + maxAttempts);
        }
        if (initialBackoff.toMillis() < 1) {
            throw new IllegalArgumentException("retry.initialBackoff must be at least 1 ms (a Vert.x timer), not " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("retry.maxBackoff (" + maxBackoff + ") must not be shorter than retry.initialBackoff ("
                    + initialBackoff + ")");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("retry.jitter must be between 0 and 1, not " + jitter);
        }
    }

    /**
     * The pause after {@code failedAttempts} attempts failed (1 after the first).
     *
     * @param random uniform in [0, 1): where within the jitter this delay falls
     */
    public Duration backoff(int failedAttempts, double random) {
        long initial = initialBackoff.toMillis();
        long max = maxBackoff.toMillis();
        long full = Math.min(initial, max);
        for (int i = 1; i < failedAttempts && full < max; i++) {
            full = Math.min(max, full * 2); // stops at max long before it could overflow
        }
        long delay = Math.round(full * (1 - jitter * random));
        return Duration.ofMillis(Math.max(1, delay));
    }

    /**
     * The pause when the receiver asked for one (Retry-After): never shorter than it asked, nor
     * than the backoff, but at most {@code maxBackoff}, so one receiver cannot park an alert (and
     * every offset committed behind it) for hours.
     */
    public Duration backoff(int failedAttempts, double random, Duration retryAfter) {
        Duration own = backoff(failedAttempts, random);
        if (retryAfter == null || retryAfter.compareTo(own) <= 0) {
            return own;
        }
        return retryAfter.compareTo(maxBackoff) > 0 ? maxBackoff : retryAfter;
    }
}
