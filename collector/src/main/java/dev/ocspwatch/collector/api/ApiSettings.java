package dev.ocspwatch.collector.api;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the collector's HTTP API and dashboard listen, and who may ask. Validated on
 * construction, so a server is never started with settings that would expose verdicts and
 * evidence to a network without a token.
 *
 * @param host the address to bind; loopback by default. Anything but a loopback address
 *     ({@code 127.0.0.0/8}, {@code ::1}, {@code localhost}) requires a bearer token
 * @param port 0 to 65535; 0 picks a free port
 * @param bearerToken when set, every request except {@code /health} must carry
 *     {@code Authorization: Bearer <token>}; at least 16 characters of the RFC 6750 token alphabet
 * @param publicBaseUrl how people reach the dashboard (behind a proxy, say), for links in
 *     alerts and evidence; null if none
 */
public record ApiSettings(String host, int port, String bearerToken, String publicBaseUrl) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    static final int MIN_TOKEN_LENGTH = 16;
    private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9._~+/-]+=*");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    public ApiSettings {
        host = host == null ? DEFAULT_HOST : host.trim();
        if (host.isEmpty()) {
            throw new IllegalArgumentException("API host is empty: leave it out for " + DEFAULT_HOST);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("API port must be 0 to 65535, was " + port);
        }
        // The token itself never appears in a message: messages end up in logs.
        if (bearerToken != null) {
            if (bearerToken.length() < MIN_TOKEN_LENGTH) {
                throw new IllegalArgumentException("API bearer token must have at least " + MIN_TOKEN_LENGTH
                        + " characters, it has " + bearerToken.length());
            }
            if (!TOKEN68.matcher(bearerToken).matches()) {
                throw new IllegalArgumentException(
                        "API bearer token may hold only letters, digits and - . _ ~ + / (then = padding)");
            }
        } else if (!isLoopback(host)) {
            throw new IllegalArgumentException("refusing to serve the API on \"" + host
                    + "\" without a bearer token: anything but a loopback address reaches other machines."
                    + " Configure a token of at least " + MIN_TOKEN_LENGTH + " characters, or bind to " + DEFAULT_HOST);
        }
        if (publicBaseUrl != null) {
            publicBaseUrl = checkBaseUrl(publicBaseUrl);
        }
    }

    /** Loopback, default port, no token, no public URL. */
    public static ApiSettings defaults() {
        return new ApiSettings(DEFAULT_HOST, DEFAULT_PORT, null, null);
    }

    public boolean tokenRequired() {
        return bearerToken != null;
    }

    /** The dashboard's page for one certificate, for alerts and evidence, when a public URL is configured. */
    public Optional<String> certificateLink(String certificateId) {
        return Optional.ofNullable(publicBaseUrl).map(base -> base + "/#/certificates/" + certificateId);
    }

    /** Only loopback literals and "localhost" count: any other name could resolve anywhere. */
    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        var v4 = IPV4.matcher(h);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            return Integer.parseInt(v4.group(1)) == 127;
        }
        if (h.indexOf(':') >= 0 && IPV6.matcher(h).matches()) {
            try {
                // A literal with a colon is parsed, never looked up in DNS.
                return InetAddress.getByName(h).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static String checkBaseUrl(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (Exception e) {
            throw new IllegalArgumentException("public base URL is not a URL: \"" + url + "\"");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "public base URL must be http(s)://host[:port][/path] without user, query or fragment: \"" + url + "\"");
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** Never shows the token: settings get logged. */
    @Override
    public String toString() {
        return "ApiSettings[host=" + host + ", port=" + port + ", bearerToken=" + (bearerToken == null ? "none" : "(set)")
                + ", publicBaseUrl=" + publicBaseUrl + "]";
    }
}
