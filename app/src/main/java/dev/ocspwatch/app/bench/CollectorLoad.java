package dev.ocspwatch.app.bench;

import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.ocsp.ResponseDetails;
import dev.ocspwatch.common.ocsp.SignerInfo;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.probe.ProbeResult;
import dev.ocspwatch.common.probe.ProbeTimings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Certificate records as discovery writes them and observations as regional agents write them,
 * for the collector benchmark: full {@link ProbeResult}s with addresses, timings, caching headers,
 * response details and the raw request and response in base64. A signed response is about 1.1 KB
 * of DER (1.5 KB of base64): its own tbsResponseData and signature, then the delegated
 * responder's certificate, the same in every response of that responder (as lz4 then finds).
 * The {@code unauthorized} error is its real 5 bytes.
 */
final class CollectorLoad {
    static final List<String> REGIONS = List.of("eu-west", "us-east", "ap-south");
    private static final int ISSUERS = 4;
    private static final byte[] UNAUTHORIZED = {0x30, 0x03, 0x0a, 0x01, 0x06};
    private final Random random;
    private final String[] issuerHashes = new String[ISSUERS];
    private final byte[][] responderCertificates = new byte[ISSUERS][];
    private final long serialSeed;

    CollectorLoad(long seed) {
        this.random = new Random(seed);
        this.serialSeed = random.nextLong() & 0x7fff_ffff_ffffL;
        for (int i = 0; i < ISSUERS; i++) {
            issuerHashes[i] = hex(bytes(32));
            responderCertificates[i] = bytes(674);
        }
    }

    static String region(int k) {
        return REGIONS.get(k % REGIONS.size());
    }

    String certificateId(int certificate) {
        return issuerHashes[certificate % ISSUERS] + ":" + serial(certificate);
    }

    private String serial(int certificate) {
        return String.format(Locale.ROOT, "%016x%016x", serialSeed | 0x4000_0000_0000_0000L, (long) certificate * 0x9E3779B97F4A7C15L);
    }

    private static String url(int certificate) {
        return "http://ocsp" + (certificate % ISSUERS) + ".bench-ca.test/";
    }

    CertificateRecord certificate(int certificate, Instant published) {
        int issuer = certificate % ISSUERS;
        return new CertificateRecord(certificateId(certificate), serial(certificate), issuerHashes[issuer], "CN=www" + certificate + ".bench.test",
                "CN=Bench Issuing CA " + issuer + ", O=Bench CA, C=US", certificate % 2 == 0, published.toEpochMilli(),
                "z1Ja7Te2ghBGcPwrCTH1vEAHTnrxPBUt3RJmXDn9nxw=", "bench-log", certificate, published.minus(Duration.ofMinutes(1)),
                published.plus(Duration.ofDays(90)), List.of("www" + certificate + ".bench.test", "bench.test"), List.of(url(certificate)),
                List.of("http://crl" + issuer + ".bench-ca.test/" + issuer + ".crl"), published.plusSeconds(2));
    }

    /**
     * The {@code k}-th of a certificate's observations in the order agents make them, round
     * robin over the regions: first the discovery probe, then the deadline probes (GET, then
     * POST), then watch probes five minutes apart. Non-authoritative: {@code unknown} at discovery
     * for 3 certificates in 10, and {@code unauthorized} from the second region after the
     * deadline for 1 in 50; everything else {@code good}.
     */
    Observation observation(int certificate, int k, Instant published, Duration deadline) {
        int round = k / REGIONS.size();
        int region = k % REGIONS.size();
        Instant due = published.plus(deadline);
        ProbeKind kind;
        Instant sentAt;
        if (round == 0) {
            kind = ProbeKind.DISCOVERY;
            sentAt = published.plusSeconds(20).plusMillis(150L * region);
        } else if (round <= 2) {
            kind = ProbeKind.DEADLINE;
            sentAt = due.plusMillis(400L * round + 150L * region);
        } else {
            kind = ProbeKind.WATCH;
            sentAt = due.plus(Duration.ofMinutes(5L * (round - 2))).plusMillis(150L * region);
        }
        Outcome outcome = Outcome.GOOD;
        if (round == 0 && certificate % 10 < 3) {
            outcome = Outcome.UNKNOWN;
        } else if (round > 0 && certificate % 50 == 7 && region == 1) {
            outcome = Outcome.UNAUTHORIZED;
        }
        return observation(certificate, published, deadline, REGIONS.get(region), kind, round == 2 ? "POST" : "GET", sentAt, outcome);
    }

    Observation observation(int certificate, Instant published, Duration deadline, String region, ProbeKind kind, String method,
                            Instant sentAt, Outcome outcome) {
        int issuer = certificate % ISSUERS;
        String url = url(certificate);
        byte[] request = bytes(83);
        String requestBase64 = Base64.getEncoder().encodeToString(request);
        byte[] response = outcome == Outcome.UNAUTHORIZED ? UNAUTHORIZED : signedResponse(issuer);
        boolean signed = response != UNAUTHORIZED;
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/ocsp-response");
        headers.put("content-length", Integer.toString(response.length));
        headers.put("date", "Mon, 23 Nov 2026 10:00:00 GMT");
        headers.put("server", "nginx");
        if (signed) {
            headers.put("cache-control", "max-age=" + (3000 + random.nextInt(600)) + ", public, no-transform, must-revalidate");
            headers.put("age", Integer.toString(random.nextInt(600)));
            headers.put("last-modified", "Mon, 23 Nov 2026 09:00:00 GMT");
            headers.put("expires", "Mon, 30 Nov 2026 09:00:00 GMT");
            headers.put("etag", "\"" + hex(bytes(20)) + "\"");
            headers.put("x-cache", "HIT from cdn-" + region);
        }
        double dns = ms(2);
        double connect = ms(15);
        double firstByte = ms(40);
        ProbeTimings timings = new ProbeTimings(dns, connect, firstByte, Math.round((dns + connect + firstByte + 0.3) * 100) / 100.0);
        String reason;
        ResponseDetails details = null;
        if (outcome == Outcome.UNAUTHORIZED) {
            reason = "responder answered unauthorized (6)";
            details = new ResponseDetails("unauthorized (6)", null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null);
        } else {
            String responder = "CN=Bench OCSP Responder " + issuer + ", O=Bench CA, C=US";
            reason = outcome == Outcome.UNKNOWN ? "responder does not know the certificate (certStatus unknown)"
                    : "good, signed by delegated responder " + responder;
            Instant produced = sentAt.minus(Duration.ofMinutes(random.nextInt(60)));
            details = new ResponseDetails("successful", outcome == Outcome.UNKNOWN ? "unknown" : "good", null, null, produced, produced,
                    produced.plus(Duration.ofDays(4)), "byName", responder,
                    new SignerInfo("delegated", responder, hex(bytes(16)), produced.plus(Duration.ofDays(30)), hex(bytes(32))),
                    "SHA256withRSA", null, 1, 0, "SHA1", 1);
        }
        ProbeResult probe = new ProbeResult(url, method.equals("GET") ? url + URLEncoder.encode(requestBase64, StandardCharsets.US_ASCII) : url,
                method, "standard", "SHA1", serial(certificate), sentAt, List.of("192.0.2." + (10 + issuer), "2001:db8::" + (10 + issuer)),
                "192.0.2." + (10 + issuer) + ":80", List.of(), timings, 200, headers, response.length, outcome, reason, details, List.of(),
                requestBase64, Base64.getEncoder().encodeToString(response));
        String id = certificateId(certificate);
        return new Observation(new UUID(random.nextLong(), random.nextLong()).toString(), id, issuerHashes[issuer], region,
                region + "-agent-" + (certificate % 2), kind, published, published.plus(deadline), sentAt.minusMillis(random.nextInt(200)),
                false, probe);
    }

    private byte[] signedResponse(int issuer) {
        byte[] own = bytes(456); // tbsResponseData (CertID, times, responder id) and a 2048-bit signature
        byte[] certificate = responderCertificates[issuer];
        byte[] der = new byte[own.length + certificate.length];
        System.arraycopy(own, 0, der, 0, own.length);
        System.arraycopy(certificate, 0, der, own.length, certificate.length);
        return der;
    }

    private double ms(int scale) {
        return Math.round(scale * (0.5 + random.nextDouble()) * 100) / 100.0;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder(b.length * 2);
        for (byte x : b) {
            s.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return s.toString();
    }
}
