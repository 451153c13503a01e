package dev.ocspwatch.agent.check;

import static dev.ocspwatch.agent.testing.ProbeResults.answered;
import static dev.ocspwatch.agent.testing.ProbeResults.unanswered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.agent.testing.ProbeResults;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.probe.ProbeResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The findings a compliance bug report would call out, derived from hand-built probe results. */
class CheckFindingsTest {
    private static final String A = "http://ocsp.a.test/";
    private static final String B = "http://ocsp.b.test/";

    // ---- GET and POST disagree ----

    @Test
    void flagsGetFailingWhilePostIsAuthoritativeAsAnError() {
        List<CheckFinding> findings = CheckFindings.of(List.of(
                answered(A, "GET", "standard", Outcome.UNAUTHORIZED),
                answered(A, "POST", "standard", Outcome.GOOD)));

        assertEquals(1, findings.size(), findings.toString());
        CheckFinding finding = findings.get(0);
        assertEquals("get-post-disagree", finding.kind());
        assertEquals(A, finding.url());
        assertEquals("ERROR", finding.severity());
        assertEquals("BR 4.9.10", finding.citation());
        assertTrue(finding.message().contains("GET got UNAUTHORIZED but POST got GOOD"), finding.message());
    }

    @Test
    void flagsPostFailingWhileGetIsAuthoritativeAsAWarning() {
        List<CheckFinding> findings = CheckFindings.of(List.of(
                answered(A, "GET", "standard", Outcome.GOOD),
                answered(A, "POST", "standard", Outcome.UNKNOWN)));

        assertEquals(1, findings.size(), findings.toString());
        assertEquals("get-post-disagree", findings.get(0).kind());
        assertEquals("WARNING", findings.get(0).severity());
        assertTrue(findings.get(0).message().contains("GET got GOOD but POST got UNKNOWN"), findings.get(0).message());
    }

    @Test
    void flagsTwoDifferentFailuresAsAWarning() {
        List<CheckFinding> findings = CheckFindings.of(List.of(
                answered(A, "GET", "standard", Outcome.TRY_LATER),
                answered(A, "POST", "standard", Outcome.UNKNOWN)));

        assertEquals(1, findings.size(), findings.toString());
        assertEquals("WARNING", findings.get(0).severity());
    }

    @ParameterizedTest
    @EnumSource(value = Outcome.class, names = {"GOOD", "REVOKED", "UNKNOWN", "UNAUTHORIZED"})
    void saysNothingWhenGetAndPostAgree(Outcome outcome) {
        assertEquals(List.of(), CheckFindings.of(List.of(
                answered(A, "GET", "standard", outcome),
                answered(A, "POST", "standard", outcome))));
    }

    @Test
    void comparesGetAndPostOnlyForTheSameUrl() {
        List<CheckFinding> findings = CheckFindings.of(List.of(
                answered(A, "GET", "standard", Outcome.UNAUTHORIZED),
                answered(B, "POST", "standard", Outcome.GOOD)));

        assertEquals(List.of(), findings);
    }

    @Test
    void reportsEachUrlsDisagreementSeparately() {
        List<CheckFinding> findings = CheckFindings.of(List.of(
                answered(A, "GET", "standard", Outcome.UNAUTHORIZED),
                answered(A, "POST", "standard", Outcome.GOOD),
                answered(B, "GET", "standard", Outcome.GOOD),
                answered(B, "POST", "standard", Outcome.GOOD)));

        assertEquals(1, findings.size(), findings.toString());
        assertEquals(A, findings.get(0).url());
    }

    @Test
    void leavesConformanceProbesOutOfTheGetPostComparison() {
        List<CheckFinding> findings = CheckFindings.of(List.of(
                answered(A, "GET", "standard", Outcome.UNAUTHORIZED),
                answered(A, "POST", "sha256-certid", Outcome.GOOD),
                answered(A, "POST", "unissued-serial", Outcome.UNKNOWN)));

        assertEquals(List.of(), findings);
    }

    // ---- content type ----

    @Test
    void flagsAWrongContentTypeOnA200Answer() {
        ProbeResult probe = ProbeResults.of(A, "GET", "standard", "1001", 200, Map.of("content-type", "text/html"),
                Outcome.MALFORMED_RESPONSE);

        List<CheckFinding> findings = CheckFindings.of(List.of(probe));

        assertEquals(1, findings.size(), findings.toString());
        assertEquals("content-type", findings.get(0).kind());
        assertEquals("WARNING", findings.get(0).severity());
        assertEquals("RFC 6960 A.2", findings.get(0).citation());
        assertTrue(findings.get(0).message().contains("GET"), findings.get(0).message());
        assertTrue(findings.get(0).message().contains("text/html"), findings.get(0).message());
    }

    @Test
    void flagsAMissingContentTypeOnA200Answer() {
        ProbeResult probe = ProbeResults.of(A, "POST", "standard", "1001", 200, Map.of(), Outcome.GOOD);

        List<CheckFinding> findings = CheckFindings.of(List.of(probe));

        assertEquals(1, findings.size(), findings.toString());
        assertEquals("content-type", findings.get(0).kind());
        assertTrue(findings.get(0).message().contains("(none)"), findings.get(0).message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/ocsp-response", "Application/OCSP-Response", "application/ocsp-response; charset=binary"})
    void acceptsTheOcspContentTypeInAnyCase(String contentType) {
        ProbeResult probe = ProbeResults.of(A, "GET", "standard", "1001", 200, Map.of("content-type", contentType), Outcome.GOOD);

        assertEquals(List.of(), CheckFindings.of(List.of(probe)));
    }

    @Test
    void ignoresContentTypeOfNon200AnswersAndOfProbesWithoutAnAnswer() {
        ProbeResult error = ProbeResults.of(A, "GET", "standard", "1001", 500, Map.of("content-type", "text/html"),
                Outcome.HTTP_ERROR);
        ProbeResult timeout = unanswered(B, "POST", "standard", Outcome.TIMEOUT);

        assertEquals(List.of(), CheckFindings.of(List.of(error, timeout)));
    }

    // ---- conformance probes ----

    @Test
    void warnsWhenASha256CertIdGetsNoAuthoritativeAnswer() {
        List<CheckFinding> findings = CheckFindings.of(List.of(answered(A, "POST", "sha256-certid", Outcome.UNKNOWN)));

        assertEquals(1, findings.size(), findings.toString());
        assertEquals("sha256-certid", findings.get(0).kind());
        assertEquals("WARNING", findings.get(0).severity());
        assertEquals("RFC 6960 4.1.1", findings.get(0).citation());
        assertTrue(findings.get(0).message().contains("UNKNOWN"), findings.get(0).message());
    }

    @ParameterizedTest
    @EnumSource(value = Outcome.class, names = {"GOOD", "REVOKED"})
    void saysNothingWhenASha256CertIdIsAnsweredAuthoritatively(Outcome outcome) {
        assertEquals(List.of(), CheckFindings.of(List.of(answered(A, "POST", "sha256-certid", outcome))));
    }

    @Test
    void flagsGoodForAnUnissuedSerialAsAnError() {
        ProbeResult probe = ProbeResults.of(A, "POST", "unissued-serial", "4a3b2c1d", 200,
                ProbeResults.OCSP_CONTENT_TYPE, Outcome.GOOD);

        List<CheckFinding> findings = CheckFindings.of(List.of(probe));

        assertEquals(1, findings.size(), findings.toString());
        assertEquals("unissued-serial", findings.get(0).kind());
        assertEquals("ERROR", findings.get(0).severity());
        assertEquals("BR 4.9.10", findings.get(0).citation());
        assertTrue(findings.get(0).message().contains("4a3b2c1d"), findings.get(0).message());
    }

    @ParameterizedTest
    @EnumSource(value = Outcome.class, names = {"UNKNOWN", "REVOKED", "UNAUTHORIZED", "TIMEOUT"})
    void acceptsAnythingButGoodForAnUnissuedSerial(Outcome outcome) {
        assertEquals(List.of(), CheckFindings.of(List.of(answered(A, "POST", "unissued-serial", outcome))));
    }

    @Test
    void findsNothingInNoProbes() {
        assertEquals(List.of(), CheckFindings.of(List.of()));
    }
}
