package dev.ocspwatch.agent.check;

import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.probe.ProbeResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Derives the findings a person filing or answering a compliance bug would want called out. */
final class CheckFindings {
    private CheckFindings() {
    }

    static List<CheckFinding> of(List<ProbeResult> probes) {
        List<CheckFinding> findings = new ArrayList<>();
        Map<String, Map<String, ProbeResult>> standardByUrl = new LinkedHashMap<>();
        for (ProbeResult probe : probes) {
            switch (probe.kind()) {
                case "standard" -> standardByUrl.computeIfAbsent(probe.url(), u -> new LinkedHashMap<>()).put(probe.method(), probe);
                case "sha256-certid" -> {
                    if (!probe.outcome().authoritative()) {
                        findings.add(new CheckFinding(probe.kind(), probe.url(), "WARNING", "RFC 6960 4.1.1",
                                "a SHA-256 CertID got " + probe.outcome() + ", not an authoritative answer"));
                    }
                }
                case "unissued-serial" -> {
                    if (probe.outcome() == Outcome.GOOD) {
                        findings.add(new CheckFinding(probe.kind(), probe.url(), "ERROR", "BR 4.9.10",
                                "answered good for serial " + probe.serial() + ", which the CA never issued"));
                    }
                }
                default -> {
                }
            }
            String contentType = probe.headers().get("content-type");
            if (probe.httpStatus() != null && probe.httpStatus() == 200 && (contentType == null
                    || !contentType.toLowerCase(Locale.ROOT).startsWith("application/ocsp-response"))) {
                findings.add(new CheckFinding("content-type", probe.url(), "WARNING", "RFC 6960 A.2",
                        probe.method() + " answered with Content-Type " + (contentType == null ? "(none)" : contentType)
                                + ", not application/ocsp-response"));
            }
        }
        for (Map.Entry<String, Map<String, ProbeResult>> entry : standardByUrl.entrySet()) {
            ProbeResult get = entry.getValue().get("GET");
            ProbeResult post = entry.getValue().get("POST");
            if (get == null || post == null || get.outcome() == post.outcome()) {
                continue;
            }
            boolean getOnlyFails = !get.outcome().authoritative() && post.outcome().authoritative();
            findings.add(new CheckFinding("get-post-disagree", entry.getKey(), getOnlyFails ? "ERROR" : "WARNING",
                    getOnlyFails ? "BR 4.9.10" : "RFC 5019",
                    "GET got " + get.outcome() + " but POST got " + post.outcome()
                            + (getOnlyFails ? ": GET must work (BR 4.9.10); a CDN may be serving a cached error" : "")));
        }
        return findings;
    }
}
