package dev.ocspwatch.app.config;

import dev.ocspwatch.collector.alert.AlertSettings;
import dev.ocspwatch.collector.alert.WebhookTarget;
import java.util.List;

/**
 * {@code alerts:}: a webhook call on each new VIOLATION, delivered with retries and never twice.
 *
 * @param targets each {@code {name, url, format: generic|slack, bearerToken, headers}}; every
 *     target receives every alert; none (the default) sends nothing
 * @param consumerGroup the Kafka group reading verdicts for alerts ({@code ocspwatch-collector-alerts}):
 *     one group per deployment, so several collector instances share the sending
 * @param startAt where a new group starts: {@code latest} (default: no alerts for old verdicts) or {@code earliest}
 */
public record AlertsConfig(List<WebhookTarget> targets, String consumerGroup, String startAt) {
    public AlertsConfig {
        targets = targets == null ? List.of() : List.copyOf(targets);
        AlertSettings.defaults(targets, null).withConsumer(consumerGroup, startAt); // checks names and groups at load, naming the key
    }

    public static AlertsConfig none() {
        return new AlertsConfig(null, null, null);
    }

    public AlertSettings settings(String publicBaseUrl) {
        return AlertSettings.defaults(targets, publicBaseUrl).withConsumer(consumerGroup, startAt);
    }

    /** Never shows URLs' secrets: see {@link WebhookTarget#toString()}. */
    @Override
    public String toString() {
        return settings(null).toString();
    }
}
