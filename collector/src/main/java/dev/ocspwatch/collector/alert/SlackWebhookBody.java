package dev.ocspwatch.collector.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocspwatch.common.json.Json;
import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.verdict.ProbeRef;
import dev.ocspwatch.common.verdict.RegionVerdict;
import java.util.ArrayList;
import java.util.List;

/**
 * A Slack incoming-webhook message: {@code text} (the notification and fallback) and Block Kit
 * {@code blocks} in mrkdwn. Text from certificates and responders is untrusted: JSON escaping is
 * Jackson's, and Slack's own control characters {@code & < >} become entities, so a subject
 * cannot mention {@code <!channel>} or smuggle a link. (mrkdwn has no escape for {@code * _ ~ `};
 * those can at worst change emphasis.) Values are shortened to stay inside Slack's limits
 * (3,000 characters a section, 2,000 a field, 10 fields).
 */
final class SlackWebhookBody {
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final int MAX_VALUE = 300;
    private static final int MAX_REGIONS = 10;

    private SlackWebhookBody() {
    }

    static byte[] of(AlertMessage message) {
        VerdictRecord v = message.verdict();
        ObjectNode root = MAPPER.createObjectNode();
        String who = v.subject() != null ? v.subject() : v.certificateId();
        root.put("text", "OCSP violation (BR 4.9.9): " + escape(who) + " from " + escape(orDash(v.issuerSubject())) + ": "
                + escape(orDash(v.reason())));
        ArrayNode blocks = root.putArray("blocks");

        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", "OCSP violation: no authoritative answer in time");

        section(blocks, "*" + escape(orDash(v.reason())) + "*");

        ObjectNode facts = blocks.addObject().put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        field(fields, "Subject", escape(orDash(v.subject())));
        field(fields, "Issuer", escape(orDash(v.issuerSubject())));
        field(fields, "Serial", escape(orDash(v.serial())));
        field(fields, "Responder", v.ocspUrls().isEmpty() ? "-" : escape(String.join(" ", v.ocspUrls())));
        field(fields, "Published", v.publishedAt() == null ? "-" : v.publishedAt().toString());
        field(fields, "Deadline", v.deadline() == null ? "-" : v.deadline().toString());

        if (!v.regions().isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (RegionVerdict region : v.regions().subList(0, Math.min(MAX_REGIONS, v.regions().size()))) {
                String line = "• " + escape(orDash(region.region()), 60) + ": " + (region.status() == null ? "-" : region.status().name());
                if (region.firstFailure() != null && region.firstFailure().outcome() != null) {
                    line += " (" + region.firstFailure().outcome().name() + ")";
                }
                lines.add(line);
            }
            if (v.regions().size() > MAX_REGIONS) {
                lines.add("… and " + (v.regions().size() - MAX_REGIONS) + " more regions");
            }
            section(blocks, "*Regions*\n" + String.join("\n", lines));
        }
        if (v.firstFailure() != null) {
            section(blocks, "*First failing probe*\n" + describe(v.firstFailure()));
        }

        StringBuilder context = new StringBuilder();
        if (message.dashboardUrl() != null) {
            context.append(link(message.dashboardUrl(), "Certificate")).append(" · ").append(link(message.evidenceUrl(), "Evidence (zip)"))
                    .append(" · ");
        }
        context.append("certificate ").append(escape(v.certificateId())).append(", revision ").append(v.revision());
        ObjectNode contextBlock = blocks.addObject().put("type", "context");
        contextBlock.putArray("elements").addObject().put("type", "mrkdwn").put("text", context.toString());
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Slack body", e); // a tree of plain nodes always writes
        }
    }

    /** Slack's three control characters as entities; anything longer than a field allows is cut (before escaping, so no entity is cut). */
    static String escape(String text) {
        return escape(text, MAX_VALUE);
    }

    private static String escape(String text, int max) {
        String cut = text.length() > max ? text.substring(0, max) + "…" : text;
        return cut.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String describe(ProbeRef probe) {
        StringBuilder text = new StringBuilder();
        text.append(escape(orDash(probe.region()))).append(": ").append(probe.method() == null ? "" : probe.method() + " ")
                .append(escape(orDash(probe.url()))).append(" → ").append(probe.outcome() == null ? "-" : probe.outcome().name());
        if (probe.httpStatus() != null) {
            text.append(" (HTTP ").append(probe.httpStatus()).append(')');
        }
        if (probe.sentAt() != null) {
            text.append(" at ").append(probe.sentAt());
        }
        if (probe.reason() != null) {
            text.append("\n").append(escape(probe.reason()));
        }
        return text.toString();
    }

    /** {@code <url|label>}; the URL is ocspwatch's own (configured base, percent-encoded id), still escaped for the brackets' sake. */
    private static String link(String url, String label) {
        return "<" + url.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C") + "|" + label + ">";
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
    }

    private static void field(ArrayNode fields, String label, String mrkdwn) {
        fields.addObject().put("type", "mrkdwn").put("text", "*" + label + "*\n" + mrkdwn);
    }

    private static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }
}
