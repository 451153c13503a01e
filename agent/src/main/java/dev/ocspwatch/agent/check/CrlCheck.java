package dev.ocspwatch.agent.check;

import dev.ocspwatch.agent.probe.FetchLimits;
import dev.ocspwatch.agent.probe.HttpFetch;
import dev.ocspwatch.agent.probe.HttpFetcher;
import dev.ocspwatch.common.ocsp.RevocationReason;
import dev.ocspwatch.common.x509.DerSlice;
import dev.ocspwatch.common.x509.DistinguishedNames;
import dev.ocspwatch.common.x509.IssuerCertificate;
import dev.ocspwatch.common.x509.Signatures;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;

/**
 * Fetches and judges one CRL (RFC 5280 5.1):
 * <pre>
 * CertificateList ::= SEQUENCE { tbsCertList TBSCertList, signatureAlgorithm AlgorithmIdentifier, signatureValue BIT STRING }
 * </pre>
 * The signature is checked over the exact tbsCertList bytes with the certificate's issuer key.
 */
public final class CrlCheck {
    private final HttpFetcher fetcher;
    private final FetchLimits limits;
    private final Clock clock;

    public CrlCheck(HttpFetcher fetcher, FetchLimits limits, Clock clock) {
        this.fetcher = fetcher;
        this.limits = limits;
        this.clock = clock;
    }

    public Future<CrlReport> check(String url, IssuerCertificate issuer, BigInteger serial) {
        String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Future.succeededFuture(new CrlReport(url, "SKIPPED", "ocspwatch fetches CRLs over http and https only",
                    null, null, null, null, null, null, null, null, null, null, null, null, null));
        }
        return fetcher.fetch(HttpMethod.GET, url, null, Map.of(), limits).map(fetch -> judge(url, fetch, issuer, serial));
    }

    private CrlReport judge(String url, HttpFetch fetch, IssuerCertificate issuer, BigInteger serial) {
        if (!fetch.succeeded()) {
            return new CrlReport(url, "UNAVAILABLE", fetch.failure().message(), fetch.failure().outcome().name(),
                    null, null, fetch.timings(), null, null, null, null, null, null, null, null, null);
        }
        if (fetch.status() != 200) {
            return new CrlReport(url, "UNAVAILABLE", "HTTP " + fetch.status(), "HTTP_ERROR", fetch.status(),
                    fetch.body().length, fetch.timings(), fetch.headers(), null, null, null, null, null, null, null, null);
        }
        byte[] der = fetch.body();
        X509CRLHolder crl;
        try {
            crl = new X509CRLHolder(der);
        } catch (Exception e) {
            return new CrlReport(url, "MALFORMED", "not a DER CRL: " + e.getMessage(), null, 200, der.length,
                    fetch.timings(), fetch.headers(), null, null, null, null, null, null, null, null);
        }
        boolean signatureValid;
        try {
            signatureValid = Signatures.verify(crl.toASN1Structure().getSignatureAlgorithm(), issuer.publicKey(),
                    DerSlice.firstElementOfSequence(der), crl.toASN1Structure().getSignature().getOctets());
        } catch (Signatures.UnsupportedSignatureAlgorithmException | IllegalArgumentException e) {
            signatureValid = false;
        }
        Instant thisUpdate = crl.getThisUpdate().toInstant();
        Instant nextUpdate = crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
        String number = null;
        Extension numberExtension = crl.getExtension(Extension.cRLNumber);
        if (numberExtension != null) {
            number = CRLNumber.getInstance(numberExtension.getParsedValue()).getCRLNumber().toString();
        }
        X509CRLEntryHolder entry = crl.getRevokedCertificate(serial);
        Instant now = clock.instant();
        String result;
        String message;
        if (!crl.getIssuer().equals(issuer.certificate().getSubject())) {
            result = "WRONG_ISSUER";
            message = "CRL issuer " + DistinguishedNames.display(crl.getIssuer()) + " is not the certificate's issuer";
        } else if (!signatureValid) {
            result = "BAD_SIGNATURE";
            message = "CRL signature does not verify with the issuer's key";
        } else if (nextUpdate != null && nextUpdate.isBefore(now)) {
            result = "NOT_CURRENT";
            message = "nextUpdate " + nextUpdate + " has passed";
        } else if (entry != null) {
            result = "LISTED";
            message = "serial is revoked on this CRL";
        } else {
            result = "NOT_LISTED";
            message = "serial is not on this CRL";
        }
        return new CrlReport(url, result, message, null, 200, der.length, fetch.timings(), fetch.headers(),
                DistinguishedNames.display(crl.getIssuer()), signatureValid, thisUpdate, nextUpdate, number,
                crl.getRevokedCertificates().size(),
                entry == null ? null : entry.getRevocationDate().toInstant(),
                entry == null ? null : reason(entry));
    }

    private static String reason(X509CRLEntryHolder entry) {
        Extension extension = entry.getExtensions() == null ? null : entry.getExtensions().getExtension(Extension.reasonCode);
        if (extension == null) {
            return null;
        }
        try {
            return RevocationReason.name(CRLReason.getInstance(ASN1Enumerated.getInstance(extension.getParsedValue()))
                    .getValue().intValueExact());
        } catch (RuntimeException e) {
            return "damaged reasonCode";
        }
    }
}
