package dev.ocspwatch.collector.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import dev.ocspwatch.common.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertSettingsTest {
    @Test
    void defaultsAreEightAttemptsFromOneSecondToFiveMinutesTenSecondsPerRequestAndTheLatestVerdicts() {
        AlertSettings settings = AlertSettings.defaults(List.of(WebhookTarget.of("https://a.example/hook", null)), null);

        assertEquals(new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofMinutes(5), 0.5), settings.retry());
        assertEquals(Duration.ofSeconds(10), settings.requestTimeout());
        assertEquals("ocspwatch-collector-alerts", settings.consumerGroup());
        assertEquals("latest", settings.autoOffsetReset());
        assertNull(settings.publicBaseUrl());
        assertTrue(settings.enabled());
        assertFalse(AlertSettings.disabled().enabled());
    }

    @Test
    void thePublicBaseUrlMustBeHttpAndLosesItsTrailingSlash() {
        assertEquals("https://ocspwatch.example.net/watch", AlertSettings.defaults(List.of(), "https://ocspwatch.example.net/watch/")
                .publicBaseUrl());
        assertEquals("publicBaseUrl must be an http:// or https:// URL with a host, not \"javascript:alert(1)\"",
                assertThrows(IllegalArgumentException.class, () -> AlertSettings.defaults(List.of(), "javascript:alert(1)")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> AlertSettings.defaults(List.of(), "https://x.example/?a=b"));
    }

    @Test
    void twoTargetsWithOneNameAreAnErrorNamingBoth() {
        List<WebhookTarget> targets = List.of(WebhookTarget.of("https://a.example/one", null), WebhookTarget.of("https://a.example/two", null));
        assertEquals("targets[1].name \"a.example\" is also targets[0]'s: give each target its own name",
                assertThrows(IllegalArgumentException.class, () -> AlertSettings.defaults(targets, null)).getMessage());
    }

    @Test
    void refusesAnUnknownOffsetResetAndNonsenseBounds() {
        AlertSettings settings = AlertSettings.disabled();
        assertEquals("autoOffsetReset must be \"latest\" or \"earliest\", not \"none\"",
                assertThrows(IllegalArgumentException.class, () -> settings.withConsumer(null, "none")).getMessage());
        assertEquals("earliest", settings.withConsumer("g", "EARLIEST").autoOffsetReset());
        assertThrows(IllegalArgumentException.class, () -> settings.withTimeouts(Duration.ZERO, null));
        assertThrows(IllegalArgumentException.class, () -> new AlertSettings(List.of(), null, null, null, null, null, -1, 0, null));
    }

    @Test
    void toStringCarriesNoSecret() {
        AlertSettings settings = AlertSettings.defaults(List.of(
                new WebhookTarget("slack", "https://hooks.slack.com/services/T0/B0/SECRETPATH", WebhookFormat.SLACK, null, null),
                new WebhookTarget("pager", "https://pager.example/hook", null, "SECRETTOKEN", Map.of("X-Key", "SECRETHEADER"))),
                "https://ocspwatch.example.net");
        String text = settings.toString();
        assertTrue(text.contains("hooks.slack.com") && text.contains("pager.example"), text);
        for (String secret : List.of("SECRETPATH", "SECRETTOKEN", "SECRETHEADER")) {
            assertFalse(text.contains(secret), text);
        }
    }

    @Test
    void readsFromConfigurationWithJacksonAndNamesTheBadKey() throws Exception {
        String json = "{\"targets\": [{\"name\": \"team\", \"url\": \"https://hooks.slack.com/services/T/B/X\", \"format\": \"slack\"},"
                + " {\"url\": \"https://pager.example/hook\", \"bearerToken\": \"t\"}],"
                + " \"publicBaseUrl\": \"https://ocspwatch.example.net\", \"retry\": {\"maxAttempts\": 5, \"jitter\": 0.2},"
                + " \"requestTimeout\": \"PT5S\", \"maxInFlight\": 100, \"rememberDelivered\": 1000}";
        AlertSettings settings = Json.mapper().readValue(json, AlertSettings.class);
        assertEquals(WebhookFormat.SLACK, settings.targets().get(0).format());
        assertEquals("pager.example", settings.targets().get(1).name());
        assertEquals(new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(5), 0.2), settings.retry());
        assertEquals(Duration.ofSeconds(5), settings.requestTimeout());
        assertEquals("latest", settings.autoOffsetReset());
        assertEquals(1_000, Json.mapper().readValue("{}", AlertSettings.class).maxInFlight(), "left out: the default");

        String bad = "{\"targets\": [{\"url\": \"ftp://x.example/secret\"}]}";
        String message = assertThrows(JsonMappingException.class, () -> Json.mapper().readValue(bad, AlertSettings.class)).getMessage();
        assertTrue(message.contains("url must be an http:// or https:// URL") && message.contains("\"targets\"")
                && !message.contains("secret"), message);
    }
}
