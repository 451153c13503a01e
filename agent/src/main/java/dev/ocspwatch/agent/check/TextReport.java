package dev.ocspwatch.agent.check;

import dev.ocspwatch.common.ocsp.ResponseCheck;
import dev.ocspwatch.common.ocsp.ResponseDetails;
import dev.ocspwatch.common.ocsp.lint.LintFinding;
import dev.ocspwatch.common.probe.ProbeResult;
import dev.ocspwatch.common.probe.ProbeTimings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link CheckReport} for a terminal: each step on its own line, timed, in the order it ran. */
public final class TextReport {
    private static final List<String> CACHE_HEADERS = List.of(
            "cache-control", "age", "expires", "last-modified", "etag", "x-cache", "x-cache-status", "cf-cache-status", "via");

    private final StringBuilder out = new StringBuilder();

    private TextReport() {
    }

    public static String render(CheckReport report) {
        TextReport text = new TextReport();
        text.certificate(report);
        for (ProbeResult probe : report.probes()) {
            text.probe(probe);
        }
        if (report.stapled() != null) {
            text.stapled(report.stapled());
        }
        text.findings(report.findings());
        for (CrlReport crl : report.crls()) {
            text.crl(crl);
        }
        text.line("");
        text.line("Result        exit " + report.exitCode() + ": " + report.summary());
        return text.out.toString();
    }

    private void certificate(CheckReport report) {
        var cert = report.certificate();
        line("Certificate   " + cert.subject() + (cert.precertificate() ? "  (precertificate)" : ""));
        field("serial", cert.serialHex());
        field("issuer", report.issuer().subject() + "  (from " + report.issuer().source() + ")");
        field("valid", cert.notBefore() + " .. " + cert.notAfter());
        field("id", report.certificateId());
        field("OCSP", cert.ocspUrls().isEmpty() ? "none: NOT_APPLICABLE for OCSP" : String.join(", ", cert.ocspUrls()));
        field("CRL", cert.crlUrls().isEmpty() ? "none" : String.join(", ", cert.crlUrls()));
        if (report.tls() != null) {
            var tls = report.tls();
            field("TLS", tls.host() + ":" + tls.port() + " (" + tls.address() + ") " + tls.protocol() + " "
                    + tls.cipherSuite() + ", " + tls.chainSubjects().size() + " certificates sent, "
                    + (tls.stapled() ? "OCSP stapled" : "no stapled OCSP"));
        }
    }

    private void probe(ProbeResult probe) {
        line("");
        String kind = probe.kind().equals("standard") ? "" : "  [" + probe.kind() + ", serial " + probe.serial() + "]";
        line(String.format(Locale.ROOT, "%-5s %s%s", probe.method(), probe.requestUrl(), kind));
        ProbeTimings t = probe.timings();
        if (t.dnsMs() != null) {
            step("DNS", host(probe.url()) + " -> " + (probe.resolvedAddresses().isEmpty() ? "no addresses"
                    : String.join(", ", probe.resolvedAddresses())), t.dnsMs());
        }
        for (String redirect : probe.redirects()) {
            step("redirect", redirect, null);
        }
        if (probe.connectedAddress() != null) {
            step("connect", probe.connectedAddress(), t.connectMs());
        }
        if (probe.httpStatus() != null) {
            String type = probe.headers().getOrDefault("content-type", "(no content-type)");
            step("HTTP", probe.httpStatus() + "  " + type + "  " + bytes(probe.bodyBytes())
                    + "  first byte " + ms(t.firstByteMs()), t.totalMs());
            String cache = cacheHeaders(probe.headers());
            if (!cache.isEmpty()) {
                step("cache", cache, null);
            }
        }
        step("outcome", probe.outcome() + "  " + probe.reason(), probe.httpStatus() == null ? t.totalMs() : null);
        details(probe.details());
        lints(probe.lints());
    }

    private void stapled(ResponseCheck stapled) {
        line("");
        line("Stapled OCSP response (from the TLS handshake)");
        step("outcome", stapled.outcome() + "  " + stapled.reason(), null);
        details(stapled.details());
        lints(stapled.lints());
    }

    private void details(ResponseDetails d) {
        if (d == null) {
            return;
        }
        List<String> parts = new ArrayList<>();
        if (d.certStatus() != null) {
            parts.add("certStatus " + d.certStatus()
                    + (d.revocationTime() == null ? "" : " at " + d.revocationTime())
                    + (d.revocationReason() == null ? "" : " (" + d.revocationReason() + ")"));
        }
        if (d.thisUpdate() != null) {
            parts.add("thisUpdate " + d.thisUpdate());
            parts.add("nextUpdate " + (d.nextUpdate() == null ? "(none)" : d.nextUpdate()));
        }
        if (d.producedAt() != null) {
            parts.add("producedAt " + d.producedAt());
        }
        if (!parts.isEmpty()) {
            step("response", String.join(", ", parts), null);
        }
        if (d.responderId() != null) {
            String signer = d.signer() == null ? "" : "; signer " + d.signer().role() + " " + d.signer().subject()
                    + " (until " + d.signer().notAfter() + ")";
            step("signed", d.signatureAlgorithm() + ", responder " + d.responderIdType() + " " + d.responderId() + signer, null);
            step("contents", d.singleResponseCount() + " SingleResponse(s)"
                    + (d.certIdHashAlgorithm() == null ? "" : ", matched #" + d.matchedSingleResponse() + " (" + d.certIdHashAlgorithm() + ")")
                    + ", " + d.certificateCount() + " certificate(s)" + (d.nonce() == null ? "" : ", nonce " + d.nonce()), null);
        }
    }

    private void lints(List<LintFinding> lints) {
        for (LintFinding lint : lints) {
            step("lint", lint.severity() + " " + lint.rule() + " [" + lint.citation() + "] " + lint.message(), null);
        }
    }

    private void findings(List<CheckFinding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        line("");
        line("Findings");
        for (CheckFinding finding : findings) {
            line("  " + finding.severity() + " [" + finding.citation() + "] " + finding.url() + ": " + finding.message());
        }
    }

    private void crl(CrlReport crl) {
        line("");
        line("CRL   " + crl.url());
        if (crl.httpStatus() != null) {
            step("HTTP", crl.httpStatus() + "  " + bytes(crl.bytes()), crl.timings() == null ? null : crl.timings().totalMs());
        }
        step("result", crl.result() + "  " + crl.message(), crl.httpStatus() == null && crl.timings() != null
                ? crl.timings().totalMs() : null);
        if (crl.thisUpdate() != null) {
            step("contents", "thisUpdate " + crl.thisUpdate() + ", nextUpdate " + crl.nextUpdate() + ", "
                    + crl.entries() + " entries" + (crl.crlNumber() == null ? "" : ", number " + crl.crlNumber())
                    + ", signature " + (Boolean.TRUE.equals(crl.signatureValid()) ? "valid" : "INVALID"), null);
        }
        if (crl.revocationTime() != null) {
            step("revoked", crl.revocationTime() + (crl.revocationReason() == null ? "" : " (" + crl.revocationReason() + ")"), null);
        }
    }

    private static String host(String url) {
        try {
            String host = java.net.URI.create(url).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    private static String cacheHeaders(Map<String, String> headers) {
        List<String> parts = new ArrayList<>();
        for (String name : CACHE_HEADERS) {
            if (headers.containsKey(name)) {
                parts.add(name + ": " + headers.get(name));
            }
        }
        return String.join("; ", parts);
    }

    private void field(String name, String value) {
        line(String.format(Locale.ROOT, "  %-11s %s", name, value));
    }

    private void step(String name, String value, Double millis) {
        line(String.format(Locale.ROOT, "      %-9s %s%s", name, value, millis == null ? "" : "  (" + ms(millis) + ")"));
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    static String ms(Double millis) {
        return millis == null ? "-" : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    static String bytes(Integer count) {
        if (count == null) {
            return "-";
        }
        return count < 10_240 ? count + " B" : String.format(Locale.ROOT, "%.1f KiB", count / 1024.0);
    }
}
