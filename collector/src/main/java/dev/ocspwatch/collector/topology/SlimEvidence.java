package dev.ocspwatch.collector.topology;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ocspwatch.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An observation's JSON without the probe's raw bytes, response details and lints, copied token
 * by token (no object mapping, no times parsed or formatted), so it reads back as the same
 * {@code Observation} with those four fields absent. The tracker usually cuts the byte ranges
 * {@link ObservationReader} noted instead; this is for input where it could not note them.
 */
final class SlimEvidence {
    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    private SlimEvidence() {
    }

    static byte[] of(byte[] observationJson) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(observationJson.length, 4096));
        try (JsonParser in = FACTORY.createParser(observationJson); JsonGenerator gen = FACTORY.createGenerator(out)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("an observation is a JSON object");
            }
            gen.writeStartObject();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                JsonToken value = in.nextToken();
                gen.writeFieldName(field);
                if (field.equals("probe") && value == JsonToken.START_OBJECT) {
                    copyProbe(in, gen);
                } else {
                    gen.copyCurrentStructure(in);
                }
            }
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot slim an observation that was read before", e);
        }
        return out.toByteArray();
    }

    private static void copyProbe(JsonParser in, JsonGenerator gen) throws IOException {
        gen.writeStartObject();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            in.nextToken();
            if (SlimFields.DROPPED.contains(field)) {
                in.skipChildren();
            } else {
                gen.writeFieldName(field);
                gen.copyCurrentStructure(in);
            }
        }
        gen.writeEndObject();
    }
}
