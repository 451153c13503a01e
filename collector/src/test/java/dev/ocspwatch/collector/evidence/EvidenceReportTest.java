package dev.ocspwatch.collector.evidence;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.outcome.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EvidenceReportTest {
    private final EvidenceFixture fixture = EvidenceFixture.shared();

    @Test
    void reportTitlesTheVerdictAndFindsTheCertificateOnCrtSh() {
        String report = EvidenceReport.markdown(fixture.violation(), "ocspwatch 0.1.0");

        assertTrue(report.startsWith("# OCSP evidence: VIOLATION for CN=leaf.example.com, O=ocspwatch lab\n"), report);
        assertTrue(report.contains("https://crt.sh/?serial=" + fixture.serial.toString(16) + ")"), report);
        assertTrue(report.contains("https://crt.sh/?spkisha256=" + fixture.issuing.asIssuer().spkiSha256() + ")"));
        assertTrue(report.contains("| Issuer | CN=Evidence Test Issuing CA, O=ocspwatch lab |"));
        assertTrue(report.contains("| Certificate id | `" + fixture.certificateId + "` |"));
        assertTrue(report.contains("| CT log | Test Argon 2025h1 |"));
        assertTrue(report.contains("| CT log index | 123456789 |"));
        assertTrue(report.contains("| CT timestamp | 2025-02-10T14:00:00.000Z |"));
        assertTrue(report.contains("| Deadline | 2025-02-10T14:15:00.000Z"));
        assertTrue(report.contains("| Watch window end | 2025-02-10T15:00:00.000Z |"));
        assertTrue(report.contains("Produced by ocspwatch 0.1.0 from the collector's records"), report);
    }

    @Test
    void reportQuotesEveryProbeInUtcWithItsCachingHeaders() {
        CertificateEvidence evidence = fixture.violation();
        String report = EvidenceReport.markdown(evidence, null);

        for (Observation observation : evidence.observations()) {
            String sent = Utc.iso(observation.probe().sentAt());
            List<String> rows = report.lines().filter(l -> l.startsWith("| ") && l.contains(" | " + sent + " | ")).toList();
            assertEquals(1, rows.size(), "one row for the probe sent at " + sent + "\n" + report);
            assertTrue(rows.get(0).contains("**" + observation.outcome().name() + "**"), rows.get(0));
            assertTrue(rows.get(0).contains(" | " + observation.probe().method() + " | "), rows.get(0));
        }
        String cached = row(report, "2025-02-10T14:15:00.250Z");
        for (String value : List.of("`412`", "`max-age=3600, public`", "`Mon, 10 Feb 2025 15:08:08 GMT`",
                "`Mon, 10 Feb 2025 14:08:08 GMT`", "`\"6a1f-unauth\"`", "`HIT from cdn-fra`", "`HIT`",
                "`Mon, 10 Feb 2025 14:15:00 GMT`", "+15m 00.250s", "| DEADLINE | GET | yes |")) {
            assertTrue(cached.contains(value), value + " missing from " + cached);
        }
        assertTrue(row(report, "2025-02-10T14:20:00.000Z").contains("| **late** |"), "the late WATCH probe says so");
        assertTrue(row(report, "2025-02-10T14:01:00.000Z").contains("| DISCOVERY | POST | no |"), "before the deadline: not counted");
        assertTrue(report.contains("Produced by ocspwatch (version unknown) from"), report);
    }

    @Test
    void reportSummarizesEachRegion() {
        String report = EvidenceReport.markdown(fixture.violation(), "g");

        String eu = report.lines().filter(l -> l.startsWith("| `eu-west` |")).findFirst().orElseThrow();
        assertTrue(eu.contains("| **RESPONDER_FAILURE** | 3 | 1m 10.000s (2025-02-10T14:01:10.000Z) | **yes** |"), eu);
        assertTrue(eu.contains("#6 2025-02-10T14:15:00.250Z `eu-west` GET **UNAUTHORIZED** (HTTP 200)"), eu);
        String ap = report.lines().filter(l -> l.startsWith("| `ap-south` |")).findFirst().orElseThrow();
        assertTrue(ap.contains("15m 01.000s (2025-02-10T14:15:01.000Z), **after the deadline**"), ap);
        assertTrue(report.contains("| Counted probes by outcome | GOOD 5, UNAUTHORIZED 2 |"), report);
        assertTrue(report.contains("| Stage | FINAL |"));
    }

    @Test
    void reportPointsAtTheRawFilesOrSaysTheyWereNotKept() {
        String report = EvidenceReport.markdown(fixture.violation(), "g");

        assertTrue(row(report, "2025-02-10T14:15:00.250Z").contains(
                "`raw/eu-west/20250210T141500.250Z-GET-6-request.der`, `raw/eu-west/20250210T141500.250Z-GET-6-response.der`"));
        assertTrue(row(report, "2025-02-10T14:15:00.600Z").endsWith("| not kept |"));
    }

    @Test
    void reportGivesOneReproductionPerDistinctProbeUsingTheRecordedRequest() {
        String report = EvidenceReport.markdown(fixture.violation(), "g");

        assertTrue(report.contains("### 1. POST `http://ocsp.ca.example/`, as probes #1, #2, #3, #4, #7, #8, #10"), report);
        assertTrue(report.contains("openssl ocsp -reqin raw/us-east/20250210T140100.000Z-POST-1-request.der"
                + " -url http://ocsp.ca.example/ -respout reproduced/response-1.der -resp_text -noverify"), report);
        assertTrue(report.contains("### 2. GET `http://ocsp.ca.example/`, as probes #5, #6, #9, #11"));
        assertTrue(report.contains("curl -sS -D - -o reproduced/response-2.der http://ocsp.ca.example/MF"));
        assertTrue(report.contains("openssl ocsp -respin reproduced/response-2.der -resp_text -noverify"));
        assertFalse(report.contains("issuer.pem"), "every request was kept once, so none needs rebuilding");
    }

    @Test
    void reproductionWithoutAKeptRequestSaysWhereTheIssuerComesFrom() {
        Observation onlyGood = fixture.probe("g", "us-east", ProbeKind.WATCH, "POST", EvidenceFixture.at("30:00")).good(false).build();
        String report = EvidenceReport.markdown(new CertificateEvidence(fixture.certificateId, null, null, List.of(onlyGood)), "g");

        assertTrue(report.contains("openssl ocsp -issuer issuer.pem -serial 0x" + fixture.serial.toString(16)
                + " -no_nonce -url http://ocsp.ca.example/"), report);
        assertTrue(report.contains("needs `issuer.pem`, the issuing CA's certificate"), report);
    }

    @Test
    void untrustedHeadersReasonsAndRegionsCannotBreakOutOfTheirCell() {
        Observation hostile = fixture.probe("x", "eu|west\n| injected | row |", ProbeKind.WATCH, "GET",
                EvidenceFixture.at("25:00")).outcome(Outcome.HTTP_ERROR, 503,
                        "bad gateway | <img src=x onerror=alert(1)> [click](http://evil.example/)\r\n```\n# heading")
                .header("x-cache", "MISS | injected\n| cell |").header("etag", "`tick`|") .build();
        List<Observation> observations = new ArrayList<>(fixture.observations());
        observations.add(hostile);
        CertificateEvidence evidence = new CertificateEvidence(fixture.certificateId, fixture.verdict(observations),
                fixture.certificate(), observations);

        String report = EvidenceReport.markdown(evidence, "g");

        assertFalse(report.lines().anyMatch(l -> l.startsWith("| injected") || l.startsWith("| cell")), report);
        assertFalse(report.lines().anyMatch(l -> l.startsWith("# heading")), report);
        assertFalse(Pattern.compile("(?<!\\\\)<img").matcher(report).find(), "HTML passes through as text only");
        assertTrue(report.contains("\\<img src=x onerror=alert(1)\\>"), report);
        assertFalse(Pattern.compile("(?<!\\\\)\\[click").matcher(report).find(), "no link from a responder's text");
        List<String> table = report.lines().dropWhile(l -> !l.startsWith("### Region `eu\\|west"))
                .dropWhile(l -> !l.startsWith("|")).takeWhile(l -> l.startsWith("|")).toList();
        assertEquals(3, table.size(), report);
        int columns = cells(table.get(0));
        for (String line : table) {
            assertEquals(columns, cells(line), "every row splits into the header's cells: " + line);
        }
    }

    @Test
    void missingVerdictCertificateAndProbesAreNamedNotThrown() {
        String report = EvidenceReport.markdown(new CertificateEvidence(fixture.certificateId, null, null, List.of()), null);

        assertTrue(report.startsWith("# OCSP evidence: no verdict yet for `" + fixture.certificateId + "`"), report);
        assertTrue(report.contains("## What is missing"), report);
        assertTrue(report.contains("- No verdict yet"), report);
        assertTrue(report.contains("- No certificate record from CT discovery"), report);
        assertTrue(report.contains("- No probes recorded for this certificate."), report);
        assertTrue(report.contains("https://crt.sh/?serial=" + fixture.serial.toString(16)),
                "the serial still comes from the certificate id");
        assertTrue(report.contains("| Published at | unknown"), report);
    }

    @Test
    void probesWithoutRawBytesTimingsOrStatusStillRender() {
        Observation bare = fixture.probe("b", "us-east", ProbeKind.DEADLINE, "POST", EvidenceFixture.at("15:00"))
                .outcome(Outcome.CONNECT_FAILURE, null, "connection refused").noTimings().build();
        Observation stripped = new Observation(bare.observationId(), bare.certificateId(), null, bare.region(), null,
                bare.kind(), null, null, null, false, new dev.ocspwatch.common.probe.ProbeResult(bare.probe().url(), null,
                "POST", null, null, null, null, null, null, null, null, null, null, null, Outcome.CONNECT_FAILURE, null,
                null, null, null, null));
        CertificateEvidence evidence = new CertificateEvidence(fixture.certificateId, null, null, List.of(stripped));

        String report = assertDoesNotThrow(() -> EvidenceReport.markdown(evidence, "g"));

        assertTrue(report.contains("| unknown |  | DEADLINE | POST | unknown |"), report);
        assertTrue(report.contains("- No raw request or response bytes were kept for any probe."), report);
        assertTrue(report.contains("- Probe #1 has no send time."), report);
    }

    @Test
    void unreadableRawBytesAreReportedNotThrown() {
        Observation broken = fixture.probe("u", "eu-west", ProbeKind.DEADLINE, "GET", EvidenceFixture.at("15:00"))
                .outcome(Outcome.UNAUTHORIZED, 200, "unauthorized").rawBase64("%%%not base64%%%", "also*not*base64").build();
        CertificateEvidence evidence = new CertificateEvidence(fixture.certificateId, null, fixture.certificate(), List.of(broken));

        String report = EvidenceReport.markdown(evidence, "g");

        assertTrue(report.contains("raw request bytes unreadable"), report);
        assertTrue(report.contains("- Probe #1: raw response bytes unreadable"), report);
        assertFalse(report.contains("-request.der`"), "no pointer to a file that is not there");
    }

    private static String row(String report, String sentAt) {
        return report.lines().filter(l -> l.contains(" | " + sentAt + " | ")).findFirst().orElseThrow(
                () -> new AssertionError("no row sent at " + sentAt + ":\n" + report));
    }

    /** Cells as a GitHub-flavoured table splits a row: on pipes not escaped by a backslash. */
    private static int cells(String row) {
        Matcher unescaped = Pattern.compile("(?<!\\\\)(?:\\\\\\\\)*\\|").matcher(row);
        int pipes = 0;
        while (unescaped.find()) {
            pipes++;
        }
        return pipes - 1;
    }
}
