package dev.ocspwatch.collector.alert;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One receiver of violation alerts.
 *
 * <p>Secrets: the bearer token, every extra header value, and the URL's path and query (a
 * Slack incoming-webhook URL is its own credential, and so are many others) never appear in
 * {@link #toString()}, in log lines or in validation messages; {@link #redactedUrl()} is what
 * may be shown. The URL is the operator's own configuration, so unlike responder URLs it is not
 * subject to the agent's address policy (a receiver on a private network is normal).
 *
 * @param name names the target in metrics and logs; defaults to the URL's host and port
 * @param url http or https
 * @param format {@link WebhookFormat#GENERIC} unless given
 * @param bearerToken sent as {@code Authorization: Bearer ...}; optional
 * @param headers extra request headers (an API key, say); optional, values treated as secrets
 */
public record WebhookTarget(String name, String url, WebhookFormat format, String bearerToken, Map<String, String> headers) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:\\[\\]-]{1,64}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    // Set by the client from the body and the URL: overriding them would corrupt the request.
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "transfer-encoding", "connection");
    private static final String REDACTED = "<redacted>";

    public WebhookTarget {
        URI uri = parse(url);
        format = format == null ? WebhookFormat.GENERIC : format;
        name = name == null || name.isBlank() ? defaultName(uri) : name.trim();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1-64 letters, digits, '.', '_', ':' or '-' (it tags metrics): \""
                    + name + "\"");
        }
        if (bearerToken != null) {
            if (bearerToken.isBlank() || hasLineBreak(bearerToken)) {
                throw new IllegalArgumentException("bearerToken of target " + name + " must be non-blank and on one line");
            }
        }
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            for (Map.Entry<String, String> header : headers.entrySet()) {
                String key = header.getKey();
                if (key == null || !HEADER_NAME.matcher(key).matches()) {
                    throw new IllegalArgumentException("headers of target " + name + ": \"" + key + "\" is not a valid header name");
                }
                if (RESERVED_HEADERS.contains(key.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("headers." + key + " of target " + name + " is set by ocspwatch itself");
                }
                if (header.getValue() == null || hasLineBreak(header.getValue())) {
                    throw new IllegalArgumentException("headers." + key + " of target " + name + " must be a value on one line");
                }
                if (bearerToken != null && key.equalsIgnoreCase("authorization")) {
                    throw new IllegalArgumentException("target " + name + " has both bearerToken and headers.Authorization: keep one");
                }
                copy.put(key, header.getValue());
            }
        }
        headers = Map.copyOf(copy);
    }

    /** A target with no credentials beyond what its URL holds. */
    public static WebhookTarget of(String url, WebhookFormat format) {
        return new WebhookTarget(null, url, format, null, null);
    }

    WebhookTarget withName(String newName) {
        return new WebhookTarget(newName, url, format, bearerToken, headers);
    }

    /** {@code scheme://host:port/…}: what logs and messages may show of the URL. */
    public String redactedUrl() {
        return redact(URI.create(url));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("WebhookTarget[name=").append(name).append(", url=").append(redactedUrl())
                .append(", format=").append(format);
        if (bearerToken != null) {
            text.append(", bearerToken=").append(REDACTED);
        }
        if (!headers.isEmpty()) {
            text.append(", headers=");
            new TreeMap<>(headers).keySet().forEach(k -> text.append(k).append('=').append(REDACTED).append(' '));
            text.setLength(text.length() - 1);
        }
        return text.append(']').toString();
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url is required");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // The reason names a position, not the text: the URL may be a secret.
            throw new IllegalArgumentException("url is not a valid URL (at index " + e.getIndex() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("url must be an http:// or https:// URL, not " + (scheme.isEmpty() ? "one without a scheme"
                    : "\"" + scheme + ":\""));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("url must name a host: " + scheme + "://…");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("url must not carry user:password@ (use bearerToken or headers): " + redact(uri));
        }
        return uri;
    }

    private static String redact(URI uri) {
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        boolean more = (uri.getRawPath() != null && uri.getRawPath().length() > 1) || uri.getRawQuery() != null;
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost() + port + (more ? "/…" : "/");
    }

    private static String defaultName(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private static boolean hasLineBreak(String value) {
        return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
    }
}
