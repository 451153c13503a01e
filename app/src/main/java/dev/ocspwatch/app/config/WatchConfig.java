package dev.ocspwatch.app.config;

import dev.ocspwatch.agent.prober.ScheduleSettings;
import dev.ocspwatch.collector.verdict.DecisionSettings;
import java.time.Duration;

/**
 * {@code watch:}: a certificate's life, which agents and the collector must agree on.
 *
 * @param deadline publication to deadline: 15 minutes (BR 4.9.9). Shorter only for a rehearsal
 *     (a CA trying a new responder against the lab, say): every probe interval and decision
 *     time shrinks in proportion
 * @param window after the deadline, how long probes go on and count (default one hour, scaled
 *     with the deadline)
 */
public record WatchConfig(Duration deadline, Duration window) {
    static final Duration BR_DEADLINE = Duration.ofMinutes(15);
    /** The agents' HTTP timeout does not shrink with a rehearsal's deadline, so the collector waits at least this for probes in flight. */
    static final Duration MIN_GRACE = Duration.ofSeconds(2);

    public WatchConfig {
        deadline = deadline == null ? BR_DEADLINE : deadline;
        if (deadline.toMillis() < 1000) {
            throw new IllegalArgumentException("deadline must be at least a second, was " + deadline);
        }
        window = window == null ? scale(ScheduleSettings.DEFAULT.watchWindow(), deadline) : window;
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must not be negative, was " + window);
        }
    }

    public static WatchConfig defaults() {
        return new WatchConfig(null, null);
    }

    /** When the agents probe. */
    public ScheduleSettings schedule() {
        return ScheduleSettings.DEFAULT.scaledTo(deadline).withWatchWindow(window);
    }

    /** When the collector decides; {@code grace} null for the default (one minute, scaled, at least 2 s). */
    public DecisionSettings decisions(Duration grace) {
        DecisionSettings scaled = DecisionSettings.DEFAULT.scaledTo(deadline);
        Duration chosen = grace != null ? grace : max(scaled.grace(), MIN_GRACE);
        return scaled.withWindow(chosen, window);
    }

    /** Publication to the final decision: what topic retention must exceed. */
    public Duration lifetime() {
        DecisionSettings decisions = decisions(null);
        return deadline.plus(window).plus(decisions.grace());
    }

    private static Duration scale(Duration d, Duration newDeadline) {
        return Duration.ofMillis(Math.round(d.toMillis() * ((double) newDeadline.toMillis() / BR_DEADLINE.toMillis())));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
