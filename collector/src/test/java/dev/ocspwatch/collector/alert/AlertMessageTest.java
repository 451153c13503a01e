package dev.ocspwatch.collector.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.verdict.Verdict;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AlertMessageTest {
    @Test
    void linksToTheCertificatePageAndItsEvidenceBelowThePublicBaseUrl() {
        AlertMessage message = AlertMessage.of(Verdicts.violation("0f", 2, Verdict.COMPLIANT), "https://ocspwatch.example.net");
        assertEquals("https://ocspwatch.example.net/certificates/" + Verdicts.id("0f"), message.dashboardUrl());
        assertEquals("https://ocspwatch.example.net/api/certificates/" + Verdicts.id("0f") + "/evidence.zip", message.evidenceUrl());
    }

    @Test
    void withoutAPublicBaseUrlThereAreNoLinks() {
        AlertMessage message = AlertMessage.of(Verdicts.violation("0f", 1, null), null);
        assertNull(message.dashboardUrl());
        assertNull(message.evidenceUrl());
    }

    @Test
    void theIdempotencyKeyIsTheCertificateIdAndRevision() {
        assertEquals(Verdicts.id("0f") + "#3", AlertMessage.of(Verdicts.violation("0f", 3, Verdict.INCONCLUSIVE), null).idempotencyKey());
    }

    @Test
    void aStrangeCertificateIdCannotLeaveItsPathSegment() {
        VerdictRecord odd = Verdicts.violation("0f", 1, null);
        odd = new VerdictRecord("../../admin?x=<y>|z é", odd.serial(), odd.issuerSpkiSha256(), odd.issuerSubject(), odd.subject(),
                odd.ocspUrls(), odd.logName(), odd.logIndex(), odd.publishedAt(), odd.deadline(), odd.windowEnd(), odd.verdict(),
                odd.stage(), odd.reason(), odd.outcomes(), odd.regions(), odd.firstFailure(), odd.flapping(), odd.pathProblems(),
                odd.decidedAt(), odd.revision(), odd.previousVerdict());
        assertEquals("https://o.example/certificates/..%2F..%2Fadmin%3Fx%3D%3Cy%3E%7Cz%20%C3%A9",
                AlertMessage.of(odd, "https://o.example").dashboardUrl());
    }

    @Test
    void eachFormatMakesItsOwnBody() {
        AlertMessage message = AlertMessage.of(Verdicts.violation("0f", 2, Verdict.COMPLIANT), null);
        assertTrue(new String(message.body(WebhookFormat.GENERIC), StandardCharsets.UTF_8).contains("\"event\":\"ocspwatch.violation\""));
        assertTrue(new String(message.body(WebhookFormat.SLACK), StandardCharsets.UTF_8).contains("\"blocks\":["));
    }
}
