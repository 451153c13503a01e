package dev.ocspwatch.collector.evidence;

import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.verdict.ProbeRef;
import dev.ocspwatch.common.verdict.RegionVerdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A Markdown page ready to paste into a CA-compliance bug: the certificate and where to find
 * it on crt.sh, the verdict and why, each region's summary, every probe with its caching
 * headers, the commands that reproduce them, and what is missing. Every value that came from
 * a CT log or a responder is escaped (see {@link Markdown}); every time is UTC.
 */
public final class EvidenceReport {
    private final CertificateEvidence evidence;
    private final VerdictRecord verdict;
    private final CertificateRecord certificate;
    private final KeyTimes times;
    private final List<RawFiles> probes;
    private final List<String> missing = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();

    private EvidenceReport(CertificateEvidence evidence) {
        this.evidence = evidence;
        this.verdict = evidence.verdict();
        this.certificate = evidence.certificate();
        this.times = KeyTimes.of(evidence);
        this.probes = RawFiles.of(evidence.observations());
    }

    /** The page; {@code generator} names what made it (e.g. "ocspwatch 0.1.0"), null if unknown. */
    public static String markdown(CertificateEvidence evidence, String generator) {
        EvidenceReport report = new EvidenceReport(evidence);
        report.title();
        report.certificateSection();
        report.verdictSection();
        report.probeSection();
        report.reproduceSection();
        report.missingSection();
        report.footer(generator);
        return report.out.toString();
    }

    private void title() {
        String what = verdict == null ? "no verdict yet" : verdict.verdict().name();
        String subject = CertificateSection.first(verdict == null ? null : verdict.subject(),
                certificate == null ? null : certificate.subject());
        out.append("# OCSP evidence: ").append(what).append(" for ")
                .append(subject == null ? Markdown.code(evidence.certificateId()) : Markdown.text(subject)).append("\n\n");
        out.append("CA/Browser Forum TLS Baseline Requirements 4.9.9: an authoritative OCSP response (a signed ")
                .append("`good` or `revoked`) MUST be available no more than 15 minutes after the certificate or ")
                .append("precertificate is first published. `unknown` and unsigned errors such as `unauthorized` are ")
                .append("not authoritative.\n\n");
    }

    private void certificateSection() {
        out.append(CertificateSection.render(evidence, times, missing));
    }

    private void verdictSection() {
        if (verdict == null) {
            out.append("## Verdict: none yet\n\nThe collector decides at the deadline and again through the watch ")
                    .append("window; the probes below are everything recorded so far.\n\n");
            missing.add("No verdict yet: the probes are shown, undecided.");
            return;
        }
        out.append("## Verdict: ").append(verdict.verdict().name()).append("\n\n");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Verdict", "**" + verdict.verdict().name() + "**"));
        rows.add(List.of("Reason", Markdown.text(verdict.reason())));
        rows.add(List.of("Stage", verdict.stage() == null ? "unknown" : verdict.stage().name()));
        rows.add(List.of("Decided at", Utc.iso(verdict.decidedAt()) + ", revision " + verdict.revision()
                + (verdict.previousVerdict() == null ? "" : ", previously " + verdict.previousVerdict().name())));
        rows.add(List.of("Counted probes by outcome", outcomes(verdict.outcomes())));
        rows.add(List.of("First failure", failure(verdict.firstFailure())));
        rows.add(List.of("Flapping", verdict.flapping() ? "**yes**: authoritative, then not again (lagging replicas?)" : "no"));
        if (!verdict.pathProblems().isEmpty()) {
            rows.add(List.of("Path problems (transport failures only here, answered elsewhere)",
                    verdict.pathProblems().stream().map(Markdown::code).collect(Collectors.joining(", "))));
        }
        out.append(Markdown.table(List.of("Field", "Value"), rows)).append('\n');
        if (verdict.regions().isEmpty()) {
            return;
        }
        out.append("### Regions\n\n");
        List<List<String>> regionRows = new ArrayList<>();
        for (RegionVerdict region : verdict.regions()) {
            String firstAuthoritative = region.timeToFirstAuthoritativeMs() == null ? "never"
                    : Utc.duration(region.timeToFirstAuthoritativeMs()) + " (" + Utc.iso(region.firstAuthoritativeAt()) + ")"
                    + (afterDeadline(region.firstAuthoritativeAt()) ? ", **after the deadline**" : "");
            regionRows.add(List.of(Markdown.code(region.region()),
                    region.status() == null ? "unknown" : "**" + region.status().name() + "**",
                    Integer.toString(region.counted()), firstAuthoritative, region.flapping() ? "**yes**" : "no",
                    failure(region.firstFailure())));
        }
        out.append(Markdown.table(List.of("Region", "Status", "Counted probes",
                "Time to first authoritative answer", "Flapping", "First failure"), regionRows)).append('\n');
    }

    private void probeSection() {
        out.append("## Every probe, by region (UTC)\n\n");
        if (probes.isEmpty()) {
            out.append("No probes recorded.\n\n");
            missing.add("No probes recorded for this certificate.");
            return;
        }
        out.append("`timeline.svg` draws them on one time line. Counted: sent at or after the deadline and within ")
                .append("the watch window, what the verdict is made of. Raw files are the exact DER bytes sent and ")
                .append("received; they are kept for non-authoritative answers and each region's first authoritative one.\n\n");
        Map<String, List<RawFiles>> byRegion = new TreeMap<>();
        for (RawFiles probe : probes) {
            byRegion.computeIfAbsent(probe.observation().region(), r -> new ArrayList<>()).add(probe);
        }
        byRegion.forEach((region, list) -> {
            out.append("### Region ").append(Markdown.code(region)).append(": ").append(list.size())
                    .append(list.size() == 1 ? " probe" : " probes").append("\n\n");
            List<String> urls = list.stream().map(p -> p.observation().probe().url()).distinct().toList();
            if (urls.size() == 1) {
                out.append("Responder ").append(Markdown.code(urls.get(0))).append("\n\n");
            }
            out.append(ProbeTable.render(list, times)).append('\n');
        });
        if (probes.stream().noneMatch(RawFiles::keptAny)) {
            missing.add("No raw request or response bytes were kept for any probe.");
        }
        for (RawFiles probe : probes) {
            probe.problems().forEach(p -> missing.add("Probe #" + probe.number() + ": " + Markdown.text(p) + "."));
            if (probe.observation().probe().sentAt() == null) {
                missing.add("Probe #" + probe.number() + " has no send time.");
            }
        }
    }

    private void reproduceSection() {
        if (probes.isEmpty()) {
            return;
        }
        boolean withIssuer = IssuerFile.of(evidence) != null;
        out.append("## Reproduce\n\nFrom the bundle's folder (`sh reproduce.sh` runs all of them). ");
        if (withIssuer) {
            out.append("Each command checks the response's signature against `").append(OpensslCommands.ISSUER_FILE)
                    .append("`, the issuing CA's certificate in this bundle, whether the CA signed it or a delegated ")
                    .append("responder it certified for OCSP signing did: openssl prints `Response verify OK` or ")
                    .append("`Response Verify Failure`. `reproduce.sh` checks each recorded response as of when it was ")
                    .append("received (`-attime`). ");
        } else {
            out.append("`-noverify` shows what a response says without judging its signature. ");
        }
        out.append("A recorded response decodes with `openssl ocsp -respin <raw file> -resp_text -noverify`.\n\n");
        List<Reproductions> reproductions = Reproductions.of(probes, withIssuer);
        if (!withIssuer
                && reproductions.stream().anyMatch(r -> r.commands().stream().anyMatch(c -> c.argv().contains("-issuer")))) {
            out.append("Where the request was not kept, openssl rebuilds it and needs `").append(OpensslCommands.ISSUER_FILE)
                    .append("`, the issuing CA's certificate: find it on crt.sh by the issuer link above.\n\n");
        }
        for (Reproductions reproduction : reproductions) {
            out.append("### ").append(reproduction.number()).append(". ").append(Markdown.text(reproduction.method())).append(' ')
                    .append(Markdown.code(reproduction.url())).append(", as probe")
                    .append(reproduction.probes().size() == 1 ? " " : "s ")
                    .append(reproduction.probes().stream().map(n -> "#" + n).collect(Collectors.joining(", ")))
                    .append("\n\n");
            String script = reproduction.commands().stream().map(ShellCommand::script).collect(Collectors.joining("\n"));
            out.append(Markdown.fence("sh", script)).append('\n');
        }
    }

    private void missingSection() {
        if (missing.isEmpty()) {
            return;
        }
        out.append("## What is missing\n\n");
        missing.forEach(m -> out.append("- ").append(m).append('\n'));
        out.append('\n');
    }

    private void footer(String generator) {
        long regions = evidence.observations().stream().map(Observation::region).distinct().count();
        out.append("---\n\nProduced by ").append(Markdown.text(generator == null ? "ocspwatch (version unknown)" : generator))
                .append(" from the collector's records of this certificate: ")
                .append(verdict == null ? "no verdict" : "verdict revision " + verdict.revision())
                .append(certificate == null ? ", no certificate record" : ", the certificate record from CT discovery")
                .append(", and ").append(probes.size()).append(probes.size() == 1 ? " observation" : " observations")
                .append(" from ").append(regions).append(regions == 1 ? " region" : " regions")
                .append(". All times are UTC.\n");
    }

    private String failure(ProbeRef ref) {
        if (ref == null) {
            return "none";
        }
        String number = probes.stream().filter(p -> p.observation().observationId().equals(ref.observationId()))
                .map(p -> "#" + p.number() + " ").findFirst().orElse("");
        return number + Utc.iso(ref.sentAt()) + " " + Markdown.code(ref.region()) + " " + Markdown.text(ref.method())
                + " **" + (ref.outcome() == null ? "unknown" : ref.outcome().name()) + "**"
                + (ref.httpStatus() == null ? "" : " (HTTP " + ref.httpStatus() + ")")
                + (ref.reason() == null ? "" : ": " + Markdown.text(ref.reason()));
    }

    private boolean afterDeadline(Instant at) {
        return at != null && times.deadline() != null && at.isAfter(times.deadline());
    }

    /** In vocabulary order, so the same counts always read the same. */
    private static String outcomes(Map<Outcome, Integer> counts) {
        List<String> parts = new ArrayList<>();
        for (Outcome outcome : Outcome.values()) {
            Integer count = counts.get(outcome);
            if (count != null) {
                parts.add(outcome.name() + " " + count);
            }
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
