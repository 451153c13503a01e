package dev.ocspwatch.app.config;

import dev.ocspwatch.collector.api.ApiSettings;

/**
 * {@code api:}: the collector's HTTP API and dashboard.
 *
 * @param host the address to bind (127.0.0.1). Anything but loopback requires {@code bearerToken}
 * @param port (8080; 0 for a free one)
 * @param bearerToken required off loopback, at least 16 characters; keep it out of the file:
 *     {@code bearerToken: ~} there and {@code OCSPWATCH_API__BEARER_TOKEN} in the environment
 * @param publicBaseUrl how people reach the dashboard (behind a proxy, say), for links in alerts
 *     and evidence
 * @param advertisedHost how other collector instances reach this one's API (default: {@code host},
 *     or this machine's name when binding 0.0.0.0): one certificate's evidence lives on the
 *     instance owning its partition, and the others forward to it
 */
public record ApiConfig(String host, Integer port, String bearerToken, String publicBaseUrl, String advertisedHost) {
    public ApiConfig {
        host = host == null || host.isBlank() ? ApiSettings.DEFAULT_HOST : host.trim();
        port = port == null ? ApiSettings.DEFAULT_PORT : port;
        bearerToken = bearerToken == null || bearerToken.isBlank() ? null : bearerToken.trim();
        new ApiSettings(host, port, bearerToken, publicBaseUrl); // checks port, token and binding at load, naming the key
    }

    public static ApiConfig defaults() {
        return new ApiConfig(null, null, null, null, null);
    }

    public ApiSettings settings() {
        return new ApiSettings(host, port, bearerToken, publicBaseUrl);
    }

    /** {@code host:port} other instances reach this API at, once bound to {@code boundPort}. */
    public String applicationServer(int boundPort) {
        String reachable = advertisedHost != null && !advertisedHost.isBlank() ? advertisedHost.trim()
                : host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? localHostName() : host;
        return reachable + ":" + boundPort;
    }

    private static String localHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost"; // a lone instance never forwards; several need advertisedHost
        }
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return settings().toString();
    }
}
