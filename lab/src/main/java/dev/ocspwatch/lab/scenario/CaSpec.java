package dev.ocspwatch.lab.scenario;

import dev.ocspwatch.lab.pki.KeyKind;
import java.time.Duration;
import java.util.Locale;

/**
 * A simulated issuing CA and how it operates. Durations are story time.
 *
 * @param issueEvery one new certificate (precertificate first) this often
 * @param finalAfter the final certificate follows its precertificate after this long
 * @param precertOnly fraction of precertificates that never get a final certificate
 * @param revokeEvery one revocation this often (null for none)
 * @param signerDelay the signer pre-generates a certificate's response this long after issuance
 * @param responseValidity nextUpdate - thisUpdate of the signed responses
 * @param cacheMaxAge the max-age the origin sends with good answers (RFC 5019 caching)
 * @param errorMaxAge the max-age the origin sends with error answers
 * @param delegated sign through a delegated responder certificate rather than the CA key
 * @param ocsp false for a CA whose certificates name no OCSP responder (NOT_APPLICABLE)
 */
public record CaSpec(
        String name,
        KeyKind key,
        Duration issueEvery,
        Duration finalAfter,
        Double precertOnly,
        Duration revokeEvery,
        Duration signerDelay,
        Duration responseValidity,
        Duration cacheMaxAge,
        Duration errorMaxAge,
        Boolean delegated,
        Boolean ocsp) {

    public CaSpec {
        Scenario.require(name != null && name.matches("[a-z0-9]([a-z0-9-]{0,39}[a-z0-9])?"),
                "cas: name must be lower-case letters, digits and dashes, with no dash at either end (it becomes a host name): '" + name + "'");
        key = key == null ? KeyKind.RSA_2048 : key;
        Scenario.require(Scenario.positive(issueEvery), "cas: " + name + ": issueEvery is required and positive");
        finalAfter = finalAfter == null ? Duration.ofSeconds(30) : finalAfter;
        precertOnly = precertOnly == null ? 0.0 : precertOnly;
        Scenario.require(precertOnly >= 0 && precertOnly <= 1, "cas: " + name + ": precertOnly must be between 0 and 1");
        delegated = delegated != null && delegated;
        signerDelay = signerDelay == null ? Duration.ofMinutes(1) : signerDelay;
        responseValidity = responseValidity == null ? Duration.ofDays(4) : responseValidity;
        cacheMaxAge = cacheMaxAge == null ? Duration.ofHours(1) : cacheMaxAge;
        errorMaxAge = errorMaxAge == null ? Duration.ofMinutes(5) : errorMaxAge;
        ocsp = ocsp == null ? Boolean.TRUE : ocsp;
    }

    /** The OCSP host in this CA's certificates, e.g. {@code ocsp.sectigo-like.lab}. */
    public String ocspHost() {
        return "ocsp." + name.toLowerCase(Locale.ROOT) + ".lab";
    }

    /** The host of its CRL and issuer certificate. */
    public String repositoryHost() {
        return "crl." + name.toLowerCase(Locale.ROOT) + ".lab";
    }

    public boolean hasOcsp() {
        return ocsp;
    }
}
