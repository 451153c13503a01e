package dev.ocspwatch.common.ocsp;

import dev.ocspwatch.common.id.Hex;
import dev.ocspwatch.common.ocsp.lint.LintFinding;
import dev.ocspwatch.common.ocsp.lint.LintRule;
import dev.ocspwatch.common.ocsp.lint.ResponseLinter;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.x509.DistinguishedNames;
import dev.ocspwatch.common.x509.IssuerCertificate;
import dev.ocspwatch.common.x509.Signatures;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Judges response bytes against what was asked, returning exactly one outcome.
 *
 * <p>The order of the checks decides which outcome a response with several faults gets, and
 * goes from what makes everything else meaningless to what is most specific:
 * <ol>
 *   <li>does it parse (MALFORMED_RESPONSE), is the status successful (the status's outcome);</li>
 *   <li>who signed it, and may they (BAD_SIGNATURE, UNAUTHORIZED_SIGNER): nothing in an
 *       unauthenticated response can be believed, so this comes before its contents;</li>
 *   <li>does it answer for our certificate (WRONG_CERT_ID), under any CertID hash it chose;</li>
 *   <li>does it carry a critical extension we cannot honour (MALFORMED_RESPONSE, as RFC 5280
 *       4.2 requires of clients);</li>
 *   <li>certStatus unknown (UNKNOWN); otherwise is it current (NOT_CURRENT);</li>
 *   <li>GOOD or REVOKED, with BR lint findings.</li>
 * </ol>
 * Several SingleResponses for the same certificate resolve to the worst status (revoked, then
 * unknown, then good), as BoringSSL does: a responder that says both cannot be relied on.
 */
public final class OcspResponseChecker {
    private static final Set<ASN1ObjectIdentifier> KNOWN_RESPONSE_EXTENSIONS = Set.of(
            OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
            new ASN1ObjectIdentifier("1.3.6.1.5.5.7.48.1.9")); // extended revoke, RFC 6960 4.4.8
    private static final Set<ASN1ObjectIdentifier> KNOWN_SINGLE_EXTENSIONS = Set.of(
            OCSPObjectIdentifiers.id_pkix_ocsp_crl,
            OCSPObjectIdentifiers.id_pkix_ocsp_archive_cutoff,
            Extension.reasonCode,
            Extension.invalidityDate,
            Extension.certificateIssuer,
            new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.5")); // RFC 6962 3.3 SCT list

    private final CheckSettings settings;

    public OcspResponseChecker(CheckSettings settings) {
        this.settings = settings;
    }

    public OcspResponseChecker() {
        this(CheckSettings.DEFAULT);
    }

    /**
     * @param body the bytes the responder sent
     * @param receivedAt when they arrived: the "now" of currency checks
     * @param elapsed how long the exchange took, for the BR 4.10.2 lint; null if unknown
     */
    public ResponseCheck check(byte[] body, ResponseExpectation expected, Instant receivedAt, Duration elapsed) {
        ParsedResponse parsed;
        try {
            parsed = OcspResponseParser.parse(body);
        } catch (MalformedResponseException e) {
            return ResponseCheck.of(Outcome.MALFORMED_RESPONSE, e.getMessage(), null);
        }
        if (parsed instanceof ParsedResponse.Unsuccessful unsuccessful) {
            return unsuccessful(unsuccessful.statusCode());
        }
        return checkBasic((ParsedResponse.Basic) parsed, expected, receivedAt, elapsed);
    }

    private static ResponseCheck unsuccessful(int statusCode) {
        ResponseStatus status = ResponseStatus.fromCode(statusCode);
        ResponseDetails details = ResponseDetails.statusOnly(statusCode);
        if (status == null) {
            return ResponseCheck.of(Outcome.MALFORMED_RESPONSE,
                    "responseStatus " + statusCode + " is not defined by RFC 6960", details);
        }
        return ResponseCheck.of(status.outcome(), "responder answered " + ResponseStatus.describe(statusCode), details);
    }

    private ResponseCheck checkBasic(ParsedResponse.Basic response, ResponseExpectation expected,
                                     Instant now, Duration elapsed) {
        IssuerCertificate issuer = expected.issuer();
        ResponderAuthorization.Result authorization =
                ResponderAuthorization.authorize(response, issuer, now, settings.clockSkew());
        if (authorization instanceof ResponderAuthorization.Refused refused) {
            return ResponseCheck.of(refused.outcome(), refused.reason(),
                    details(response, null, -1, refused.signer(), false, issuer));
        }
        ResponderAuthorization.Authorized authorized = (ResponderAuthorization.Authorized) authorization;

        int index = matchingResponse(response, expected);
        if (index < 0) {
            return ResponseCheck.of(Outcome.WRONG_CERT_ID, describeMismatch(response, expected),
                    details(response, null, -1, authorized.signer(), authorized.delegated(), issuer));
        }
        SingleResponse single = response.responses().get(index);
        ResponseDetails details = details(response, single, index, authorized.signer(), authorized.delegated(), issuer);

        Optional<String> critical = unhandledCriticalExtension(response, single);
        if (critical.isPresent()) {
            return ResponseCheck.of(Outcome.MALFORMED_RESPONSE, critical.get(), details);
        }
        if (single.status() == CertStatus.UNKNOWN) {
            return ResponseCheck.of(Outcome.UNKNOWN, "responder does not know the certificate (certStatus unknown)", details);
        }
        Duration skew = settings.clockSkew();
        if (single.thisUpdate().isAfter(now.plus(skew))) {
            return ResponseCheck.of(Outcome.NOT_CURRENT, "thisUpdate " + single.thisUpdate()
                    + " is in the future (now " + now + ", allowed skew " + skew.toSeconds() + " s)", details);
        }
        if (single.nextUpdate() != null && single.nextUpdate().isBefore(now.minus(skew))) {
            return ResponseCheck.of(Outcome.NOT_CURRENT, "nextUpdate " + single.nextUpdate()
                    + " has passed (now " + now + ", allowed skew " + skew.toSeconds() + " s)", details);
        }
        List<LintFinding> lints = new ArrayList<>(ResponseLinter.lint(response, single, authorized.signer(),
                authorized.delegated(), now, elapsed, settings.slowResponse(), expected.subordinateCa()));
        if (CertIdHash.fromOid(single.hashAlgorithm()).orElse(null) != expected.certId().hash()) {
            lints.add(LintFinding.of(LintRule.CERT_ID_HASH_CHANGED, "asked with a " + expected.certId().hash()
                    + " CertID, answered with " + single.hashAlgorithmName()));
        }
        String signer = authorized.delegated()
                ? "delegated responder " + DistinguishedNames.display(authorized.signer().getSubject())
                : "the issuing CA";
        if (single.status() == CertStatus.REVOKED) {
            return new ResponseCheck(Outcome.REVOKED, "revoked at " + single.revocationTime()
                    + (single.revocationReason() == null ? "" : " (" + RevocationReason.name(single.revocationReason()) + ")")
                    + ", signed by " + signer, details, lints);
        }
        return new ResponseCheck(Outcome.GOOD, "good, signed by " + signer, details, lints);
    }

    /**
     * Index of the SingleResponse that speaks for our certificate, judged under the hash
     * algorithm that SingleResponse chose (a SHA-256 answer to a SHA-1 question still names the
     * same certificate); of several, the worst status.
     */
    private static int matchingResponse(ParsedResponse.Basic response, ResponseExpectation expected) {
        int best = -1;
        List<SingleResponse> singles = response.responses();
        for (int i = 0; i < singles.size(); i++) {
            SingleResponse single = singles.get(i);
            if (!single.serial().equals(expected.certId().serial())) {
                continue;
            }
            Optional<CertIdHash> hash = CertIdHash.fromOid(single.hashAlgorithm());
            if (hash.isEmpty()
                    || !expected.issuer().nameHashEquals(hash.get().jcaName(), single.issuerNameHash())
                    || !expected.issuer().keyHashEquals(hash.get().jcaName(), single.issuerKeyHash())) {
                continue;
            }
            if (best < 0 || severity(single.status()) > severity(singles.get(best).status())) {
                best = i;
            }
        }
        return best;
    }

    private static int severity(CertStatus status) {
        return switch (status) {
            case GOOD -> 0;
            case UNKNOWN -> 1;
            case REVOKED -> 2;
        };
    }

    private static String describeMismatch(ParsedResponse.Basic response, ResponseExpectation expected) {
        String asked = "serial " + expected.certId().serial().toString(16);
        if (response.responses().isEmpty()) {
            return "response holds no SingleResponse; asked for " + asked;
        }
        List<String> answered = new ArrayList<>();
        for (SingleResponse single : response.responses()) {
            answered.add(single.hashAlgorithmName() + "/" + single.serial().toString(16));
            if (answered.size() == 4) {
                answered.add("...");
                break;
            }
        }
        boolean sameSerial = response.responses().stream().anyMatch(s -> s.serial().equals(expected.certId().serial()));
        return "no SingleResponse for our certificate; asked for " + asked + ", answered for " + String.join(", ", answered)
                + (sameSerial ? " (same serial, but issuer name or key hash differs)" : "");
    }

    private static Optional<String> unhandledCriticalExtension(ParsedResponse.Basic response, SingleResponse single) {
        for (OcspExtension extension : response.extensions()) {
            if (extension.critical() && !KNOWN_RESPONSE_EXTENSIONS.contains(extension.oid())) {
                return Optional.of("unhandled critical extension " + extension.oid().getId() + " in responseExtensions");
            }
        }
        for (OcspExtension extension : single.extensions()) {
            if (extension.critical() && !KNOWN_SINGLE_EXTENSIONS.contains(extension.oid())) {
                return Optional.of("unhandled critical extension " + extension.oid().getId() + " in singleExtensions");
            }
        }
        return Optional.empty();
    }

    private static ResponseDetails details(ParsedResponse.Basic response, SingleResponse single, int index,
                                           X509CertificateHolder signer, boolean delegated, IssuerCertificate issuer) {
        byte[] nonce = response.nonce();
        return new ResponseDetails(
                ResponseStatus.describe(0),
                single == null ? null : single.status().name().toLowerCase(Locale.ROOT),
                single == null ? null : single.revocationTime(),
                single == null || single.revocationReason() == null ? null : RevocationReason.name(single.revocationReason()),
                response.producedAt(),
                single == null ? null : single.thisUpdate(),
                single == null ? null : single.nextUpdate(),
                response.responderId().type(),
                response.responderId().value(),
                signer == null ? null : signerInfo(signer, delegated || signer != issuer.certificate()),
                Signatures.name(response.signatureAlgorithm()),
                nonce == null ? null : Hex.of(nonce),
                response.responses().size(),
                index < 0 ? null : index,
                single == null ? null : single.hashAlgorithmName(),
                response.certificates().size());
    }

    static SignerInfo signerInfo(X509CertificateHolder signer, boolean delegated) {
        String fingerprint;
        try {
            fingerprint = Hex.of(MessageDigest.getInstance("SHA-256").digest(signer.getEncoded()));
        } catch (IOException | NoSuchAlgorithmException e) {
            fingerprint = null;
        }
        return new SignerInfo(delegated ? "delegated" : "issuer", DistinguishedNames.display(signer.getSubject()),
                signer.getSerialNumber().toString(16), signer.getNotAfter().toInstant(), fingerprint);
    }
}
