package dev.ocspwatch.collector.service;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the collector runs as a Kafka Streams application.
 *
 * @param applicationId the Streams application id: consumer group, prefix of changelog topics; instances sharing it share the work
 * @param stateDirectory where RocksDB keeps state (changelogs rebuild it when it is lost)
 * @param streamThreads stream threads in this instance
 * @param replicationFactor of changelog topics; -1 takes the broker's default
 * @param standbyReplicas warm copies of each task's state on other instances, for fast failover
 * @param applicationServer {@code host:port} of this instance's HTTP API, so other instances can point to the owner of a key; may be null
 */
public record CollectorStreamsSettings(String applicationId, Path stateDirectory, int streamThreads, int replicationFactor,
                                       int standbyReplicas, String applicationServer) {
    public static final String DEFAULT_APPLICATION_ID = "ocspwatch-collector";

    public CollectorStreamsSettings {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        if (streamThreads < 1) {
            throw new IllegalArgumentException("streamThreads must be at least 1, was " + streamThreads);
        }
        if (replicationFactor == 0 || replicationFactor < -1) {
            throw new IllegalArgumentException("replicationFactor must be -1 (broker default) or positive, was " + replicationFactor);
        }
        if (standbyReplicas < 0) {
            throw new IllegalArgumentException("standbyReplicas must not be negative, was " + standbyReplicas);
        }
    }

    public static CollectorStreamsSettings of(Path stateDirectory) {
        return new CollectorStreamsSettings(DEFAULT_APPLICATION_ID, stateDirectory, 1, -1, 0, null);
    }

    public CollectorStreamsSettings withApplicationId(String id) {
        return new CollectorStreamsSettings(id, stateDirectory, streamThreads, replicationFactor, standbyReplicas, applicationServer);
    }
}
