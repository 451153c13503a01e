package dev.ocspwatch.app.check;

import dev.ocspwatch.agent.check.CheckExitCode;
import dev.ocspwatch.agent.check.CheckInputException;
import dev.ocspwatch.agent.check.CheckOptions;
import dev.ocspwatch.agent.check.CheckReport;
import dev.ocspwatch.agent.check.CheckRunner;
import dev.ocspwatch.agent.check.TextReport;
import dev.ocspwatch.agent.probe.AddressPolicy;
import dev.ocspwatch.agent.probe.Cidr;
import dev.ocspwatch.agent.probe.FetchLimits;
import dev.ocspwatch.agent.probe.ProbeMethod;
import dev.ocspwatch.agent.probe.SystemNameResolver;
import dev.ocspwatch.app.cli.Await;
import dev.ocspwatch.app.cli.DurationConverter;
import dev.ocspwatch.common.json.Json;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ocspwatch check}: explains, step by step, why a certificate's revocation lookups work or fail. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Checks one certificate's OCSP responders (GET and POST) and CRLs, step by step and timed: DNS,"
                    + " connect, HTTP with caching headers, the outcome with the response's details and BR lints.",
            "",
            "Exit codes:",
            "  0  every responder answered authoritatively (or none is named: NOT_APPLICABLE)",
            "  1  some responder answered non-authoritatively",
            "  2  bad usage or input",
            "  3  none answered non-authoritatively, but some could not be reached (transport or policy)"},
        footer = {"", "Examples:",
            "  ocspwatch check --cert leaf-and-issuer.pem",
            "  ocspwatch check --cert leaf.der --issuer issuer.pem --sha256 --unissued-serial --json",
            "  ocspwatch check --host example.com:443"})
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--cert", paramLabel = "FILE",
                description = "Certificate, PEM or DER; a PEM bundle is the leaf, then its issuer.")
        Path certificate;

        @Option(names = "--host", paramLabel = "HOST[:PORT]",
                description = "Make a TLS handshake (SNI set) and check the chain the server sends, and its stapled OCSP response.")
        String host;
    }

    @Option(names = "--issuer", paramLabel = "FILE",
            description = "Issuer certificate. Default: from the bundle or TLS chain, else fetched from the AIA caIssuers URL.")
    Path issuer;

    @Option(names = "--url", paramLabel = "URL", description = "Probe this responder URL instead of the certificate's (repeatable).")
    List<String> urls = List.of();

    @Option(names = "--method", paramLabel = "GET|POST", split = ",",
            description = "Methods to probe with (default: GET,POST).")
    Set<ProbeMethod> methods = EnumSet.allOf(ProbeMethod.class);

    @Option(names = "--sha256", description = "Also probe with a SHA-256 CertID (conformance).")
    boolean sha256;

    @Option(names = "--unissued-serial", description = "Also probe a random serial the CA never issued; `good` is a finding (BR 4.9.10).")
    boolean unissuedSerial;

    @Option(names = "--no-crl", description = "Skip the CRL distribution points.")
    boolean noCrl;

    @Option(names = "--allow-private",
            description = "Allow loopback, private, link-local and other special addresses (refused by default: BLOCKED).")
    boolean allowPrivate;

    @Option(names = "--allow-network", paramLabel = "CIDR",
            description = "Allow just this network, e.g. 10.20.0.0/16 for an internal responder (repeatable).")
    List<String> allowedNetworks = List.of();

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Per fetch, redirects included (default: ${DEFAULT-VALUE}).", defaultValue = "10s")
    Duration timeout;

    @Option(names = "--clock-skew", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Tolerance on thisUpdate/nextUpdate and signer validity (default: ${DEFAULT-VALUE}).", defaultValue = "5m")
    Duration clockSkew;

    @Option(names = "--max-ocsp-bytes", paramLabel = "N", description = "OCSP response size cap (default: ${DEFAULT-VALUE}).")
    int maxOcspBytes = FetchLimits.OCSP_MAX_BYTES;

    @Option(names = "--max-crl-bytes", paramLabel = "N", description = "CRL size cap (default: ${DEFAULT-VALUE}).")
    int maxCrlBytes = FetchLimits.CRL_MAX_BYTES;

    @Option(names = "--json", description = "Print the report as JSON (schema in the README).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (methods.isEmpty() || timeout.isZero() || timeout.isNegative() || maxOcspBytes <= 0 || maxCrlBytes <= 0) {
            err.println("ocspwatch check: --method, --timeout and the size caps must be non-empty and positive");
            return CheckExitCode.BAD_INPUT;
        }
        CheckOptions options;
        try {
            options = (target.certificate != null ? CheckOptions.certificate(target.certificate) : CheckOptions.host(target.host))
                    .issuer(issuer)
                    .responderUrls(urls)
                    .methods(methods)
                    .sha256CertId(sha256)
                    .unissuedSerial(unissuedSerial)
                    .crl(!noCrl)
                    .addressPolicy(new AddressPolicy(allowPrivate, allowedNetworks.stream().map(Cidr::parse).toList()))
                    .timeout(timeout)
                    .clockSkew(clockSkew)
                    .maxOcspBytes(maxOcspBytes)
                    .maxCrlBytes(maxCrlBytes)
                    .build();
        } catch (IllegalArgumentException e) {
            err.println("ocspwatch check: " + e.getMessage());
            return CheckExitCode.BAD_INPUT;
        }
        Vertx vertx = Vertx.vertx();
        try (CheckRunner runner = new CheckRunner(vertx, new SystemNameResolver(vertx), options, Clock.systemUTC())) {
            CheckReport report = Await.result(runner.run());
            out.print(json ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n"
                    : TextReport.render(report));
            out.flush();
            return report.exitCode();
        } catch (CheckInputException e) {
            err.println("ocspwatch check: " + e.getMessage());
            return e.exitCode();
        } finally {
            Await.result(vertx.close());
        }
    }
}
