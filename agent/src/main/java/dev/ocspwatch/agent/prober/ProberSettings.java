package dev.ocspwatch.agent.prober;

import dev.ocspwatch.agent.probe.AddressPolicy;
import dev.ocspwatch.agent.probe.FetchLimits;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The prober role's configuration.
 *
 * @param region where this agent probes from; agents of one region share the certificates
 *     (consumer group {@code ocspwatch-prober-<region>}), every region sees them all
 * @param agentId this agent among its region's, in every observation
 * @param maxWatched certificates scheduled at once; beyond it the agent stops reading new ones
 *     (it pauses its partitions) until some finish their watch window
 * @param maxBufferedObservations observations waiting for Kafka; when full, no new probe starts
 *     and reading pauses, until Kafka takes them (nothing is dropped)
 * @param issuerWait how long a certificate may wait for its issuer on {@code ocspwatch.issuers}
 *     before it is rejected (counted and logged)
 * @param tick how often the schedule is looked at for due probes
 */
public record ProberSettings(String region, String agentId, ScheduleSettings schedule, PolitenessSettings politeness,
                             FetchLimits limits, AddressPolicy addressPolicy, int maxWatched, int maxBufferedObservations,
                             Duration issuerWait, Duration tick) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    public ProberSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(agentId, "agentId");
        if (!NAME.matcher(region).matches()) {
            throw new IllegalArgumentException("region must be lower-case letters, digits, '.', '_' or '-': \"" + region + "\"");
        }
        schedule = schedule == null ? ScheduleSettings.DEFAULT : schedule;
        politeness = politeness == null ? PolitenessSettings.DEFAULT : politeness;
        limits = limits == null ? FetchLimits.ocsp() : limits;
        addressPolicy = addressPolicy == null ? AddressPolicy.PUBLIC_ONLY : addressPolicy;
        issuerWait = issuerWait == null ? Duration.ofMinutes(2) : issuerWait;
        tick = tick == null ? Duration.ofMillis(100) : tick;
        if (maxWatched < 1 || maxBufferedObservations < 1) {
            throw new IllegalArgumentException("maxWatched and maxBufferedObservations must be at least 1");
        }
        if (issuerWait.isNegative() || tick.toMillis() < 1) {
            throw new IllegalArgumentException("issuerWait must not be negative and tick must be at least 1 ms (a Vert.x timer): "
                    + issuerWait + ", " + tick);
        }
    }

    /** Defaults for a region: public responders only, 15-minute deadline, 1,000,000 certificates, 20,000 observations. */
    public static ProberSettings defaults(String region, String agentId) {
        return new ProberSettings(region, agentId, null, null, null, null, 1_000_000, 20_000, null, null);
    }

    public String consumerGroup() {
        return "ocspwatch-prober-" + region;
    }
}
