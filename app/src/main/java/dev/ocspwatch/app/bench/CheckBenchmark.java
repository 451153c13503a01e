package dev.ocspwatch.app.bench;

import dev.ocspwatch.app.cli.DurationConverter;
import dev.ocspwatch.common.ocsp.CertId;
import dev.ocspwatch.common.ocsp.CertIdHash;
import dev.ocspwatch.common.ocsp.OcspResponseChecker;
import dev.ocspwatch.common.ocsp.ResponseCheck;
import dev.ocspwatch.common.ocsp.ResponseExpectation;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.lab.pki.CertificateProfile;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.pki.OcspAnswer;
import dev.ocspwatch.lab.pki.OcspSigner;
import dev.ocspwatch.lab.pki.ResponderProfile;
import dev.ocspwatch.lab.pki.SimulatedCa;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.bouncycastle.cert.X509CertificateHolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Responses checked per second on one thread (one core): the full check a probe runs (parse,
 * signature, signer authorization, CertID match, currency, BR lints) over responses signed by
 * real keys: RSA-2048 and ECDSA P-256 issuing CAs signing directly, and an RSA-2048 delegated
 * responder (one more signature: the responder certificate's).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "OCSP responses checked per second on one core, RSA-2048 and ECDSA P-256.")
public final class CheckBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--warmup", converter = DurationConverter.class, defaultValue = "3s",
            description = "Warm-up per case (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--measure", converter = DurationConverter.class, defaultValue = "5s",
            description = "Measurement per case (default: ${DEFAULT-VALUE}).")
    Duration measure;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Instant now = Instant.now();
        Random random = new Random(42);
        out.printf(Locale.ROOT, "%-32s %14s %12s%n", "case", "responses/s", "us/response");
        for (Case benchCase : cases(now, random)) {
            double perSecond = run(benchCase, now);
            out.printf(Locale.ROOT, "%-32s %,14.0f %12.1f%n", benchCase.name(), perSecond, 1_000_000 / perSecond);
            out.flush();
        }
        out.printf(Locale.ROOT, "(one thread; %d ms warm-up, %d ms measured per case; Java %s, %d cores)%n",
                warmup.toMillis(), measure.toMillis(), Runtime.version(), Runtime.getRuntime().availableProcessors());
        return 0;
    }

    private double run(Case benchCase, Instant now) {
        OcspResponseChecker checker = new OcspResponseChecker();
        loop(checker, benchCase, now, warmup);
        return loop(checker, benchCase, now, measure);
    }

    private static double loop(OcspResponseChecker checker, Case benchCase, Instant now, Duration duration) {
        long count = 0;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long stop;
        do {
            for (int i = 0; i < 100; i++) {
                ResponseCheck check = checker.check(benchCase.response(), benchCase.expected(), now, Duration.ofMillis(20));
                if (check.outcome() != Outcome.GOOD) {
                    throw new IllegalStateException(benchCase.name() + " checked as " + check.outcome() + ": " + check.reason());
                }
            }
            count += 100;
            stop = System.nanoTime();
        } while (stop < end);
        return count / ((stop - start) / 1e9);
    }

    private static List<Case> cases(Instant now, Random random) {
        Instant notBefore = now.minus(Duration.ofDays(30));
        SimulatedCa root = SimulatedCa.root("Bench Root", KeyKind.RSA_2048, notBefore, random);
        SimulatedCa rsa = root.intermediate("Bench RSA CA", KeyKind.RSA_2048, notBefore, List.of(), List.of());
        SimulatedCa ecdsa = root.intermediate("Bench ECDSA CA", KeyKind.ECDSA_P256, notBefore, List.of(), List.of());
        OcspSigner delegate = rsa.delegatedResponder(ResponderProfile.proper("Bench RSA OCSP", KeyKind.RSA_2048,
                notBefore, now.plus(Duration.ofDays(90))));
        return List.of(
                signed("RSA-2048, signed by the CA", rsa, rsa.signer(), now),
                signed("ECDSA P-256, signed by the CA", ecdsa, ecdsa.signer(), now),
                signed("RSA-2048, delegated responder", rsa, delegate, now));
    }

    private static Case signed(String name, SimulatedCa ca, OcspSigner signer, Instant now) {
        X509CertificateHolder leaf = ca.issue(new CertificateProfile(List.of("bench.example"), now.minus(Duration.ofHours(1)),
                Duration.ofDays(90), List.of("http://ocsp.bench.example"), List.of(), List.of(), false));
        CertId certId = CertId.of(ca.asIssuer(), leaf.getSerialNumber(), CertIdHash.SHA1);
        byte[] response = signer.sign(certId, OcspAnswer.good(now.minus(Duration.ofHours(1)), Duration.ofDays(4)));
        return new Case(name, response, ResponseExpectation.subscriber(ca.asIssuer(), certId));
    }

    private record Case(String name, byte[] response, ResponseExpectation expected) {
    }
}
