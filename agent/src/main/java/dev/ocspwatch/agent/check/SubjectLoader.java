package dev.ocspwatch.agent.check;

import dev.ocspwatch.agent.probe.FetchLimits;
import dev.ocspwatch.agent.probe.HttpFetch;
import dev.ocspwatch.agent.probe.HttpFetcher;
import dev.ocspwatch.common.x509.CertificateFiles;
import dev.ocspwatch.common.x509.CertificateInfo;
import dev.ocspwatch.common.x509.CertificateInputException;
import dev.ocspwatch.common.x509.DistinguishedNames;
import dev.ocspwatch.common.x509.IssuerCertificate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Finds the certificate to check and its issuer: from a file (a PEM bundle is leaf then
 * issuer), from {@code --issuer}, from the chain a TLS server sent, or, when none of those
 * holds it, from the certificate's AIA caIssuers URL (DER or PKCS#7, fetched under the same
 * address policy as every probe). Whatever the source, the issuer must have signed the
 * certificate: a wrong issuer would make every CertID wrong.
 */
public final class SubjectLoader {
    private final Vertx vertx;
    private final HttpFetcher fetcher;
    private final FetchLimits limits;

    public SubjectLoader(Vertx vertx, HttpFetcher fetcher, FetchLimits limits) {
        this.vertx = vertx;
        this.fetcher = fetcher;
        this.limits = limits.withMaxBodyBytes(FetchLimits.CERTIFICATE_MAX_BYTES);
    }

    public Future<CheckSubject> load(CheckOptions options) {
        if (options.host() != null) {
            return fromHost(options);
        }
        return vertx.executeBlocking(() -> CertificateFiles.read(options.certificate()), false)
                .recover(SubjectLoader::asInputError)
                .compose(certificates -> {
                    X509CertificateHolder leaf = certificates.get(0);
                    List<X509CertificateHolder> rest = certificates.subList(1, certificates.size());
                    return issuer(options, leaf, rest, "bundle")
                            .compose(found -> subject(leaf, found, null, null));
                });
    }

    private Future<CheckSubject> fromHost(CheckOptions options) {
        HostAndPort target;
        try {
            target = HostAndPort.parse(options.host());
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new CheckInputException(e.getMessage()));
        }
        return vertx.executeBlocking(() -> TlsChainFetcher.fetch(target.host(), target.port(), options.timeout()), false)
                .compose(handshake -> {
                    if (handshake.chain().isEmpty()) {
                        return Future.failedFuture(new CheckInputException(options.host() + " sent no certificate",
                                CheckExitCode.UNREACHABLE));
                    }
                    X509CertificateHolder leaf = handshake.chain().get(0);
                    List<X509CertificateHolder> rest = handshake.chain().subList(1, handshake.chain().size());
                    return issuer(options, leaf, rest, "TLS chain")
                            .compose(found -> subject(leaf, found, handshake.endpoint(), handshake.stapled()));
                });
    }

    private Future<FoundIssuer> issuer(CheckOptions options, X509CertificateHolder leaf,
                                       List<X509CertificateHolder> others, String othersSource) {
        if (options.issuer() != null) {
            return vertx.executeBlocking(() -> CertificateFiles.read(options.issuer()), false)
                    .recover(SubjectLoader::asInputError)
                    .compose(list -> verified(leaf, list.get(0), "--issuer " + options.issuer()));
        }
        for (X509CertificateHolder candidate : others) {
            if (candidate.getSubject().equals(leaf.getIssuer())) {
                return verified(leaf, candidate, othersSource);
            }
        }
        if (!others.isEmpty() && othersSource.equals("bundle")) {
            return Future.failedFuture(new CheckInputException("the bundle's second certificate ("
                    + DistinguishedNames.display(others.get(0).getSubject()) + ") is not the issuer of the first ("
                    + DistinguishedNames.display(leaf.getIssuer()) + ")"));
        }
        return fromCaIssuers(leaf);
    }

    private Future<FoundIssuer> fromCaIssuers(X509CertificateHolder leaf) {
        List<String> urls;
        try {
            urls = CertificateInfo.of(leaf).caIssuersUrls();
        } catch (CertificateInputException e) {
            return Future.failedFuture(new CheckInputException(e.getMessage()));
        }
        if (urls.isEmpty()) {
            return Future.failedFuture(new CheckInputException("no issuer given and the certificate names no caIssuers URL:"
                    + " pass --issuer FILE or a PEM bundle (leaf, then issuer)"));
        }
        return tryCaIssuers(leaf, urls, 0, new ArrayList<>());
    }

    private Future<FoundIssuer> tryCaIssuers(X509CertificateHolder leaf, List<String> urls, int index, List<String> errors) {
        if (index >= urls.size()) {
            return Future.failedFuture(new CheckInputException("could not fetch the issuer: " + String.join("; ", errors),
                    CheckExitCode.UNREACHABLE));
        }
        String url = urls.get(index);
        return fetcher.fetch(HttpMethod.GET, url, null, Map.of(), limits).compose(fetch -> {
            String problem = problem(fetch);
            if (problem == null) {
                try {
                    for (X509CertificateHolder candidate : CertificateFiles.parse(fetch.body(), url)) {
                        if (candidate.getSubject().equals(leaf.getIssuer())) {
                            return verified(leaf, candidate, "caIssuers " + url);
                        }
                    }
                    problem = url + ": holds no certificate named " + DistinguishedNames.display(leaf.getIssuer());
                } catch (CertificateInputException e) {
                    problem = e.getMessage();
                }
            }
            errors.add(problem);
            return tryCaIssuers(leaf, urls, index + 1, errors);
        });
    }

    private static String problem(HttpFetch fetch) {
        if (!fetch.succeeded()) {
            return fetch.url() + ": " + fetch.failure().outcome() + " " + fetch.failure().message();
        }
        if (fetch.status() != 200) {
            return fetch.url() + ": HTTP " + fetch.status();
        }
        return null;
    }

    private static Future<FoundIssuer> verified(X509CertificateHolder leaf, X509CertificateHolder candidate, String source) {
        IssuerCertificate issuer;
        try {
            issuer = IssuerCertificate.of(candidate);
        } catch (CertificateInputException e) {
            return Future.failedFuture(new CheckInputException(source + ": " + e.getMessage()));
        }
        if (!issuer.signed(leaf)) {
            return Future.failedFuture(new CheckInputException("the issuer from " + source + " ("
                    + DistinguishedNames.display(candidate.getSubject()) + ") did not sign the certificate"));
        }
        return Future.succeededFuture(new FoundIssuer(issuer, source));
    }

    private static Future<CheckSubject> subject(X509CertificateHolder leaf, FoundIssuer found, TlsEndpoint tls, byte[] stapled) {
        try {
            return Future.succeededFuture(new CheckSubject(leaf, CertificateInfo.of(leaf), found.issuer(), found.source(),
                    tls, stapled));
        } catch (CertificateInputException e) {
            return Future.failedFuture(new CheckInputException(e.getMessage()));
        }
    }

    private static <T> Future<T> asInputError(Throwable error) {
        if (error instanceof CertificateInputException input) {
            return Future.failedFuture(new CheckInputException(input.getMessage()));
        }
        return Future.failedFuture(error);
    }

    private record FoundIssuer(IssuerCertificate issuer, String source) {
    }
}
