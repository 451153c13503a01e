package dev.ocspwatch.agent.probe;

import dev.ocspwatch.common.ocsp.OcspRequest;
import dev.ocspwatch.common.ocsp.OcspResponseChecker;
import dev.ocspwatch.common.ocsp.ResponseCheck;
import dev.ocspwatch.common.ocsp.ResponseExpectation;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.probe.ProbeResult;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One OCSP fetch, judged: builds the request for the expected CertID, sends it by GET or POST
 * through the {@link HttpFetcher} (so every policy applies), and turns whatever came back into
 * a {@link ProbeResult} with exactly one outcome. Never fails its future.
 *
 * <p>The response check (parse, one signature, hashes) runs on the event loop: it takes tens
 * of microseconds (see the README's performance section), small enough not to need a worker.
 */
public final class OcspProbe {
    private static final Map<String, String> GET_HEADERS = Map.of("Accept", "application/ocsp-response");
    private static final Map<String, String> POST_HEADERS = Map.of(
            "Accept", "application/ocsp-response",
            "Content-Type", "application/ocsp-request");

    private final HttpFetcher fetcher;
    private final OcspResponseChecker checker;
    private final FetchLimits limits;
    private final Clock clock;

    public OcspProbe(HttpFetcher fetcher, OcspResponseChecker checker, FetchLimits limits, Clock clock) {
        this.fetcher = fetcher;
        this.checker = checker;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * @param kind {@code standard}, or the name of a conformance probe, recorded in the result
     */
    public Future<ProbeResult> probe(String responderUrl, ProbeMethod method, ResponseExpectation expected, String kind) {
        OcspRequest request = OcspRequest.of(expected.certId());
        String requestUrl = method == ProbeMethod.GET ? request.getUrl(responderUrl) : responderUrl;
        Future<HttpFetch> fetched = method == ProbeMethod.GET
                ? fetcher.fetch(HttpMethod.GET, requestUrl, null, GET_HEADERS, limits)
                : fetcher.fetch(HttpMethod.POST, requestUrl, request.der(), POST_HEADERS, limits);
        return fetched.map(fetch -> judge(responderUrl, requestUrl, method, kind, request, expected, fetch));
    }

    private ProbeResult judge(String responderUrl, String requestUrl, ProbeMethod method, String kind,
                              OcspRequest request, ResponseExpectation expected, HttpFetch fetch) {
        Outcome outcome;
        String reason;
        ResponseCheck check = null;
        if (!fetch.succeeded()) {
            outcome = fetch.failure().outcome();
            reason = fetch.failure().message();
        } else if (fetch.status() != 200) {
            outcome = Outcome.HTTP_ERROR;
            reason = "HTTP " + fetch.status() + " (" + fetch.body().length + " byte body)";
        } else {
            Duration elapsed = Duration.ofNanos((long) (fetch.timings().totalMs() * 1_000_000));
            check = checker.check(fetch.body(), expected, clock.instant(), elapsed);
            outcome = check.outcome();
            reason = check.reason();
        }
        return new ProbeResult(
                responderUrl,
                requestUrl,
                method.name(),
                kind,
                expected.certId().hash().name(),
                expected.certId().serial().toString(16),
                fetch.startedAt(),
                fetch.resolvedAddresses(),
                fetch.connectedAddress(),
                fetch.redirects(),
                fetch.timings(),
                fetch.status(),
                fetch.headers(),
                fetch.body() == null ? null : fetch.body().length,
                outcome,
                reason,
                check == null ? null : check.details(),
                check == null ? List.of() : check.lints(),
                Base64.getEncoder().encodeToString(request.der()),
                fetch.body() == null ? null : Base64.getEncoder().encodeToString(fetch.body()));
    }

}
