package dev.ocspwatch.collector.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocspwatch.common.json.Json;
import dev.ocspwatch.common.verdict.Verdict;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class GenericWebhookBodyTest {
    private static JsonNode body(AlertMessage message) throws Exception {
        return Json.mapper().readTree(GenericWebhookBody.of(message));
    }

    @Test
    void carriesWhatAReceiverRoutesAndFilesOn() throws Exception {
        JsonNode json = body(AlertMessage.of(Verdicts.violation("0f", 2, Verdict.COMPLIANT), "https://ocspwatch.example.net"));

        assertEquals("ocspwatch.violation", json.get("event").asText());
        assertEquals(Verdicts.id("0f") + "#2", json.get("idempotencyKey").asText());
        assertEquals(Verdicts.id("0f"), json.get("certificateId").asText());
        assertEquals(2, json.get("revision").asInt());
        assertEquals("0f", json.get("serial").asText());
        assertEquals("CN=Test CA", json.get("issuer").get("subject").asText());
        assertEquals(Verdicts.ISSUER, json.get("issuer").get("spkiSha256").asText());
        assertEquals("CN=0f.example.com", json.get("subject").asText());
        assertEquals("http://ocsp.ca.test/", json.get("responderUrls").get(0).asText());
        assertEquals("2026-11-23T10:00:00Z", json.get("publishedAt").asText());
        assertEquals("2026-11-23T10:15:00Z", json.get("deadline").asText());
        assertEquals("VIOLATION", json.get("verdict").asText());
        assertEquals("COMPLIANT", json.get("previousVerdict").asText());
        assertEquals("eu-west: UNAUTHORIZED at the deadline", json.get("reason").asText());
        assertEquals(List.of("eu-west:RESPONDER_FAILURE", "us-east:AUTHORITATIVE"), StreamSupport.stream(json.get("regions").spliterator(), false)
                .map(r -> r.get("region").asText() + ":" + r.get("status").asText()).toList());
        assertEquals("UNAUTHORIZED", json.get("firstFailure").get("outcome").asText());
        assertEquals("eu-west", json.get("firstFailure").get("region").asText());
        assertEquals("2026-11-23T10:15:00Z", json.get("firstFailure").get("sentAt").asText());
        assertEquals("https://ocspwatch.example.net/certificates/" + Verdicts.id("0f"), json.get("links").get("dashboard").asText());
        assertEquals("https://ocspwatch.example.net/api/certificates/" + Verdicts.id("0f") + "/evidence.zip",
                json.get("links").get("evidence").asText());
    }

    @Test
    void untrustedTextSurvivesExactly() throws Exception {
        String subject = "CN=\"a\\b\"\n</script><script>alert(1)</script>\u0000\u2028é";
        JsonNode json = body(AlertMessage.of(Verdicts.verdict("0f", 1, Verdict.VIOLATION, null, subject), null));
        assertEquals(subject, json.get("subject").asText());
        assertFalse(json.has("previousVerdict"), "a first decision has no previous verdict");
        assertFalse(json.has("links"), "no links without a public base URL");
    }
}
