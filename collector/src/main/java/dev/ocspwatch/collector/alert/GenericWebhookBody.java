package dev.ocspwatch.collector.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocspwatch.common.json.Json;
import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.verdict.RegionVerdict;
import java.time.Instant;

/**
 * ocspwatch's own webhook body: the verdict's fields a receiver routes or files a ticket on,
 * flat where it can be, in the vocabulary of DESIGN.md. Every value goes through Jackson, so a
 * subject or responder URL from a certificate cannot break the JSON. Fields without a value are
 * left out.
 */
final class GenericWebhookBody {
    private static final ObjectMapper MAPPER = Json.mapper();

    private GenericWebhookBody() {
    }

    static byte[] of(AlertMessage message) {
        VerdictRecord v = message.verdict();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("event", AlertMessage.EVENT);
        root.put("idempotencyKey", message.idempotencyKey());
        root.put("certificateId", v.certificateId());
        root.put("revision", v.revision());
        putText(root, "serial", v.serial());
        putText(root, "subject", v.subject());
        ObjectNode issuer = root.putObject("issuer");
        putText(issuer, "subject", v.issuerSubject());
        putText(issuer, "spkiSha256", v.issuerSpkiSha256());
        ArrayNode urls = root.putArray("responderUrls");
        v.ocspUrls().forEach(urls::add);
        putTime(root, "publishedAt", v.publishedAt());
        putTime(root, "deadline", v.deadline());
        putTime(root, "windowEnd", v.windowEnd());
        putTime(root, "decidedAt", v.decidedAt());
        root.put("verdict", v.verdict().name());
        if (v.previousVerdict() != null) {
            root.put("previousVerdict", v.previousVerdict().name());
        }
        if (v.stage() != null) {
            root.put("stage", v.stage().name());
        }
        putText(root, "reason", v.reason());
        root.put("flapping", v.flapping());
        ArrayNode pathProblems = root.putArray("pathProblems");
        v.pathProblems().forEach(pathProblems::add);
        ObjectNode outcomes = root.putObject("outcomes");
        v.outcomes().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> outcomes.put(e.getKey().name(), e.getValue()));
        ArrayNode regions = root.putArray("regions");
        for (RegionVerdict region : v.regions()) {
            regions.add(MAPPER.valueToTree(region)); // region, status, counted, outcomes, firstFailure, ...
        }
        if (v.firstFailure() != null) {
            root.set("firstFailure", MAPPER.valueToTree(v.firstFailure()));
        }
        if (v.logName() != null || v.logIndex() != null) {
            ObjectNode log = root.putObject("log");
            putText(log, "name", v.logName());
            if (v.logIndex() != null) {
                log.put("index", v.logIndex());
            }
        }
        if (message.dashboardUrl() != null) {
            ObjectNode links = root.putObject("links");
            links.put("dashboard", message.dashboardUrl());
            links.put("evidence", message.evidenceUrl());
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an alert body", e); // a tree of plain nodes always writes
        }
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putTime(ObjectNode node, String field, Instant value) {
        if (value != null) {
            node.put(field, value.toString()); // ISO-8601 UTC, as everywhere in ocspwatch
        }
    }
}
