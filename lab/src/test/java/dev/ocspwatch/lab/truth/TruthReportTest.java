package dev.ocspwatch.lab.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocspwatch.common.json.Json;
import dev.ocspwatch.common.verdict.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TruthReportTest {
    private static CertificateTruth truth(String id, Verdict verdict) {
        return new CertificateTruth(id, "ca", "1", false, true, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, Map.of(), List.of(),
                verdict, "reason");
    }

    @Test
    void countsEachVerdictAndSkipsCertificatesNotYetPublished() {
        TruthReport report = TruthReport.of("healthy", Instant.parse("2026-11-23T10:00:00Z"), List.of(
                truth("a", Verdict.COMPLIANT), truth("b", Verdict.VIOLATION), truth("c", Verdict.COMPLIANT), truth("d", null)));
        assertEquals(Map.of(Verdict.COMPLIANT, 2, Verdict.VIOLATION, 1), report.counts());
        assertEquals(4, report.certificates().size());
    }

    @Test
    void exportsJsonWithTheVocabularyNames() throws Exception {
        TruthReport report = TruthReport.of("sectigo-2025", Instant.parse("2026-11-23T10:00:00Z"),
                List.of(truth("x", Verdict.INCONCLUSIVE)));
        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsString(report));
        assertEquals("sectigo-2025", json.get("scenario").asText());
        assertEquals("2026-11-23T10:00:00Z", json.get("generatedAt").asText());
        assertEquals(1, json.get("counts").get("INCONCLUSIVE").asInt());
        assertEquals("INCONCLUSIVE", json.get("certificates").get(0).get("verdict").asText());
        assertFalse(json.get("certificates").get(0).has("precertOnly") && json.get("certificates").get(0).get("precertOnly").asBoolean());
    }
}
