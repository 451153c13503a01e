package dev.ocspwatch.app.config;

import dev.ocspwatch.app.topics.TopicPolicy;
import dev.ocspwatch.common.config.ConfigException;
import dev.ocspwatch.common.config.ConfigFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A collector's configuration file ({@code ocspwatch collector --config FILE}).
 *
 * @param regions the regions whose agents should probe every certificate: a region that never
 *     reports a certificate shows as NOT_ASKED, rather than going unnoticed
 * @param streams the Kafka Streams application
 */
public record CollectorConfig(KafkaConfig kafka, TopicPolicy topics, WatchConfig watch, List<String> regions, StreamsConfig streams,
                              DecisionConfig decision, ApiConfig api, AlertsConfig alerts) {
    public CollectorConfig {
        if (kafka == null) {
            throw new IllegalArgumentException("kafka is required (kafka.bootstrapServers at least)");
        }
        if (streams == null) {
            throw new IllegalArgumentException("streams is required (streams.stateDirectory at least)");
        }
        topics = topics == null ? TopicPolicy.defaults() : topics;
        watch = watch == null ? WatchConfig.defaults() : watch;
        regions = regions == null ? List.of() : List.copyOf(regions);
        decision = decision == null ? DecisionConfig.defaults() : decision;
        api = api == null ? ApiConfig.defaults() : api;
        alerts = alerts == null ? AlertsConfig.none() : alerts;
    }

    public static CollectorConfig load(Path file, Map<String, String> environment) throws ConfigException {
        return ConfigFiles.load(file, CollectorConfig.class, ConfigFiles.ENV_PREFIX, environment);
    }
}
