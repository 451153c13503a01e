package dev.ocspwatch.collector.evidence;

import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.VerdictRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The report's certificate table: who it was issued to and by, where to find it on crt.sh, and
 * the moments the 15-minute clock runs between. Each value from the best record that has it:
 * the verdict, the CT discovery record, or the certificate id itself.
 */
final class CertificateSection {
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{1,128}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private CertificateSection() {
    }

    static String render(CertificateEvidence evidence, KeyTimes times, List<String> missing) {
        VerdictRecord verdict = evidence.verdict();
        CertificateRecord certificate = evidence.certificate();
        String serial = first(verdict == null ? null : verdict.serial(), certificate == null ? null : certificate.serial(),
                serialOfId(evidence.certificateId()));
        String spki = first(verdict == null ? null : verdict.issuerSpkiSha256(),
                certificate == null ? null : certificate.issuerSpkiSha256(), spkiOfId(evidence.certificateId()));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Subject", Markdown.text(first(verdict == null ? null : verdict.subject(),
                certificate == null ? null : certificate.subject(), "unknown"))));
        rows.add(List.of("Issuer", Markdown.text(first(verdict == null ? null : verdict.issuerSubject(),
                certificate == null ? null : certificate.issuerSubject(), "unknown"))));
        rows.add(List.of("Serial (hex)", serial == null ? "unknown" : Markdown.code(serial)));
        rows.add(List.of("Certificate id", Markdown.code(evidence.certificateId())));
        rows.add(List.of("Issuer SPKI SHA-256", spki == null ? "unknown" : Markdown.code(spki)));
        rows.add(List.of("crt.sh", crtSh(serial, spki)));
        IssuerFile issuer = IssuerFile.of(evidence);
        if (issuer != null) {
            rows.add(List.of("Issuer certificate", Markdown.code(IssuerFile.NAME) + " in this bundle"));
            rows.add(List.of("Issuer certificate SHA-256", Markdown.code(issuer.sha256())));
            rows.add(List.of("Issuer certificate subject", Markdown.text(issuer.subject())));
        } else {
            rows.add(List.of("Issuer certificate", "not in this bundle"));
        }
        if (certificate != null) {
            rows.add(List.of("Entry", certificate.precert() ? "precertificate" : "certificate"));
            rows.add(List.of("DNS names", certificate.dnsNames().stream().map(Markdown::code).collect(Collectors.joining(", "))));
            rows.add(List.of("Validity", Utc.iso(certificate.notBefore()) + " to " + Utc.iso(certificate.notAfter())));
        }
        List<String> urls = certificate != null ? certificate.ocspUrls() : verdict != null ? verdict.ocspUrls() : List.of();
        rows.add(List.of("OCSP responders", urls.isEmpty() ? "none named"
                : urls.stream().map(Markdown::code).collect(Collectors.joining(", "))));
        String logName = first(certificate == null ? null : certificate.logName(), verdict == null ? null : verdict.logName());
        Long logIndex = certificate != null ? Long.valueOf(certificate.logIndex()) : verdict != null ? verdict.logIndex() : null;
        rows.add(List.of("CT log", logName == null ? "unknown" : Markdown.text(logName)));
        rows.add(List.of("CT log index", logIndex == null ? "unknown" : logIndex.toString()));
        rows.add(List.of("CT timestamp", certificate == null ? "unknown (no certificate record)"
                : Utc.iso(Instant.ofEpochMilli(certificate.timestamp()))));
        rows.add(List.of("Published at", times.publishedAt() == null ? "unknown"
                : Utc.iso(times.publishedAt()) + " (earliest CT timestamp in any log)"));
        rows.add(List.of("Deadline", Utc.iso(times.deadline()) + " (" + times.deadlineSource() + ")"));
        rows.add(List.of("Watch window end", Utc.iso(times.windowEnd())));
        String table = Markdown.table(List.of("Field", "Value"), rows);
        if (IssuerFile.unreadable(evidence)) {
            missing.add("The issuer certificate the collector holds does not parse as a certificate: it is left out; "
                    + "crt.sh has the issuer by the link above.");
        } else if (issuer == null) {
            missing.add("No issuer certificate: the collector had not read it from `ocspwatch.issuers`; "
                    + "crt.sh has the issuer by the link above.");
        }
        if (certificate == null) {
            missing.add("No certificate record from CT discovery: the CT timestamp, validity and DNS names are unknown.");
        }
        if (times.publishedAt() == null) {
            missing.add("No publication time: neither a verdict nor a certificate record says when it was logged.");
        }
        return "## Certificate\n\n" + table + "\n";
    }

    /** Links only from hex: an untrusted serial must not become a link elsewhere. */
    private static String crtSh(String serial, String spki) {
        List<String> links = new ArrayList<>();
        if (serial != null && HEX.matcher(serial).matches()) {
            links.add("[certificates with this serial](https://crt.sh/?serial=" + serial + ")");
        }
        if (spki != null && SHA256.matcher(spki).matches()) {
            links.add("[the issuer, by SPKI SHA-256](https://crt.sh/?spkisha256=" + spki + ")");
        }
        return links.isEmpty() ? "no link: serial and issuer key hash unknown" : String.join(", ", links);
    }

    private static String serialOfId(String id) {
        int colon = id.indexOf(':');
        return colon < 0 ? null : id.substring(colon + 1);
    }

    private static String spkiOfId(String id) {
        int colon = id.indexOf(':');
        return colon < 0 ? null : id.substring(0, colon);
    }

    /** The first value that says something. */
    static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }
}
