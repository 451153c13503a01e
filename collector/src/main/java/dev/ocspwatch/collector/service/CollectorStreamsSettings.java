package dev.ocspwatch.collector.service;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * How the collector runs as a Kafka Streams application.
 *
 * @param applicationId the Streams application id: consumer group, prefix of changelog topics; instances sharing it share the work
 * @param stateDirectory where RocksDB keeps state (changelogs rebuild it when it is lost)
 * @param streamThreads stream threads in this instance
 * @param replicationFactor of changelog topics; -1 takes the broker's default
 * @param standbyReplicas warm copies of each task's state on other instances, for fast failover
 * @param applicationServer {@code host:port} at which the other instances reach this instance's HTTP API (Kafka Streams'
 *     {@code application.server}). With it, any instance answers for any certificate's evidence by forwarding to the
 *     owner of its partition; without it (null), each instance answers only for the certificates it holds, which is
 *     all of them when it runs alone. Must be an address others can connect to, so not a wildcard such as 0.0.0.0
 */
public record CollectorStreamsSettings(String applicationId, Path stateDirectory, int streamThreads, int replicationFactor,
                                       int standbyReplicas, String applicationServer) {
    public static final String DEFAULT_APPLICATION_ID = "ocspwatch-collector";
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]", "*");

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
        if (applicationServer != null) {
            hostInfo(applicationServer); // fail here, naming the setting, rather than deep inside Kafka Streams
        }
    }

    public static CollectorStreamsSettings of(Path stateDirectory) {
        return new CollectorStreamsSettings(DEFAULT_APPLICATION_ID, stateDirectory, 1, -1, 0, null);
    }

    public CollectorStreamsSettings withApplicationId(String id) {
        return new CollectorStreamsSettings(id, stateDirectory, streamThreads, replicationFactor, standbyReplicas, applicationServer);
    }

    /** The same settings announcing {@code hostAndPort} (null for none) as this instance's HTTP API. */
    public CollectorStreamsSettings withApplicationServer(String hostAndPort) {
        return new CollectorStreamsSettings(applicationId, stateDirectory, streamThreads, replicationFactor, standbyReplicas, hostAndPort);
    }

    /** {@link #applicationServer()} as Kafka Streams reports it back in query metadata, or null. */
    HostInfo applicationServerInfo() {
        return applicationServer == null ? null : hostInfo(applicationServer);
    }

    private static HostInfo hostInfo(String endpoint) {
        HostInfo info;
        try {
            info = HostInfo.buildFromEndpoint(endpoint);
        } catch (ConfigException e) {
            info = null;
        }
        if (info == null || info.host().isBlank() || info.port() < 1 || info.port() > 65535) {
            throw new IllegalArgumentException("applicationServer must be host:port of this instance's API, was \"" + endpoint + "\"");
        }
        if (WILDCARDS.contains(info.host())) {
            throw new IllegalArgumentException("applicationServer \"" + endpoint
                    + "\" is a wildcard: give the address other collector instances connect to");
        }
        return info;
    }
}
