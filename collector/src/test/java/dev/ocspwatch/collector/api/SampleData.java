package dev.ocspwatch.collector.api;

import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.outcome.OutcomeGroup;
import dev.ocspwatch.common.probe.ProbeResult;
import dev.ocspwatch.common.probe.ProbeTimings;
import dev.ocspwatch.common.verdict.DecisionStage;
import dev.ocspwatch.common.verdict.ProbeRef;
import dev.ocspwatch.common.verdict.RegionStatus;
import dev.ocspwatch.common.verdict.RegionVerdict;
import dev.ocspwatch.common.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A small world for API and dashboard tests: two issuers, three regions, four certificates.
 * A VIOLATION in the February 2025 pattern (eu-central and ap-southeast get UNAUTHORIZED after
 * the deadline, us-east is answered; eu-central had been answered before: flapping) whose
 * subject is an XSS attempt; a COMPLIANT certificate of each issuer; an INCONCLUSIVE one whose
 * ap-southeast agent times out (a firewall, not the CA). Region verdicts are derived from the
 * observations, so the two always agree.
 */
public final class SampleData {
    public static final String ISSUER_A = "8d02536c887482bc34ff54e41d2ba659bf85b341a0a20afadb5813dcfbcf286d";
    public static final String ISSUER_A_SUBJECT = "CN=Example RSA Issuing CA R3, O=Example Trust Services, C=US";
    public static final String ISSUER_B = "3f1d7c0e5b9a24688e2d4c1f0a7b6e5d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49";
    public static final String ISSUER_B_SUBJECT = "CN=Lab ECC Issuing CA E7, O=ocspwatch Lab, C=DE";
    public static final String XSS = "<img src=x onerror=alert(1)>";
    public static final String RESPONDER_A = "http://ocsp.example-trust.test/r3";
    public static final String RESPONDER_B = "http://ocsp.lab-ca.test/e7";
    public static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    public static final String VIOLATION_ID = ISSUER_A + ":4f1c2a9e0b7d3";
    public static final String COMPLIANT_A_ID = ISSUER_A + ":7a21";
    public static final String COMPLIANT_B_ID = ISSUER_B + ":1bb0c3";
    public static final String INCONCLUSIVE_ID = ISSUER_B + ":2cc9e1";
    private static final Duration DEADLINE = Duration.ofMinutes(15);
    private static final Duration WINDOW = Duration.ofMinutes(75);

    private SampleData() {
    }

    public static InMemoryCollectorView view() {
        return new InMemoryCollectorView(world());
    }

    public static List<CertificateEvidence> world() {
        return List.of(
                certificate(VIOLATION_ID, XSS, RESPONDER_A, T0, Verdict.VIOLATION,
                        "eu-central, ap-southeast were answered UNAUTHORIZED after the deadline", List.of(
                        region("eu-central", "20 DISCOVERY GET UNKNOWN", "80 UNTIL_AUTHORITATIVE GET UNKNOWN",
                                "540 UNTIL_AUTHORITATIVE GET GOOD", "902 DEADLINE GET UNAUTHORIZED", "903 DEADLINE POST GOOD",
                                "1200 WATCH GET UNAUTHORIZED", "1201 WATCH POST GOOD"),
                        region("us-east", "25 DISCOVERY GET UNKNOWN", "420 UNTIL_AUTHORITATIVE GET GOOD",
                                "904 DEADLINE GET GOOD", "905 DEADLINE POST GOOD", "1205 WATCH GET GOOD"),
                        region("ap-southeast", "30 DISCOVERY GET UNKNOWN", "90 UNTIL_AUTHORITATIVE GET UNKNOWN",
                                "908 DEADLINE GET UNAUTHORIZED", "909 DEADLINE POST TRY_LATER", "1210 WATCH GET TIMEOUT"))),
                certificate(COMPLIANT_A_ID, "CN=www.shop.example", RESPONDER_A, T0.minus(Duration.ofMinutes(10)), Verdict.COMPLIANT,
                        "every counted probe in every region was authoritative", List.of(
                        region("eu-central", "60 DISCOVERY GET GOOD", "901 DEADLINE GET GOOD", "902 DEADLINE POST GOOD"),
                        region("us-east", "30 DISCOVERY GET UNKNOWN", "120 UNTIL_AUTHORITATIVE GET GOOD", "903 DEADLINE GET GOOD"),
                        region("ap-southeast", "30 DISCOVERY GET UNKNOWN", "180 UNTIL_AUTHORITATIVE GET REVOKED",
                                "904 DEADLINE GET REVOKED"))),
                certificate(COMPLIANT_B_ID, "CN=api.lab.example", RESPONDER_B, T0.minus(Duration.ofMinutes(20)), Verdict.COMPLIANT,
                        "every counted probe in every region was authoritative", List.of(
                        region("eu-central", "30 DISCOVERY GET GOOD", "901 DEADLINE GET GOOD"),
                        region("us-east", "45 DISCOVERY GET GOOD", "902 DEADLINE GET GOOD"),
                        region("ap-southeast", "20 DISCOVERY GET UNKNOWN", "90 UNTIL_AUTHORITATIVE GET GOOD",
                                "903 DEADLINE GET GOOD"))),
                certificate(INCONCLUSIVE_ID, "CN=mail.lab.example", RESPONDER_B, T0.minus(Duration.ofMinutes(30)),
                        Verdict.INCONCLUSIVE, "only ap-southeast failed, at the transport level: a path problem", List.of(
                        region("eu-central", "20 DISCOVERY GET UNKNOWN", "240 UNTIL_AUTHORITATIVE GET GOOD", "901 DEADLINE GET GOOD"),
                        region("us-east", "300 DISCOVERY GET GOOD", "902 DEADLINE GET GOOD"),
                        region("ap-southeast", "20 DISCOVERY GET TIMEOUT", "905 DEADLINE GET TIMEOUT",
                                "906 DEADLINE POST CONNECT_FAILURE"))));
    }

    /** One region's probes, each "seconds-after-publication KIND METHOD OUTCOME". */
    private static RegionProbes region(String name, String... probes) {
        return new RegionProbes(name, List.of(probes));
    }

    private record RegionProbes(String region, List<String> probes) {
    }

    private static CertificateEvidence certificate(String id, String subject, String responder, Instant published,
                                                   Verdict verdict, String reason, List<RegionProbes> regions) {
        String issuer = id.substring(0, 64);
        String serial = id.substring(65);
        String issuerSubject = issuer.equals(ISSUER_A) ? ISSUER_A_SUBJECT : ISSUER_B_SUBJECT;
        Instant deadline = published.plus(DEADLINE);
        List<Observation> observations = new ArrayList<>();
        List<RegionVerdict> regionVerdicts = new ArrayList<>();
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        for (RegionProbes region : regions) {
            List<Observation> mine = new ArrayList<>();
            for (String line : region.probes()) {
                String[] p = line.split(" ");
                Instant sent = published.plusSeconds(Long.parseLong(p[0]));
                Outcome outcome = Outcome.valueOf(p[3]);
                mine.add(observation(id, issuer, serial, region.region(), ProbeKind.valueOf(p[1]), published, deadline, sent,
                        p[2], responder, outcome, observations.size() + mine.size()));
            }
            regionVerdicts.add(regionVerdict(region.region(), published, mine, outcomes));
            observations.addAll(mine);
        }
        observations.sort(Comparator.comparing(o -> o.probe().sentAt()));
        boolean flapping = regionVerdicts.stream().anyMatch(RegionVerdict::flapping);
        ProbeRef firstFailure = regionVerdicts.stream().map(RegionVerdict::firstFailure).filter(f -> f != null)
                .min(Comparator.comparing(ProbeRef::sentAt)).orElse(null);
        List<String> pathProblems = regionVerdicts.stream().filter(r -> r.status() == RegionStatus.TRANSPORT_FAILURE)
                .map(RegionVerdict::region).toList();
        VerdictRecord record = new VerdictRecord(id, serial, issuer, issuerSubject, subject, List.of(responder), "Lab Log 2026",
                4711L, published, deadline, published.plus(WINDOW), verdict, DecisionStage.FINAL, reason, outcomes,
                regionVerdicts, firstFailure, flapping, pathProblems, published.plus(WINDOW).plusSeconds(30), 2, verdict);
        CertificateRecord certificate = new CertificateRecord(id, serial, issuer, subject, issuerSubject, true,
                published.toEpochMilli(), "lab-log-id", "Lab Log 2026", 4711L, published.minusSeconds(3600),
                published.plus(Duration.ofDays(90)), List.of(subject.replace("CN=", "")), List.of(responder), List.of(),
                published.plusSeconds(2));
        return new CertificateEvidence(id, record, certificate, observations);
    }

    /** The verdict rules in their simplest form, enough to keep test data consistent. */
    private static RegionVerdict regionVerdict(String region, Instant published, List<Observation> probes,
                                               Map<Outcome, Integer> allOutcomes) {
        Map<Outcome, Integer> counted = new EnumMap<>(Outcome.class);
        Instant firstAuthoritative = null;
        ProbeRef firstFailure = null;
        boolean flapping = false;
        boolean responderFailed = false;
        boolean transportFailed = false;
        for (Observation o : probes) {
            Outcome outcome = o.outcome();
            if (outcome.authoritative() && firstAuthoritative == null) {
                firstAuthoritative = o.probe().sentAt();
            }
            if (outcome.group() == OutcomeGroup.RESPONDER && firstAuthoritative != null) {
                flapping = true;
            }
            if (!o.counts()) {
                continue;
            }
            counted.merge(outcome, 1, Integer::sum);
            allOutcomes.merge(outcome, 1, Integer::sum);
            responderFailed |= outcome.group() == OutcomeGroup.RESPONDER;
            transportFailed |= outcome.group() == OutcomeGroup.TRANSPORT;
            if (!outcome.authoritative() && firstFailure == null) {
                firstFailure = new ProbeRef(o.observationId(), region, o.agentId(), o.probe().method(), o.probe().url(),
                        o.probe().sentAt(), outcome, o.probe().httpStatus(), o.probe().reason());
            }
        }
        RegionStatus status = responderFailed ? RegionStatus.RESPONDER_FAILURE
                : transportFailed ? RegionStatus.TRANSPORT_FAILURE
                : counted.isEmpty() ? RegionStatus.NOT_ASKED : RegionStatus.AUTHORITATIVE;
        Long time = firstAuthoritative == null ? null : Duration.between(published, firstAuthoritative).toMillis();
        int total = counted.values().stream().mapToInt(Integer::intValue).sum();
        return new RegionVerdict(region, status, total, counted, firstAuthoritative, time, flapping, firstFailure);
    }

    private static Observation observation(String id, String issuer, String serial, String region, ProbeKind kind,
                                           Instant published, Instant deadline, Instant sent, String method, String responder,
                                           Outcome outcome, int n) {
        boolean answered = outcome.group() != OutcomeGroup.TRANSPORT && outcome != Outcome.BLOCKED;
        String reason = switch (outcome) {
            case GOOD, REVOKED -> null;
            case UNKNOWN -> "certStatus unknown: the responder does not know the serial";
            case UNAUTHORIZED -> "responseStatus unauthorized (6), unsigned";
            case TRY_LATER -> "responseStatus tryLater (3), unsigned";
            case TIMEOUT -> "no answer within 10 s";
            case CONNECT_FAILURE -> "connection refused";
            default -> outcome.name();
        };
        ProbeResult probe = new ProbeResult(responder, method.equals("GET") ? responder + "/MFMwUTBPME0wSzAJBgUrDgMCGgUA" : responder,
                method, "standard", "3b1f0c6e0c1a", serial, sent, List.of("192.0.2.10"), answered ? "192.0.2.10" : null, List.of(),
                answered ? new ProbeTimings(3.1, 12.4, 48.7, 65.2) : new ProbeTimings(3.0, null, null, 10000.0),
                answered ? 200 : null, answered ? Map.of("cache-control", "max-age=300", "x-cache", "HIT") : Map.of(),
                answered ? 471 : null, outcome, reason, null, null, null, null);
        return new Observation(region + "-" + n + "-" + serial, id, issuer, region, region + "-agent-1", kind, published,
                deadline, sent, false, probe);
    }
}
