package dev.ocspwatch.app.config;

import dev.ocspwatch.agent.discovery.DiscoverySettings;
import dev.ocspwatch.common.config.ConfigException;
import dev.ocspwatch.common.config.ConfigFiles;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code ocspwatch standalone}'s configuration: everything in one JVM around an in-process broker.
 *
 * @param directory where the broker's log, the collector's state and the log list cache live;
 *     a restart with the same directory carries on where it stopped ({@code ocspwatch-data})
 * @param brokerPort the in-process broker's port on 127.0.0.1 (0: a free one), for Kafka tools
 * @param discovery which CT logs to follow: the log list bundled in the jar by default; name your
 *     own logs (either API) under {@code logs} and set {@code logList: ~} to follow only those
 * @param prober the one region this process probes from ({@code local} by default)
 * @param api the dashboard, the API and {@code /metrics}
 */
public record StandaloneConfig(Path directory, Integer brokerPort, WatchConfig watch, DiscoverySettings discovery, ProberConfig prober,
                               DecisionConfig decision, ApiConfig api, AlertsConfig alerts) {
    public StandaloneConfig {
        directory = directory == null ? Path.of("ocspwatch-data") : directory;
        brokerPort = brokerPort == null ? 0 : brokerPort;
        if (brokerPort < 0 || brokerPort > 65535) {
            throw new IllegalArgumentException("brokerPort must be 0 to 65535, was " + brokerPort);
        }
        watch = watch == null ? WatchConfig.defaults() : watch;
        discovery = discovery == null ? DiscoverySettings.defaults() : discovery;
        prober = prober == null ? new ProberConfig("local", null, null, null, null, null, null, null, null, null) : prober;
        decision = decision == null ? DecisionConfig.defaults() : decision;
        api = api == null ? ApiConfig.defaults() : api;
        alerts = alerts == null ? AlertsConfig.none() : alerts;
    }

    /** Everything by default: the bundled log list, region {@code local}, the dashboard on 127.0.0.1:8080. */
    public static StandaloneConfig defaults() {
        return new StandaloneConfig(null, null, null, null, null, null, null, null);
    }

    public static StandaloneConfig load(Path file, Map<String, String> environment) throws ConfigException {
        return ConfigFiles.load(file, StandaloneConfig.class, ConfigFiles.ENV_PREFIX, environment);
    }
}
