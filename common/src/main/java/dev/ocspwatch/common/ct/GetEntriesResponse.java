package dev.ocspwatch.common.ct;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocspwatch.common.json.Json;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The body of RFC 6962 4.6 {@code GET <log>/ct/v1/get-entries?start=&end=}:
 * <pre>
 * {"entries": [{"leaf_input": base64(MerkleTreeLeaf), "extra_data": base64(chain)}, ...]}
 * </pre>
 * A log may answer with fewer entries than asked; the caller checks the count. Parsing here is
 * only the JSON and base64 layer; errors name the entry's position in the answer.
 */
public final class GetEntriesResponse {
    private GetEntriesResponse() {
    }

    public static List<RawEntry> parse(String json) throws CtFormatException {
        JsonNode root = JsonFields.object(json, "get-entries: ");
        JsonNode entries = JsonFields.required(root, "entries", "get-entries: ");
        if (!entries.isArray()) {
            throw new CtFormatException("get-entries: entries is not an array: " + JsonFields.abbreviate(entries.toString()));
        }
        List<RawEntry> out = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            String context = "get-entries: entry " + i + ": ";
            JsonNode entry = entries.get(i);
            if (!entry.isObject()) {
                throw new CtFormatException(context + "not an object: " + JsonFields.abbreviate(entry.toString()));
            }
            out.add(new RawEntry(JsonFields.base64(entry, "leaf_input", context),
                    JsonFields.base64(entry, "extra_data", context)));
        }
        return out;
    }

    /** The JSON a log writes for these entries (the lab's log serves it). */
    public static String format(List<RawEntry> entries) {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode array = root.putArray("entries");
        Base64.Encoder base64 = Base64.getEncoder();
        for (RawEntry entry : entries) {
            array.addObject()
                    .put("leaf_input", base64.encodeToString(entry.leafInput()))
                    .put("extra_data", base64.encodeToString(entry.extraData()));
        }
        return root.toString();
    }
}
