package dev.ocspwatch.agent.prober;

/**
 * How hard one agent may press on responders.
 *
 * @param perHostConcurrency probes in flight to one responder host at once
 * @param perHostPerSecond probes started per second to one responder host (a token bucket
 *     holding a second's worth, so short bursts pass and a flood does not)
 * @param globalConcurrency probes in flight in all
 */
public record PolitenessSettings(int perHostConcurrency, double perHostPerSecond, int globalConcurrency) {
    public static final PolitenessSettings DEFAULT = new PolitenessSettings(8, 50, 512);

    public PolitenessSettings {
        if (perHostConcurrency < 1 || globalConcurrency < 1 || !(perHostPerSecond > 0)) {
            throw new IllegalArgumentException("politeness limits must be positive");
        }
    }
}
