package dev.ocspwatch.collector.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookTargetTest {
    private static final String SLACK = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

    @Test
    void aUrlThatIsNotHttpIsAnErrorNamingTheKey() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> WebhookTarget.of("ftp://files.example.net/hook", WebhookFormat.GENERIC));
        assertEquals("url must be an http:// or https:// URL, not \"ftp:\"", error.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WebhookTarget.of("hooks.example.net/x", null))
                .getMessage().startsWith("url must be"));
        assertEquals("url is required", assertThrows(IllegalArgumentException.class, () -> WebhookTarget.of(" ", null)).getMessage());
    }

    @Test
    void validationMessagesDoNotRepeatTheSecretPartOfTheUrl() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> WebhookTarget.of("https://user:XXXXpass@hooks.example.net/secret-path", null)).getMessage();
        assertTrue(message.startsWith("url must not carry user:password@"), message);
        assertFalse(message.contains("XXXXpass") || message.contains("secret-path"), message);
        String unparsable = assertThrows(IllegalArgumentException.class,
                () -> WebhookTarget.of("https://hooks.example.net/secret path", null)).getMessage();
        assertFalse(unparsable.contains("secret"), unparsable);
    }

    @Test
    void toStringRedactsTheTokenTheHeaderValuesAndTheUrlPath() {
        WebhookTarget slack = new WebhookTarget("team", SLACK, WebhookFormat.SLACK, null, null);
        WebhookTarget generic = new WebhookTarget(null, "https://alerts.example.net:8443/in?key=k3y", null, "t0ken",
                Map.of("X-Api-Key", "s3cret"));

        assertEquals("WebhookTarget[name=team, url=https://hooks.slack.com/…, format=slack]", slack.toString());
        assertEquals("WebhookTarget[name=alerts.example.net:8443, url=https://alerts.example.net:8443/…, format=generic, "
                + "bearerToken=<redacted>, headers=X-Api-Key=<redacted>]", generic.toString());
        assertEquals(SLACK, slack.url(), "the real URL is still there to send to");
    }

    @Test
    void defaultsToTheGenericFormatAndANameFromTheHost() {
        WebhookTarget target = WebhookTarget.of("http://receiver.internal/hook", null);
        assertEquals(WebhookFormat.GENERIC, target.format());
        assertEquals("receiver.internal", target.name());
        assertEquals(Map.of(), target.headers());
    }

    @Test
    void refusesHeadersThatWouldBreakTheRequest() {
        assertThrows(IllegalArgumentException.class, () -> new WebhookTarget(null, "https://a.example/", null, null,
                Map.of("Content-Length", "1")));
        assertThrows(IllegalArgumentException.class, () -> new WebhookTarget(null, "https://a.example/", null, null,
                Map.of("X-Evil", "a\r\nHost: b")));
        assertThrows(IllegalArgumentException.class, () -> new WebhookTarget(null, "https://a.example/", null, "line\nbreak", null));
        assertThrows(IllegalArgumentException.class, () -> new WebhookTarget(null, "https://a.example/", null, "t",
                Map.of("authorization", "Basic x")));
        assertThrows(IllegalArgumentException.class, () -> new WebhookTarget("has space", "https://a.example/", null, null, null));
    }

    @Test
    void formatsAreReadByTheirConfigurationNames() {
        assertEquals(WebhookFormat.SLACK, WebhookFormat.of("Slack"));
        assertEquals(WebhookFormat.GENERIC, WebhookFormat.of("generic"));
        assertEquals("format must be \"generic\" or \"slack\", not \"teams\"",
                assertThrows(IllegalArgumentException.class, () -> WebhookFormat.of("teams")).getMessage());
    }
}
