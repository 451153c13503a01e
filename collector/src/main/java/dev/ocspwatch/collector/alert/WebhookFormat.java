package dev.ocspwatch.collector.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The body a webhook target receives: ocspwatch's own JSON, or a Slack incoming-webhook message. */
public enum WebhookFormat {
    /** {@code {"event": "ocspwatch.violation", ...}}: every field of the verdict a receiver may route or file on. */
    GENERIC("generic"),
    /** Slack incoming-webhook {@code {"text": ..., "blocks": [...]}} in mrkdwn (also accepted by Mattermost and others). */
    SLACK("slack");

    private final String configName;

    WebhookFormat(String configName) {
        this.configName = configName;
    }

    /** The lower-case name configuration files use. */
    @JsonValue
    public String configName() {
        return configName;
    }

    @JsonCreator
    public static WebhookFormat of(String name) {
        if (name != null) {
            String wanted = name.trim().toLowerCase(Locale.ROOT);
            for (WebhookFormat format : values()) {
                if (format.configName.equals(wanted)) {
                    return format;
                }
            }
        }
        throw new IllegalArgumentException("format must be \"generic\" or \"slack\", not \"" + name + "\"");
    }

    @Override
    public String toString() {
        return configName;
    }
}
