package dev.ocspwatch.app.config;

import dev.ocspwatch.collector.service.CollectorStreamsSettings;
import java.nio.file.Path;

/**
 * {@code streams:}: how the collector runs as a Kafka Streams application. Instances with the
 * same {@code applicationId} share the work: partitions of the certificate topics are spread
 * over their stream threads.
 *
 * @param applicationId consumer group and prefix of the changelog topics ({@code ocspwatch-collector})
 * @param stateDirectory where RocksDB keeps state; losing it costs a rebuild from the changelogs, not data
 * @param threads stream threads in this instance (1); more than the partition count idle
 * @param replicationFactor of the changelog topics; -1 takes the broker's default
 * @param standbyReplicas warm copies of each task's state on other instances, for fast failover (0)
 */
public record StreamsConfig(String applicationId, Path stateDirectory, Integer threads, Integer replicationFactor,
                            Integer standbyReplicas) {
    public StreamsConfig {
        applicationId = applicationId == null || applicationId.isBlank() ? CollectorStreamsSettings.DEFAULT_APPLICATION_ID : applicationId;
        if (stateDirectory == null) {
            throw new IllegalArgumentException("stateDirectory is required (where the collector keeps its RocksDB state)");
        }
        threads = threads == null ? 1 : threads;
        replicationFactor = replicationFactor == null ? -1 : replicationFactor;
        standbyReplicas = standbyReplicas == null ? 0 : standbyReplicas;
        // The settings record checks the numbers; built here so a bad one fails at load, naming the key.
        new CollectorStreamsSettings(applicationId, stateDirectory, threads, replicationFactor, standbyReplicas, null);
    }

    /** @param applicationServer this instance's API as other instances reach it ({@code host:port}), or null */
    public CollectorStreamsSettings settings(String applicationServer) {
        return new CollectorStreamsSettings(applicationId, stateDirectory, threads, replicationFactor, standbyReplicas, applicationServer);
    }
}
