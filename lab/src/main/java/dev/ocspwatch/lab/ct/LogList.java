package dev.ocspwatch.lab.ct;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocspwatch.common.json.Json;
import dev.ocspwatch.lab.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The lab's logs as a CT log list v3 (the format of Chrome's and Apple's lists): RFC 6962 logs
 * under {@code logs} with a {@code url}, static-ct-api logs under {@code tiled_logs} with a
 * {@code monitoring_url}, all {@code usable}. Discovery reads the lab through the same list
 * format it reads the real world through.
 */
public final class LogList {
    private LogList() {
    }

    /**
     * @param apis log name → how to advertise it
     * @param baseUrl log name → its URL prefix (with a trailing slash)
     */
    public static String json(List<SimulatedCtLog> logs, Map<String, Scenario.CtApi> apis, Map<String, String> baseUrl, Instant now) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("version", "ocspwatch-lab");
        root.put("log_list_timestamp", now.toString());
        ArrayNode operators = root.putArray("operators");
        ObjectNode operator = operators.addObject();
        operator.put("name", "ocspwatch lab");
        operator.putArray("email").add("lab@ocspwatch.invalid");
        ArrayNode rfc6962 = operator.putArray("logs");
        ArrayNode tiled = operator.putArray("tiled_logs");
        for (SimulatedCtLog log : logs) {
            boolean isStatic = apis.get(log.name()) == Scenario.CtApi.STATIC;
            ObjectNode entry = (isStatic ? tiled : rfc6962).addObject();
            entry.put("description", "ocspwatch lab log " + log.name());
            entry.put("log_id", log.logId().base64());
            entry.put("key", Base64.getEncoder().encodeToString(spki(log)));
            if (isStatic) {
                entry.put("submission_url", baseUrl.get(log.name()));
                entry.put("monitoring_url", baseUrl.get(log.name()));
            } else {
                entry.put("url", baseUrl.get(log.name()));
            }
            entry.put("mmd", 86400);
            entry.putObject("state").putObject("usable").put("timestamp", now.toString());
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] spki(SimulatedCtLog log) {
        return log.key().getPublic().getEncoded();
    }
}
