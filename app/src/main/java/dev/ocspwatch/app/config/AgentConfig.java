package dev.ocspwatch.app.config;

import dev.ocspwatch.agent.discovery.DiscoverySettings;
import dev.ocspwatch.app.topics.TopicPolicy;
import dev.ocspwatch.common.config.ConfigException;
import dev.ocspwatch.common.config.ConfigFiles;
import java.nio.file.Path;
import java.util.Map;

/**
 * An agent's configuration file ({@code ocspwatch agent --config FILE}): one region's prober, and
 * in exactly one agent of a deployment, discovery.
 *
 * @param discovery follow CT logs and publish their certificates; leave it out in all agents but one
 *     (two would publish every certificate twice; harmless, the collector merges them, but wasteful)
 */
public record AgentConfig(KafkaConfig kafka, TopicPolicy topics, WatchConfig watch, DiscoverySettings discovery, ProberConfig prober,
                          MetricsConfig metrics) {
    public AgentConfig {
        if (kafka == null) {
            throw new IllegalArgumentException("kafka is required (kafka.bootstrapServers at least)");
        }
        if (discovery == null && prober == null) {
            throw new IllegalArgumentException("an agent needs discovery, prober or both");
        }
        topics = topics == null ? TopicPolicy.defaults() : topics;
        watch = watch == null ? WatchConfig.defaults() : watch;
        metrics = metrics == null ? MetricsConfig.defaults() : metrics;
    }

    /** Loads {@code file}; {@code OCSPWATCH_<KEY>__<KEY>} variables in {@code environment} override keys the file has. */
    public static AgentConfig load(Path file, Map<String, String> environment) throws ConfigException {
        return ConfigFiles.load(file, AgentConfig.class, ConfigFiles.ENV_PREFIX, environment);
    }
}
