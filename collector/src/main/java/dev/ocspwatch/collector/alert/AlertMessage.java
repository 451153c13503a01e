package dev.ocspwatch.collector.alert;

import dev.ocspwatch.common.kafka.VerdictRecord;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One alert: a new VIOLATION and the links people follow from it. Pure data; the bodies are
 * made by {@link GenericWebhookBody} and {@link SlackWebhookBody}.
 *
 * @param dashboardUrl {@code <base>/certificates/<id>}, or null without a public base URL
 * @param evidenceUrl {@code <base>/api/certificates/<id>/evidence.zip}, or null without a public base URL
 */
public record AlertMessage(VerdictRecord verdict, String dashboardUrl, String evidenceUrl) {
    /** What every generic body carries as {@code event}. */
    public static final String EVENT = "ocspwatch.violation";

    public AlertMessage {
        Objects.requireNonNull(verdict, "verdict");
    }

    /** The alert for {@code verdict}, linking below {@code publicBaseUrl} (null: no links). */
    public static AlertMessage of(VerdictRecord verdict, String publicBaseUrl) {
        if (publicBaseUrl == null) {
            return new AlertMessage(verdict, null, null);
        }
        String id = pathSegment(verdict.certificateId());
        return new AlertMessage(verdict, publicBaseUrl + "/certificates/" + id, publicBaseUrl + "/api/certificates/" + id + "/evidence.zip");
    }

    /**
     * {@code <certificateId>#<revision>}: the same for every delivery of this alert, across
     * retries and restarts, so a receiver drops the repeat a crash between delivery and commit
     * may cause.
     */
    public String idempotencyKey() {
        return verdict.certificateId() + "#" + verdict.revision();
    }

    /** The request body for {@code format}, UTF-8 JSON. */
    public byte[] body(WebhookFormat format) {
        switch (format) {
            case SLACK:
                return SlackWebhookBody.of(this);
            case GENERIC:
            default:
                return GenericWebhookBody.of(this);
        }
    }

    /**
     * Percent-encodes all but unreserved characters and ':' (a certificate id is hex, ':', hex;
     * anything else on the topic must not break out of its path segment, or out of a Slack link).
     */
    static String pathSegment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
                    || c == '~' || c == ':') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
