package dev.ocspwatch.collector.verdict;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * When the collector decides and how long it remembers.
 *
 * @param deadline publication to deadline: 15 minutes (BR 4.9.9); shorter only for simulations
 * @param grace after the deadline (and after the window) before deciding, for probes in flight:
 *     an agent's 10 s HTTP timeout, its publishing, and clock skew between agents
 * @param watchWindow after the deadline, how long probes still count
 * @param retention how long a certificate's state outlives its final decision (late observations still merge)
 * @param violationRetention the same for a VIOLATION: its evidence is served this long
 * @param regions regions expected to probe every certificate (a region that never reports is NOT_ASKED); may be empty
 * @param punctuateEvery how often due decisions are looked for (wall clock)
 * @param quietInput input idle this long means the collector has read everything: decide even if no newer record came
 * @param maxProbesPerCertificate probes kept per certificate; more are counted and dropped (a looping agent must not grow state without bound)
 */
public record DecisionSettings(Duration deadline, Duration grace, Duration watchWindow, Duration retention, Duration violationRetention,
                               List<String> regions, Duration punctuateEvery, Duration quietInput, int maxProbesPerCertificate) {

    public static final DecisionSettings DEFAULT = new DecisionSettings(Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofHours(1),
            Duration.ofHours(1), Duration.ofDays(30), List.of(), Duration.ofMillis(250), Duration.ofSeconds(5), 2_000);

    public DecisionSettings {
        Objects.requireNonNull(deadline, "deadline");
        regions = regions == null ? List.of() : List.copyOf(regions);
        for (Duration d : List.of(deadline, grace, watchWindow, retention, violationRetention, punctuateEvery, quietInput)) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("durations must not be negative: " + d);
            }
        }
        if (deadline.isZero() || punctuateEvery.isZero()) {
            throw new IllegalArgumentException("deadline and punctuateEvery must be positive");
        }
        if (maxProbesPerCertificate < 1) {
            throw new IllegalArgumentException("maxProbesPerCertificate must be positive, was " + maxProbesPerCertificate);
        }
    }

    public DecisionTimes times(java.time.Instant publishedAt) {
        return DecisionTimes.of(publishedAt, deadline, watchWindow, grace);
    }

    /** The same settings with every duration of a certificate's life (deadline, grace, window) scaled to a simulated deadline. */
    public DecisionSettings scaledTo(Duration simulatedDeadline) {
        double factor = (double) simulatedDeadline.toMillis() / deadline.toMillis();
        return new DecisionSettings(simulatedDeadline, scale(grace, factor), scale(watchWindow, factor), scale(retention, factor),
                violationRetention, regions, punctuateEvery, quietInput, maxProbesPerCertificate);
    }

    public DecisionSettings withRegions(List<String> expected) {
        return new DecisionSettings(deadline, grace, watchWindow, retention, violationRetention, expected, punctuateEvery, quietInput,
                maxProbesPerCertificate);
    }

    public DecisionSettings withWindow(Duration grace, Duration watchWindow) {
        return new DecisionSettings(deadline, grace, watchWindow, retention, violationRetention, regions, punctuateEvery, quietInput,
                maxProbesPerCertificate);
    }

    private static Duration scale(Duration d, double factor) {
        return Duration.ofMillis(Math.round(d.toMillis() * factor));
    }
}
