package dev.ocspwatch.app.config;

import dev.ocspwatch.collector.verdict.DecisionSettings;
import java.time.Duration;
import java.util.List;

/**
 * {@code decision:}: when the collector decides and how long it remembers.
 *
 * @param grace after the deadline, and after the window, before deciding: for probes in flight
 *     (an agent's 10 s timeout, publishing, clock skew). Default one minute, scaled with a
 *     rehearsal's deadline but never under 2 s
 * @param retention how long a certificate's state outlives its final decision, so late
 *     observations still merge (default one hour, scaled)
 * @param violationRetention the same for a VIOLATION: how long its evidence is served (30 days)
 */
public record DecisionConfig(Duration grace, Duration retention, Duration violationRetention) {
    public DecisionConfig {
        for (Duration d : new Duration[] {grace, retention, violationRetention}) {
            if (d != null && d.isNegative()) {
                throw new IllegalArgumentException("durations must not be negative, was " + d);
            }
        }
    }

    public static DecisionConfig defaults() {
        return new DecisionConfig(null, null, null);
    }

    public DecisionSettings settings(WatchConfig watch, List<String> regions) {
        DecisionSettings base = watch.decisions(grace).withRegions(regions);
        return new DecisionSettings(base.deadline(), base.grace(), base.watchWindow(), retention != null ? retention : base.retention(),
                violationRetention != null ? violationRetention : base.violationRetention(), base.regions(), base.punctuateEvery(),
                base.quietInput(), base.maxProbesPerCertificate());
    }
}
