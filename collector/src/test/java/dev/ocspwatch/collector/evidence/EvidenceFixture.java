package dev.ocspwatch.collector.evidence;

import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.ocsp.CertId;
import dev.ocspwatch.common.ocsp.CertIdHash;
import dev.ocspwatch.common.ocsp.OcspRequest;
import dev.ocspwatch.common.ocsp.ResponseStatus;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.probe.ProbeResult;
import dev.ocspwatch.common.probe.ProbeTimings;
import dev.ocspwatch.common.verdict.DecisionStage;
import dev.ocspwatch.common.verdict.ProbeRef;
import dev.ocspwatch.common.verdict.RegionStatus;
import dev.ocspwatch.common.verdict.RegionVerdict;
import dev.ocspwatch.common.verdict.Verdict;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.pki.OcspAnswer;
import dev.ocspwatch.lab.pki.OcspSigner;
import dev.ocspwatch.lab.pki.SimulatedCa;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Evidence as the February 2025 incident would have left it: a certificate published at
 * 14:00:00Z, a CDN in eu-west serving a cached {@code unauthorized} at the deadline (and the
 * origin flapping later), us-east answered {@code good} throughout, ap-south timing out once.
 * The OCSP bytes are real: a real request for the certificate's CertID and responses signed by
 * a simulated issuing CA. Raw bytes are kept as the agents keep them: for non-authoritative
 * answers and each region's first authoritative one.
 */
final class EvidenceFixture {
    static final Instant PUBLISHED = Instant.parse("2025-02-10T14:00:00Z");
    static final Instant DEADLINE = PUBLISHED.plus(Duration.ofMinutes(15));
    static final Instant WINDOW_END = PUBLISHED.plus(Duration.ofMinutes(60));
    static final String URL = "http://ocsp.ca.example/";
    private static EvidenceFixture shared;

    final SimulatedCa issuing;
    final BigInteger serial = new BigInteger("3a5f09c1d2e4b6a8f0e1d2c3b4a59687", 16);
    final String certificateId;
    final CertId certId;
    final byte[] request;
    final byte[] good;
    final byte[] unknown;
    final byte[] unauthorized = OcspSigner.error(ResponseStatus.UNAUTHORIZED);

    private EvidenceFixture() {
        Instant notBefore = PUBLISHED.minus(Duration.ofDays(30));
        SimulatedCa root = SimulatedCa.root("Evidence Test Root", KeyKind.ECDSA_P256, notBefore, new Random(11));
        issuing = root.intermediate("Evidence Test Issuing CA", KeyKind.ECDSA_P256, notBefore, List.of(), List.of());
        certificateId = issuing.asIssuer().certificateId(serial).toString();
        certId = CertId.of(issuing.asIssuer(), serial, CertIdHash.SHA1);
        request = OcspRequest.of(certId).der();
        good = issuing.signer().sign(certId, OcspAnswer.good(PUBLISHED.plusSeconds(60), Duration.ofDays(4)));
        unknown = issuing.signer().sign(certId, OcspAnswer.unknown(PUBLISHED.plusSeconds(50), Duration.ofDays(4)));
    }

    /** Key generation is the slow part: one CA per test JVM. */
    static synchronized EvidenceFixture shared() {
        if (shared == null) {
            shared = new EvidenceFixture();
        }
        return shared;
    }

    static Instant at(String minutesSeconds) {
        String[] parts = minutesSeconds.split(":");
        return PUBLISHED.plus(Duration.ofMinutes(Long.parseLong(parts[0])))
                .plusMillis(Math.round(Double.parseDouble(parts[1]) * 1000));
    }

    CertificateEvidence violation() {
        List<Observation> observations = observations();
        return new CertificateEvidence(certificateId, verdict(observations), certificate(), observations);
    }

    List<Observation> observations() {
        List<Observation> all = new ArrayList<>(List.of(
                probe("us-1", "us-east", ProbeKind.DISCOVERY, "POST", at("1:00")).outcome(Outcome.UNKNOWN, 200,
                        "certificate status unknown").response(unknown).build(),
                probe("us-2", "us-east", ProbeKind.UNTIL_AUTHORITATIVE, "POST", at("2:00")).good(true).build(),
                probe("us-3", "us-east", ProbeKind.DEADLINE, "GET", at("15:00.120")).good(false)
                        .header("age", "30").header("x-cache", "HIT").header("cache-control", "max-age=3600, public")
                        .build(),
                probe("us-4", "us-east", ProbeKind.DEADLINE, "POST", at("15:00.450")).good(false).build(),
                probe("us-5", "us-east", ProbeKind.WATCH, "GET", at("30:00")).good(false).build(),
                probe("eu-1", "eu-west", ProbeKind.DISCOVERY, "POST", at("1:10")).good(true).build(),
                probe("eu-2", "eu-west", ProbeKind.DEADLINE, "GET", at("15:00.250")).outcome(Outcome.UNAUTHORIZED, 200,
                        "responder says unauthorized (6)").response(unauthorized)
                        .header("age", "412").header("x-cache", "HIT from cdn-fra")
                        .header("cache-control", "max-age=3600, public").header("expires", "Mon, 10 Feb 2025 15:08:08 GMT")
                        .header("last-modified", "Mon, 10 Feb 2025 14:08:08 GMT").header("etag", "\"6a1f-unauth\"")
                        .header("cf-cache-status", "HIT").header("date", "Mon, 10 Feb 2025 14:15:00 GMT").build(),
                probe("eu-3", "eu-west", ProbeKind.DEADLINE, "POST", at("15:00.600")).good(false).build(),
                probe("eu-4", "eu-west", ProbeKind.WATCH, "POST", at("20:00")).outcome(Outcome.UNAUTHORIZED, 200,
                        "responder says unauthorized (6)").response(unauthorized).late().build(),
                probe("ap-1", "ap-south", ProbeKind.DISCOVERY, "POST", at("1:05")).outcome(Outcome.TIMEOUT, null,
                        "no answer within 10s").noTimings().build(),
                probe("ap-2", "ap-south", ProbeKind.DEADLINE, "GET", at("15:01")).good(true).build()));
        all.sort(Comparator.comparing(o -> o.probe().sentAt()));
        return List.copyOf(all);
    }

    CertificateRecord certificate() {
        return new CertificateRecord(certificateId, serial.toString(16), issuing.asIssuer().spkiSha256(),
                "CN=leaf.example.com, O=ocspwatch lab", "CN=Evidence Test Issuing CA, O=ocspwatch lab", true,
                PUBLISHED.toEpochMilli(), "c2VjcmV0bG9naWQ=", "Test Argon 2025h1", 123456789L,
                PUBLISHED.minus(Duration.ofMinutes(5)), PUBLISHED.plus(Duration.ofDays(90)), List.of("leaf.example.com"),
                List.of(URL), List.of("http://crl.ca.example/1.crl"), PUBLISHED.plusSeconds(40));
    }

    VerdictRecord verdict(List<Observation> observations) {
        Observation failure = observations.stream().filter(o -> o.observationId().equals("eu-2")).findFirst().orElseThrow();
        ProbeRef ref = ref(failure);
        List<RegionVerdict> regions = List.of(
                new RegionVerdict("ap-south", RegionStatus.AUTHORITATIVE, 1, Map.of(Outcome.GOOD, 1), at("15:01"),
                        Duration.ofMinutes(15).plusSeconds(1).toMillis(), false, null),
                new RegionVerdict("eu-west", RegionStatus.RESPONDER_FAILURE, 3, Map.of(Outcome.GOOD, 1, Outcome.UNAUTHORIZED, 2),
                        at("1:10"), 70_000L, true, ref),
                new RegionVerdict("us-east", RegionStatus.AUTHORITATIVE, 3, Map.of(Outcome.GOOD, 3), at("2:00"), 120_000L,
                        false, null));
        return new VerdictRecord(certificateId, serial.toString(16), issuing.asIssuer().spkiSha256(),
                "CN=Evidence Test Issuing CA, O=ocspwatch lab", "CN=leaf.example.com, O=ocspwatch lab", List.of(URL),
                "Test Argon 2025h1", 123456789L, PUBLISHED, DEADLINE, WINDOW_END, Verdict.VIOLATION, DecisionStage.FINAL,
                "eu-west got UNAUTHORIZED from the responder at or after the deadline",
                Map.of(Outcome.GOOD, 5, Outcome.UNAUTHORIZED, 2), regions, ref, true, List.of(),
                WINDOW_END.plusSeconds(30), 3, Verdict.VIOLATION);
    }

    static ProbeRef ref(Observation o) {
        return new ProbeRef(o.observationId(), o.region(), o.agentId(), o.probe().method(), o.probe().url(),
                o.probe().sentAt(), o.outcome(), o.probe().httpStatus(), o.probe().reason());
    }

    ObservationBuilder probe(String id, String region, ProbeKind kind, String method, Instant sentAt) {
        return new ObservationBuilder(this, id, region, kind, method, sentAt);
    }

    /** One observation, made the way an agent makes it; only what a test varies has a method. */
    static final class ObservationBuilder {
        private final EvidenceFixture fixture;
        private final String id;
        private String region;
        private final ProbeKind kind;
        private final String method;
        private final Instant sentAt;
        private String url = URL;
        private Outcome outcome = Outcome.GOOD;
        private Integer httpStatus = 200;
        private String reason = "good";
        private byte[] response;
        private String requestBase64;
        private String responseBase64;
        private boolean keepRaw;
        private boolean late;
        private ProbeTimings timings = new ProbeTimings(3.2, 21.5, 48.75, 75.0);
        private final Map<String, String> headers = new java.util.TreeMap<>();

        ObservationBuilder(EvidenceFixture fixture, String id, String region, ProbeKind kind, String method, Instant sentAt) {
            this.fixture = fixture;
            this.id = id;
            this.region = region;
            this.kind = kind;
            this.method = method;
            this.sentAt = sentAt;
            headers.put("content-type", "application/ocsp-response");
        }

        ObservationBuilder good(boolean keep) {
            outcome = Outcome.GOOD;
            response = fixture.good;
            keepRaw = keep;
            return this;
        }

        /** A non-authoritative or failed answer: its raw bytes are kept, as agents keep them. */
        ObservationBuilder outcome(Outcome value, Integer status, String why) {
            outcome = value;
            httpStatus = status;
            reason = why;
            keepRaw = true;
            return this;
        }

        ObservationBuilder response(byte[] body) {
            response = body;
            return this;
        }

        ObservationBuilder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        ObservationBuilder url(String value) {
            url = value;
            return this;
        }

        ObservationBuilder region(String value) {
            region = value;
            return this;
        }

        ObservationBuilder late() {
            late = true;
            return this;
        }

        ObservationBuilder noTimings() {
            timings = null;
            headers.clear();
            return this;
        }

        /** Overrides what is stored as base64, e.g. with something that is not base64. */
        ObservationBuilder rawBase64(String request, String responseText) {
            requestBase64 = request;
            responseBase64 = responseText;
            return this;
        }

        Observation build() {
            String requestUrl = method.equals("GET") ? dev.ocspwatch.common.ocsp.OcspGetUrl.format(url, fixture.request) : url;
            String req = requestBase64 != null ? requestBase64
                    : keepRaw ? Base64.getEncoder().encodeToString(fixture.request) : null;
            String resp = responseBase64 != null ? responseBase64
                    : keepRaw && response != null ? Base64.getEncoder().encodeToString(response) : null;
            ProbeResult probe = new ProbeResult(url, requestUrl, method, "standard", "SHA1", fixture.serial.toString(16),
                    sentAt, List.of("192.0.2.10"), outcome.group() == dev.ocspwatch.common.outcome.OutcomeGroup.TRANSPORT
                    ? null : "192.0.2.10", List.of(), timings, httpStatus, Map.copyOf(headers),
                    response == null ? null : response.length, outcome, reason, null, List.of(), req, resp);
            return new Observation(id, fixture.certificateId, fixture.issuing.asIssuer().spkiSha256(), region,
                    region + "-agent-1", kind, PUBLISHED, DEADLINE, sentAt, late, probe);
        }
    }
}
