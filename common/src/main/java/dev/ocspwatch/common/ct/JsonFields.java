package dev.ocspwatch.common.ct;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.ocspwatch.common.json.Json;
import java.util.Base64;

/**
 * Reads the fields of the RFC 6962 JSON answers (section 4) strictly: one JSON document, no
 * duplicate keys, integers that are integers, base64 that is base64. Unknown fields are
 * ignored, as a client of a log must. Errors start with {@code context}, e.g. "get-sth: ".
 */
final class JsonFields {
    private static final ObjectReader READER = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .withFeatures(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonFields() {
    }

    static JsonNode object(String json, String context) throws CtFormatException {
        if (json == null || json.isBlank()) {
            throw new CtFormatException(context + "empty body");
        }
        JsonNode root;
        try {
            root = READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CtFormatException(context + "not JSON: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            throw new CtFormatException(context + "not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new CtFormatException(context + "not a JSON object: " + abbreviate(json));
        }
        return root;
    }

    static JsonNode required(JsonNode object, String field, String context) throws CtFormatException {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw new CtFormatException(context + field + " is missing");
        }
        return value;
    }

    static long nonNegativeLong(JsonNode object, String field, String context) throws CtFormatException {
        JsonNode value = required(object, field, context);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new CtFormatException(context + field + " is not a non-negative 64-bit integer: "
                    + abbreviate(value.toString()));
        }
        return value.longValue();
    }

    static byte[] base64(JsonNode object, String field, String context) throws CtFormatException {
        JsonNode value = required(object, field, context);
        if (!value.isTextual()) {
            throw new CtFormatException(context + field + " is not a base64 string: " + abbreviate(value.toString()));
        }
        try {
            return Base64.getDecoder().decode(value.textValue());
        } catch (IllegalArgumentException e) {
            throw new CtFormatException(context + field + " is not base64: " + abbreviate(value.toString()));
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
