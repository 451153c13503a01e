package dev.ocspwatch.collector.topology;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.ocspwatch.collector.state.ProbeSummary;
import dev.ocspwatch.common.json.IsoInstant;
import dev.ocspwatch.common.json.Json;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.outcome.Outcome;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;

/**
 * Reads the fields the tracker needs from an observation's JSON in one streaming pass, skipping
 * the rest (the base64 request and response, details, headers) without decoding it: mapping the
 * whole {@code Observation} was the collector's largest cost. The fields read are converted as
 * the {@code Observation} mapping converts them, and the ones its constructors require must be
 * there; the fields skipped are kept as they arrived, in the evidence, and read only by queries.
 * On the way it notes where the probe's raw bytes, details and lints are, for the slim copy.
 */
final class ObservationReader {
    private static final JsonFactory FACTORY = Json.mapper().getFactory();
    private static final ObjectReader STRING = Json.mapper().readerFor(String.class);
    private static final ObjectReader INSTANT = Json.mapper().readerFor(Instant.class);
    private static final ObjectReader KIND = Json.mapper().readerFor(ProbeKind.class);
    private static final ObjectReader OUTCOME = Json.mapper().readerFor(Outcome.class);
    private static final ObjectReader INTEGER = Json.mapper().readerFor(Integer.class);
    private static final ObjectReader BOOLEAN = Json.mapper().readerFor(boolean.class);

    private ObservationReader() {
    }

    /** The observation, or null for a JSON {@code null} (as the mapping reads it); malformed input throws. */
    static ObservationInput read(byte[] json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.VALUE_NULL) {
                return null;
            }
            if (first != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("an observation is a JSON object, found " + first);
            }
            Fields f = new Fields();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "observationId" -> f.observationId = text(p);
                    case "certificateId" -> f.certificateId = text(p);
                    case "region" -> f.region = text(p);
                    case "agentId" -> f.agentId = text(p);
                    case "kind" -> f.kind = p.currentToken() == JsonToken.VALUE_NULL ? null : KIND.readValue(p);
                    case "publishedAt" -> f.publishedAt = instant(p);
                    case "late" -> f.late = p.currentToken() == JsonToken.VALUE_TRUE
                            || p.currentToken() != JsonToken.VALUE_FALSE && BOOLEAN.<Boolean>readValue(p);
                    case "probe" -> probe(p, f, json);
                    default -> p.skipChildren();
                }
            }
            return f.input(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void probe(JsonParser p, Fields f, byte[] json) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            f.probe = false; // a later "probe" may still come: the last one counts, as in the mapping
            return;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("probe is not an object");
        }
        if (f.probeSeen) {
            f.cuts = null; // a second probe object: the offsets noted no longer tell the whole story, the token copier slims it
        }
        f.probe = true;
        f.probeSeen = true;
        int dropping = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            int at = offset(p, f);
            boolean dropped = SlimFields.DROPPED.contains(name);
            if (dropping >= 0 && !dropped) {
                cut(f, dropping, at);
                dropping = -1;
            } else if (dropping < 0 && dropped) {
                dropping = at;
            }
            p.nextToken();
            switch (name) {
                case "url" -> f.url = text(p);
                case "method" -> f.method = text(p);
                case "sentAt" -> f.sentAt = instant(p);
                case "outcome" -> f.outcome = p.currentToken() == JsonToken.VALUE_NULL ? null : OUTCOME.readValue(p);
                case "httpStatus" -> f.httpStatus = p.currentToken() == JsonToken.VALUE_NUMBER_INT ? Integer.valueOf(p.getIntValue())
                        : p.currentToken() == JsonToken.VALUE_NULL ? null : INTEGER.readValue(p);
                case "reason" -> f.reason = text(p);
                default -> p.skipChildren();
            }
        }
        if (dropping >= 0) {
            int end = offset(p, f); // the probe's closing brace: the comma before the first dropped field goes too
            int start = dropping;
            int k = start - 1;
            while (k >= 0 && (json[k] == ' ' || json[k] == '\t' || json[k] == '\n' || json[k] == '\r')) {
                k--;
            }
            cut(f, k >= 0 && json[k] == ',' ? k : start, end);
        }
    }

    private static void cut(Fields f, int start, int end) {
        if (f.cuts != null) {
            f.cuts = Arrays.copyOf(f.cuts, f.cuts.length + 2);
            f.cuts[f.cuts.length - 2] = start;
            f.cuts[f.cuts.length - 1] = end;
        }
    }

    private static int offset(JsonParser p, Fields f) {
        long at = p.currentTokenLocation().getByteOffset();
        if (at < 0) {
            f.cuts = null; // not a byte source (another encoding): no offsets, the token copier slims it
        }
        return (int) at;
    }

    private static String text(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        return t == JsonToken.VALUE_NULL ? null : STRING.readValue(p);
    }

    private static Instant instant(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            Instant fast = IsoInstant.parse(p.getText());
            if (fast != null) {
                return fast;
            }
        }
        return t == JsonToken.VALUE_NULL ? null : INSTANT.readValue(p);
    }

    /** The fields as read; {@link #input} applies the checks the {@code Observation} and {@code ProbeResult} constructors make. */
    private static final class Fields {
        String observationId;
        String certificateId;
        String region;
        String agentId;
        ProbeKind kind;
        Instant publishedAt;
        boolean late;
        boolean probe;
        boolean probeSeen;
        String url;
        String method;
        Instant sentAt;
        Outcome outcome;
        Integer httpStatus;
        String reason;
        int[] cuts = new int[0];

        ObservationInput input(byte[] json) {
            require(observationId, "observationId");
            require(certificateId, "certificateId");
            require(region, "region");
            require(kind, "kind");
            if (!probe) {
                throw new IllegalArgumentException("probe is missing");
            }
            require(url, "url");
            require(method, "method");
            require(outcome, "outcome");
            ProbeSummary summary = ProbeSummary.of(observationId, region, agentId, kind, method, url, sentAt, outcome, httpStatus, reason, late);
            return new ObservationInput(observationId, certificateId, publishedAt, summary, json, cuts);
        }

        private static void require(Object value, String name) {
            if (value == null) {
                throw new IllegalArgumentException(name + " is missing");
            }
        }
    }
}
