package dev.ocspwatch.collector.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocspwatch.common.json.Json;
import dev.ocspwatch.common.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SlackWebhookBodyTest {
    private static final Set<String> BLOCK_TYPES = Set.of("header", "section", "context");
    private static final Pattern LINK = Pattern.compile("<(https://ocspwatch\\.example\\.net/[^|<>]+)\\|([^<>]+)>");

    private static JsonNode body(String subject) throws Exception {
        return Json.mapper().readTree(SlackWebhookBody.of(AlertMessage.of(Verdicts.verdict("0f", 2, Verdict.VIOLATION,
                Verdict.COMPLIANT, subject), "https://ocspwatch.example.net")));
    }

    /** Every mrkdwn and plain_text string in the message, with where it sits. */
    private static List<JsonNode> texts(JsonNode message) {
        List<JsonNode> texts = new ArrayList<>();
        for (JsonNode block : message.get("blocks")) {
            if (block.has("text")) {
                texts.add(block.get("text"));
            }
            block.path("fields").forEach(texts::add);
            block.path("elements").forEach(texts::add);
        }
        return texts;
    }

    @Test
    void isAnIncomingWebhookMessageWithTextAndBlocks() throws Exception {
        JsonNode message = body("CN=www.example.com");

        assertTrue(message.get("text").asText().startsWith("OCSP violation (BR 4.9.9): CN=www.example.com from CN=Test CA: "));
        for (JsonNode block : message.get("blocks")) {
            assertTrue(BLOCK_TYPES.contains(block.get("type").asText()), block.toString());
        }
        for (JsonNode text : texts(message)) {
            assertTrue(Set.of("mrkdwn", "plain_text").contains(text.get("type").asText()), text.toString());
            assertFalse(text.get("text").asText().isEmpty());
        }
        String all = message.toString();
        assertTrue(all.contains("*Serial*\\n0f"), all);
        assertTrue(all.contains("eu-west: RESPONDER_FAILURE (UNAUTHORIZED)"), all);
        Matcher links = LINK.matcher(all);
        assertTrue(links.find(), all);
        assertEquals("https://ocspwatch.example.net/certificates/" + Verdicts.id("0f"), links.group(1));
    }

    @Test
    void slackControlCharactersFromTheCertificateAreEscaped() throws Exception {
        JsonNode message = body("CN=<script>alert(1)</script> & <!channel> <https://evil.example|click>");

        String expected = "CN=&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;!channel&gt; &lt;https://evil.example|click&gt;";
        assertTrue(message.get("text").asText().contains(expected), message.get("text").asText());
        List<String> strings = new ArrayList<>(List.of(message.get("text").asText()));
        texts(message).forEach(t -> strings.add(t.get("text").asText()));
        assertTrue(strings.stream().anyMatch(s -> s.contains(expected)), "the subject field: " + strings);
        for (String text : strings) {
            String withoutOwnLinks = LINK.matcher(text).replaceAll("");
            assertFalse(withoutOwnLinks.contains("<") || withoutOwnLinks.contains(">"), "unescaped control character in: " + text);
        }
    }

    @Test
    void hugeValuesAreCutToStayWithinSlackLimits() throws Exception {
        JsonNode message = body("CN=" + "&".repeat(10_000));
        for (JsonNode block : message.get("blocks")) {
            if (block.get("type").asText().equals("header")) {
                assertTrue(block.get("text").get("text").asText().length() <= 150);
            } else if (block.has("text")) {
                assertTrue(block.get("text").get("text").asText().length() <= 3000, block.toString().length() + " chars");
            }
            for (JsonNode field : block.path("fields")) {
                assertTrue(field.get("text").asText().length() <= 2000, field.get("text").asText().length() + " chars");
            }
            assertTrue(block.path("fields").size() <= 10);
        }
    }
}
