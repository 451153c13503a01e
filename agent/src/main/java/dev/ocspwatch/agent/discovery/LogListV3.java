package dev.ocspwatch.agent.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocspwatch.common.ct.CtFormatException;
import dev.ocspwatch.common.ct.LogId;
import dev.ocspwatch.common.ct.LogKey;
import dev.ocspwatch.common.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A CT log list in version 3 of the format Chrome and Apple publish
 * (https://www.gstatic.com/ct/log_list/v3/log_list_schema.json):
 * <pre>
 * { "operators": [ { "name", "email", "logs": [ {description, log_id, key, url, mmd, state, temporal_interval} ],
 *                    "tiled_logs": [ {description, log_id, key, submission_url, monitoring_url, mmd, state, temporal_interval} ] } ] }
 * </pre>
 * Follows {@code usable}, {@code qualified} and {@code readonly} logs; skips {@code pending},
 * {@code rejected}, {@code retired} and stateless logs, logs whose temporal interval has ended,
 * and logs whose key is not a SubjectPublicKeyInfo or whose log_id is not its hash. Operators
 * with {@code "logs": []} or no {@code tiled_logs} are fine. Every skip is reported with its reason.
 */
public final class LogListV3 {
    private LogListV3() {
    }

    /** A log the list names but discovery will not follow, and why. */
    public record Skipped(String name, String reason) {
    }

    /** The logs to follow and the ones skipped. */
    public record Result(List<CtLog> logs, List<Skipped> skipped) {
    }

    public static Result parse(byte[] json, Instant now) throws CtFormatException {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new CtFormatException("log list is not JSON: " + e.getMessage());
        }
        if (root == null || !root.path("operators").isArray()) {
            throw new CtFormatException("log list has no \"operators\" array (not a v3 log list?)");
        }
        List<CtLog> logs = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (JsonNode operator : root.path("operators")) {
            for (JsonNode log : operator.path("logs")) {
                read(log, CtApi.RFC6962, now, logs, skipped);
            }
            for (JsonNode log : operator.path("tiled_logs")) {
                read(log, CtApi.STATIC, now, logs, skipped);
            }
        }
        return new Result(List.copyOf(logs), List.copyOf(skipped));
    }

    private static void read(JsonNode log, CtApi api, Instant now, List<CtLog> logs, List<Skipped> skipped) {
        String name = log.path("description").asText(log.path("log_id").asText("(unnamed log)"));
        String state = state(log.path("state"));
        if (state == null) {
            skipped.add(new Skipped(name, "no state"));
            return;
        }
        if (state.equals("pending") || state.equals("rejected") || state.equals("retired")) {
            skipped.add(new Skipped(name, "state " + state));
            return;
        }
        JsonNode interval = log.path("temporal_interval");
        if (interval.has("end_exclusive")) {
            try {
                Instant end = Instant.parse(interval.get("end_exclusive").asText());
                if (!end.isAfter(now)) {
                    skipped.add(new Skipped(name, "temporal interval ended " + end));
                    return;
                }
            } catch (DateTimeParseException e) {
                skipped.add(new Skipped(name, "unparsable temporal_interval.end_exclusive"));
                return;
            }
        }
        LogKey key;
        try {
            key = LogKey.fromBase64(log.path("key").asText(""));
        } catch (CtFormatException e) {
            skipped.add(new Skipped(name, "key: " + e.getMessage()));
            return;
        }
        if (log.has("log_id")) {
            try {
                if (!LogId.fromBase64(log.get("log_id").asText()).equals(key.logId())) {
                    skipped.add(new Skipped(name, "log_id is not the SHA-256 of its key"));
                    return;
                }
            } catch (CtFormatException e) {
                skipped.add(new Skipped(name, "log_id: " + e.getMessage()));
                return;
            }
        }
        String url = api == CtApi.RFC6962 ? log.path("url").asText(null) : log.path("monitoring_url").asText(null);
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            skipped.add(new Skipped(name, (api == CtApi.RFC6962 ? "url" : "monitoring_url") + " missing or not http(s)"));
            return;
        }
        String origin = api == CtApi.STATIC
                ? CtLog.originOf(log.path("submission_url").asText(url))
                : null;
        logs.add(new CtLog(name, key.logId(), key.publicKey(), api, url, origin));
    }

    private static String state(JsonNode state) {
        if (!state.isObject() || state.size() == 0) {
            return null;
        }
        return state.fieldNames().next();
    }
}
