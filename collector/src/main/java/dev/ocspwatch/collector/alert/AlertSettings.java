package dev.ocspwatch.collector.alert;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Violation alerts: where they go and how hard ocspwatch tries. {@link #toString()} redacts every
 * secret (see {@link WebhookTarget}), so the settings can be logged at start.
 *
 * @param targets every target receives every alert; none disables alerts
 * @param publicBaseUrl where people reach this ocspwatch ({@code https://ocspwatch.example.net}):
 *     alerts link to {@code <base>/certificates/<id>} and {@code <base>/api/certificates/<id>/evidence.zip};
 *     optional, no links without it
 * @param requestTimeout one attempt, connecting included (10 s)
 * @param consumerGroup the Kafka group reading {@code ocspwatch.verdicts} ({@code ocspwatch-collector-alerts})
 * @param autoOffsetReset where a group without committed offsets starts: {@code latest} (default) or {@code earliest}
 * @param maxInFlight alerts being delivered at once; beyond it reading pauses (0: the default, 1,000)
 * @param rememberDelivered delivered {@code certificateId#revision} keys remembered to drop repeats within a run (0: the default, 100,000)
 * @param closeTimeout how long {@code close()} waits for deliveries in flight before leaving them to the next start (10 s)
 */
public record AlertSettings(List<WebhookTarget> targets, String publicBaseUrl, RetryPolicy retry, Duration requestTimeout,
                            String consumerGroup, String autoOffsetReset, int maxInFlight, int rememberDelivered,
                            Duration closeTimeout) {
    public static final String DEFAULT_GROUP = "ocspwatch-collector-alerts";

    public AlertSettings {
        targets = targets == null ? List.of() : List.copyOf(targets);
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            Integer before = names.putIfAbsent(targets.get(i).name(), i);
            if (before != null) {
                throw new IllegalArgumentException("targets[" + i + "].name \"" + targets.get(i).name() + "\" is also targets[" + before
                        + "]'s: give each target its own name");
            }
        }
        publicBaseUrl = baseUrl(publicBaseUrl);
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        consumerGroup = consumerGroup == null || consumerGroup.isBlank() ? DEFAULT_GROUP : consumerGroup;
        autoOffsetReset = autoOffsetReset == null ? "latest" : autoOffsetReset.trim().toLowerCase(Locale.ROOT);
        closeTimeout = closeTimeout == null ? Duration.ofSeconds(10) : closeTimeout;
        if (!autoOffsetReset.equals("latest") && !autoOffsetReset.equals("earliest")) {
            throw new IllegalArgumentException("autoOffsetReset must be \"latest\" or \"earliest\", not \"" + autoOffsetReset + "\"");
        }
        if (requestTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("requestTimeout must be at least 1 ms, not " + requestTimeout);
        }
        if (closeTimeout.isNegative()) {
            throw new IllegalArgumentException("closeTimeout must not be negative: " + closeTimeout);
        }
        maxInFlight = maxInFlight == 0 ? 1_000 : maxInFlight; // 0: left out of a configuration file
        rememberDelivered = rememberDelivered == 0 ? 100_000 : rememberDelivered;
        if (maxInFlight < 1 || rememberDelivered < 1) {
            throw new IllegalArgumentException("maxInFlight and rememberDelivered must be at least 1: " + maxInFlight + ", "
                    + rememberDelivered);
        }
    }

    /** The defaults: 8 attempts from 1 s to 5 min, 10 s per request, a new group starting at the latest verdicts. */
    public static AlertSettings defaults(List<WebhookTarget> targets, String publicBaseUrl) {
        return new AlertSettings(targets, publicBaseUrl, null, null, null, null, 0, 0, null);
    }

    /** No targets: nothing is read, nothing sent. */
    public static AlertSettings disabled() {
        return defaults(List.of(), null);
    }

    public boolean enabled() {
        return !targets.isEmpty();
    }

    public AlertSettings withRetry(RetryPolicy newRetry) {
        return new AlertSettings(targets, publicBaseUrl, newRetry, requestTimeout, consumerGroup, autoOffsetReset, maxInFlight,
                rememberDelivered, closeTimeout);
    }

    public AlertSettings withTimeouts(Duration newRequestTimeout, Duration newCloseTimeout) {
        return new AlertSettings(targets, publicBaseUrl, retry, newRequestTimeout, consumerGroup, autoOffsetReset, maxInFlight,
                rememberDelivered, newCloseTimeout);
    }

    public AlertSettings withConsumer(String newGroup, String newAutoOffsetReset) {
        return new AlertSettings(targets, publicBaseUrl, retry, requestTimeout, newGroup, newAutoOffsetReset, maxInFlight,
                rememberDelivered, closeTimeout);
    }

    private static String baseUrl(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("publicBaseUrl is not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("publicBaseUrl must be an http:// or https:// URL with a host, not \"" + value + "\"");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("publicBaseUrl must not have a query or fragment: \"" + value + "\"");
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1); // links append "/certificates/..."
        }
        return text;
    }
}
