package dev.ocspwatch.agent.check;

import dev.ocspwatch.agent.probe.FetchLimits;
import dev.ocspwatch.agent.probe.HttpFetcher;
import dev.ocspwatch.agent.probe.NameResolver;
import dev.ocspwatch.agent.probe.OcspProbe;
import dev.ocspwatch.agent.probe.ProbeMethod;
import dev.ocspwatch.common.ocsp.CertId;
import dev.ocspwatch.common.ocsp.CertIdHash;
import dev.ocspwatch.common.ocsp.CheckSettings;
import dev.ocspwatch.common.ocsp.OcspResponseChecker;
import dev.ocspwatch.common.ocsp.ResponseCheck;
import dev.ocspwatch.common.ocsp.ResponseExpectation;
import dev.ocspwatch.common.probe.ProbeResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Runs {@code ocspwatch check}: loads the certificate and its issuer, probes each OCSP URL by
 * GET and by POST (one after the other, so the report reads as a sequence and the responder
 * sees one client), runs the conformance probes asked for, judges a stapled response, checks
 * each CRL, and assembles the {@link CheckReport}. Failures to even start (bad input) fail the
 * future with a {@link CheckInputException}.
 */
public final class CheckRunner implements AutoCloseable {
    private final CheckOptions options;
    private final Clock clock;
    private final HttpFetcher fetcher;
    private final SubjectLoader loader;
    private final OcspProbe probe;
    private final OcspResponseChecker checker;
    private final CrlCheck crlCheck;

    public CheckRunner(Vertx vertx, NameResolver resolver, CheckOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.fetcher = new HttpFetcher(vertx, resolver, options.addressPolicy(), clock, 2);
        FetchLimits limits = FetchLimits.ocsp().withTimeout(options.timeout());
        this.checker = new OcspResponseChecker(new CheckSettings(options.clockSkew(), Duration.ofSeconds(10)));
        this.loader = new SubjectLoader(vertx, fetcher, limits);
        this.probe = new OcspProbe(fetcher, checker, limits.withMaxBodyBytes(options.maxOcspBytes()), clock);
        this.crlCheck = new CrlCheck(fetcher, limits.withMaxBodyBytes(options.maxCrlBytes()), clock);
    }

    public Future<CheckReport> run() {
        return loader.load(options).compose(this::check);
    }

    private Future<CheckReport> check(CheckSubject subject) {
        List<String> urls = options.responderUrls().isEmpty() ? subject.info().ocspUrls() : options.responderUrls();
        for (String url : urls) {
            String lower = url.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
                return Future.failedFuture(new CheckInputException("unsupported OCSP URL scheme in \"" + url
                        + "\": ocspwatch speaks OCSP over http and https only"));
            }
        }
        BigInteger serial = subject.certificate().getSerialNumber();
        ResponseExpectation standard = new ResponseExpectation(subject.issuer(),
                CertId.of(subject.issuer(), serial, CertIdHash.SHA1), subject.info().ca());
        List<Supplier<Future<ProbeResult>>> steps = new ArrayList<>();
        for (String url : urls) {
            for (ProbeMethod method : ProbeMethod.values()) {
                if (options.methods().contains(method)) {
                    steps.add(() -> probe.probe(url, method, standard, "standard"));
                }
            }
            if (options.sha256CertId()) {
                ResponseExpectation sha256 = new ResponseExpectation(subject.issuer(),
                        CertId.of(subject.issuer(), serial, CertIdHash.SHA256), subject.info().ca());
                steps.add(() -> probe.probe(url, ProbeMethod.POST, sha256, "sha256-certid"));
            }
            if (options.unissuedSerial()) {
                ResponseExpectation unissued = new ResponseExpectation(subject.issuer(),
                        CertId.of(subject.issuer(), randomSerial(), CertIdHash.SHA1), subject.info().ca());
                steps.add(() -> probe.probe(url, ProbeMethod.POST, unissued, "unissued-serial"));
            }
        }
        List<Supplier<Future<CrlReport>>> crlSteps = new ArrayList<>();
        if (options.crl()) {
            for (String url : subject.info().crlUrls()) {
                crlSteps.add(() -> crlCheck.check(url, subject.issuer(), serial));
            }
        }
        return inSequence(steps).compose(probes -> inSequence(crlSteps).map(crls -> report(subject, urls, probes, crls, standard)));
    }

    private CheckReport report(CheckSubject subject, List<String> urls, List<ProbeResult> probes, List<CrlReport> crls,
                               ResponseExpectation standard) {
        ResponseCheck stapled = subject.stapled() == null ? null
                : checker.check(subject.stapled(), standard, clock.instant(), null);
        int exitCode = CheckExitCode.of(probes);
        return new CheckReport(
                clock.instant(),
                subject.info(),
                subject.issuer().certificateId(subject.certificate().getSerialNumber()).toString(),
                new CheckReport.Issuer(subject.info().issuer(), subject.issuerSource(), subject.issuer().spkiSha256()),
                subject.tls(),
                !urls.isEmpty(),
                urls,
                probes,
                stapled,
                CheckFindings.of(probes),
                crls,
                exitCode,
                summary(urls, exitCode));
    }

    private static String summary(List<String> urls, int exitCode) {
        if (urls.isEmpty()) {
            return "NOT_APPLICABLE: the certificate names no OCSP responder (OCSP is optional since ballot SC-063)";
        }
        return switch (exitCode) {
            case CheckExitCode.ALL_AUTHORITATIVE -> "every responder answered authoritatively";
            case CheckExitCode.NON_AUTHORITATIVE -> "some responder answered non-authoritatively";
            default -> "some responder could not be reached (transport or policy); none answered non-authoritatively";
        };
    }

    /** Runs the steps one after another, collecting their results in order. */
    static <T> Future<List<T>> inSequence(List<Supplier<Future<T>>> steps) {
        Future<List<T>> chain = Future.succeededFuture(new ArrayList<>());
        for (Supplier<Future<T>> step : steps) {
            chain = chain.compose(done -> step.get().map(result -> {
                done.add(result);
                return done;
            }));
        }
        return chain;
    }

    private static BigInteger randomSerial() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        bytes[0] = (byte) ((bytes[0] & 0x3f) | 0x40);
        return new BigInteger(bytes);
    }

    @Override
    public void close() {
        fetcher.close();
    }
}
