package dev.ocspwatch.common.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * How to reach a Kafka cluster: the bootstrap servers and any client properties passed through
 * untouched (SASL, TLS, timeouts), as a deployment against an existing cluster needs.
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> properties) {
    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    public static KafkaSettings of(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, Map.of());
    }

    /** An idempotent producer that waits for every in-sync replica: nothing acknowledged is lost, nothing duplicated by retries. */
    public Properties producer(String clientId) {
        Properties p = base(clientId);
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        p.put("max.in.flight.requests.per.connection", "5");
        p.put("linger.ms", "5");
        p.put("compression.type", "lz4");
        p.putAll(properties);
        return p;
    }

    /** A consumer that commits nothing by itself: the caller decides what counts as consumed. */
    public Properties consumer(String clientId, String groupId) {
        Properties p = base(clientId);
        if (groupId != null) {
            p.put("group.id", groupId);
        }
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        p.putAll(properties);
        return p;
    }

    public Map<String, Object> admin() {
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        p.putAll(properties);
        return p;
    }

    private Properties base(String clientId) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("client.id", clientId);
        return p;
    }
}
