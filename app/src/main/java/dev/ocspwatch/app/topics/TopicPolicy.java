package dev.ocspwatch.app.topics;

import java.time.Duration;

/**
 * What ocspwatch asks of a cluster's topics, from the {@code topics:} section of a configuration.
 *
 * @param create create missing topics at start (needs the CreateTopics ACL); otherwise a missing
 *     topic is an error, for clusters whose topics are managed elsewhere
 * @param partitions of the certificate-keyed topics ({@code certificates}, {@code observations},
 *     {@code verdicts}): the collector's unit of parallelism. Certificates and observations must
 *     have the same count (Kafka Streams joins them by partition)
 * @param replicationFactor for topics created here; -1 takes the broker's default
 * @param retention of the non-compacted topics: how long a stopped collector may stay away and
 *     still decide every certificate from the backlog. Must exceed the certificate's life
 *     (deadline + watch window), checked at start
 */
public record TopicPolicy(Boolean create, Integer partitions, Integer replicationFactor, Duration retention) {
    public static final int DEFAULT_PARTITIONS = 12;
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    public TopicPolicy {
        create = create != null && create;
        partitions = partitions == null ? DEFAULT_PARTITIONS : partitions;
        replicationFactor = replicationFactor == null ? -1 : replicationFactor;
        retention = retention == null ? DEFAULT_RETENTION : retention;
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor == 0 || replicationFactor < -1 || replicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("replicationFactor must be -1 (the broker's default) or positive, was " + replicationFactor);
        }
        if (retention.toMillis() < 1) {
            throw new IllegalArgumentException("retention must be positive, was " + retention);
        }
    }

    /** Check only, 12 partitions, the broker's replication, 7 days. */
    public static TopicPolicy defaults() {
        return new TopicPolicy(null, null, null, null);
    }

    public TopicPolicy creating() {
        return new TopicPolicy(true, partitions, replicationFactor, retention);
    }
}
