package dev.ocspwatch.app.config;

/**
 * {@code metrics:}: where an agent serves {@code GET /metrics} for Prometheus (the collector
 * serves it on its API port).
 *
 * @param host the address to bind (127.0.0.1)
 * @param port (9464; 0 for a free one; -1 for no metrics server)
 */
public record MetricsConfig(String host, Integer port) {
    public static final int DEFAULT_PORT = 9464;

    public MetricsConfig {
        host = host == null || host.isBlank() ? "127.0.0.1" : host.trim();
        port = port == null ? DEFAULT_PORT : port;
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, or -1 for none; was " + port);
        }
    }

    public static MetricsConfig defaults() {
        return new MetricsConfig(null, null);
    }

    public boolean enabled() {
        return port >= 0;
    }
}
