package dev.ocspwatch.app.config;

import dev.ocspwatch.common.kafka.KafkaSettings;
import java.util.Map;

/**
 * {@code kafka:}: the cluster every role talks to.
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param properties passed to every producer, consumer, admin and Streams client untouched: SASL
 *     ({@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}), TLS
 *     ({@code ssl.truststore.location}...), timeouts. Secrets belong in the environment:
 *     {@code OCSPWATCH_KAFKA__PROPERTIES__SASL_JAAS_CONFIG} sets {@code sasl.jaas.config} when the
 *     file names the key
 */
public record KafkaConfig(String bootstrapServers, Map<String, String> properties) {
    public KafkaConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is required (host:port of at least one broker)");
        }
        properties = properties == null ? Map.of() : properties;
        for (Map.Entry<String, String> property : new java.util.TreeMap<>(properties).entrySet()) {
            if (property.getValue() == null) {
                throw new IllegalArgumentException("properties." + property.getKey() + " has no value (set it in the file or the environment)");
            }
        }
        properties = Map.copyOf(properties);
    }

    public KafkaSettings settings() {
        return new KafkaSettings(bootstrapServers.trim(), properties);
    }

    /** Never shows property values: SASL passwords live there. */
    @Override
    public String toString() {
        return "KafkaConfig[bootstrapServers=" + bootstrapServers + ", properties=" + properties.keySet() + "]";
    }
}
