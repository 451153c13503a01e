package dev.ocspwatch.common.ct;

import com.fasterxml.jackson.databind.JsonNode;
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
        // Written by hand: base64 needs no JSON escaping, and a tree of nodes costs a log server more than the bytes.
        Base64.Encoder base64 = Base64.getEncoder();
        StringBuilder json = new StringBuilder(64 + entries.size() * 2048).append("{\"entries\":[");
        for (int i = 0; i < entries.size(); i++) {
            RawEntry entry = entries.get(i);
            json.append(i == 0 ? "" : ",").append("{\"leaf_input\":\"").append(base64.encodeToString(entry.leafInput()))
                    .append("\",\"extra_data\":\"").append(base64.encodeToString(entry.extraData())).append("\"}");
        }
        return json.append("]}").toString();
    }
}
