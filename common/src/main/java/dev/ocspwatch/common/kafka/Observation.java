package dev.ocspwatch.common.kafka;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.probe.ProbeResult;
import java.time.Instant;
import java.util.Objects;

/**
 * One probe as a regional agent made it: the value on {@code ocspwatch.observations}, keyed by
 * {@link #certificateId()}. The {@link #probe()} holds everything the fetch saw (responder URL,
 * method, CertID hash, send time, addresses, timings, HTTP status and caching headers, outcome
 * and details, lints, raw request and response in base64); the fields around it say who asked,
 * from where, and why then.
 *
 * @param observationId unique per probe: delivery is at-least-once, so a consumer drops repeats by this id
 * @param agentId which agent of the region made it (several share a region's partitions)
 * @param publishedAt the earliest CT timestamp the agent knew for the certificate when it probed
 * @param deadline {@code publishedAt} plus the deadline the agent was configured with
 * @param scheduledAt when the schedule wanted the probe made
 * @param late sent later than the schedule allowed: the agent was overloaded, restarting, or
 *     the partition was unowned for a while (the probe is then made as soon as possible)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Observation(
        String observationId,
        String certificateId,
        String issuerSpkiSha256,
        String region,
        String agentId,
        ProbeKind kind,
        Instant publishedAt,
        Instant deadline,
        Instant scheduledAt,
        boolean late,
        ProbeResult probe) {

    public Observation {
        Objects.requireNonNull(observationId, "observationId");
        Objects.requireNonNull(certificateId, "certificateId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(probe, "probe");
    }

    @JsonIgnore
    public Outcome outcome() {
        return probe.outcome();
    }

    /** At or after the deadline: the probes a verdict is made of. */
    @JsonIgnore
    public boolean counts() {
        return deadline != null && probe.sentAt() != null && !probe.sentAt().isBefore(deadline);
    }
}
