package dev.ocspwatch.agent.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ocspwatch.common.ocsp.ResponseCheck;
import dev.ocspwatch.common.probe.ProbeResult;
import dev.ocspwatch.common.x509.CertificateInfo;
import java.time.Instant;
import java.util.List;

/**
 * The whole result of {@code ocspwatch check}: the JSON document {@code --json} prints (its
 * schema is documented in the README) and what the text report renders.
 *
 * @param ocspApplicable false when the certificate names no OCSP responder (NOT_APPLICABLE)
 * @param probes one per responder URL and method, then the conformance probes
 * @param stapled the stapled response's judgement in {@code --host} mode, or null
 * @param exitCode see {@link CheckExitCode}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckReport(
        Instant checkedAt,
        CertificateInfo certificate,
        String certificateId,
        Issuer issuer,
        TlsEndpoint tls,
        boolean ocspApplicable,
        List<String> responderUrls,
        List<ProbeResult> probes,
        ResponseCheck stapled,
        List<CheckFinding> findings,
        List<CrlReport> crls,
        int exitCode,
        String summary) {

    public CheckReport {
        responderUrls = List.copyOf(responderUrls);
        probes = List.copyOf(probes);
        findings = List.copyOf(findings);
        crls = List.copyOf(crls);
    }

    /** The issuer as the report shows it, and where it came from. */
    public record Issuer(String subject, String source, String spkiSha256) {
    }
}
