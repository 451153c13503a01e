package dev.ocspwatch.collector.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocspwatch.collector.state.ProbeSummary;
import dev.ocspwatch.common.json.Json;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.outcome.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservationReaderTest {
    private static final Instant T0 = Instant.parse("2025-02-03T04:00:00Z");

    private static ObjectNode tree(Outcome outcome) {
        Observation o = CollectorWorld.observation("a:1", T0, "eu-west", T0.plusSeconds(901).plusNanos(123_456), outcome, "GET");
        ObjectNode tree = Json.mapper().valueToTree(o);
        ((ObjectNode) tree.get("probe")).set("lints", Json.mapper().valueToTree(List.of(dev.ocspwatch.common.ocsp.lint.LintFinding.of(dev.ocspwatch.common.ocsp.lint.LintRule.values()[0], "x"))));
        ((ObjectNode) tree.get("probe")).putObject("details").put("note", "skipped by the reader, dropped by the slim copy");
        return tree;
    }

    /** The probe's fields in the given order (names not in the probe are ignored). */
    private static byte[] ordered(ObjectNode tree, List<String> first, boolean pretty) throws Exception {
        ObjectNode probe = (ObjectNode) tree.get("probe");
        ObjectNode reordered = Json.mapper().createObjectNode();
        first.stream().filter(probe::has).forEach(f -> reordered.set(f, probe.get(f)));
        for (Iterator<Map.Entry<String, JsonNode>> it = probe.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!reordered.has(e.getKey())) {
                reordered.set(e.getKey(), e.getValue());
            }
        }
        ObjectNode copy = tree.deepCopy();
        copy.set("probe", reordered);
        return pretty ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(copy) : Json.mapper().writeValueAsBytes(copy);
    }

    @Test
    void readsWhatTheMappingReadsAndCutsTheSameSlimCopyWhereverTheDroppedFieldsAre() throws Exception {
        List<List<String>> orders = List.of(List.of(), List.of("responseBase64", "details", "lints"), List.of("url", "lints", "method",
                "requestBase64"), List.of("url", "method", "kind", "sentAt", "outcome", "reason", "httpStatus", "headers"));
        for (Outcome outcome : List.of(Outcome.GOOD, Outcome.UNAUTHORIZED, Outcome.TIMEOUT)) {
            for (List<String> order : orders) {
                for (boolean pretty : List.of(false, true)) {
                    byte[] json = ordered(tree(outcome), order, pretty);
                    Observation mapped = Topics.OBSERVATIONS.value(json);
                    ObservationInput read = ObservationReader.read(json);
                    assertEquals(ProbeSummary.of(mapped), read.summary(), order + " " + pretty);
                    assertEquals(mapped.publishedAt(), read.publishedAt());
                    assertEquals(mapped.certificateId(), read.certificateId());
                    assertArrayEquals(json, read.json(), "kept as it arrived");
                    assertEquals(Topics.OBSERVATIONS.value(SlimEvidence.of(json)), Topics.OBSERVATIONS.value(read.slim()), order + " " + pretty);
                }
            }
        }
    }

    @Test
    void rejectsWhatTheMappingRejectsInTheFieldsItReads() throws Exception {
        for (String field : List.of("observationId", "certificateId", "region", "kind", "probe")) {
            ObjectNode tree = tree(Outcome.GOOD);
            tree.remove(field);
            byte[] json = Json.mapper().writeValueAsBytes(tree);
            assertThrows(RuntimeException.class, () -> Topics.OBSERVATIONS.value(json), field);
            assertThrows(IllegalArgumentException.class, () -> ObservationReader.read(json), field);
        }
        for (String field : List.of("url", "method", "outcome")) {
            ObjectNode tree = tree(Outcome.GOOD);
            ((ObjectNode) tree.get("probe")).putNull(field);
            assertThrows(IllegalArgumentException.class, () -> ObservationReader.read(Json.mapper().writeValueAsBytes(tree)), field);
        }
        ObjectNode badOutcome = tree(Outcome.GOOD);
        ((ObjectNode) badOutcome.get("probe")).put("outcome", "MAYBE");
        assertThrows(IllegalArgumentException.class, () -> ObservationReader.read(Json.mapper().writeValueAsBytes(badOutcome)));
        ObjectNode badTime = tree(Outcome.GOOD);
        badTime.put("publishedAt", "yesterday");
        assertThrows(IllegalArgumentException.class, () -> ObservationReader.read(Json.mapper().writeValueAsBytes(badTime)));
        for (String text : List.of("", "[1]", "{\"observationId\":", "42")) {
            assertThrows(IllegalArgumentException.class, () -> ObservationReader.read(text.getBytes(StandardCharsets.UTF_8)), text);
        }
        assertNull(ObservationReader.read("null".getBytes(StandardCharsets.UTF_8)), "as the mapping reads it");
    }
}
