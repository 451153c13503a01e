package dev.ocspwatch.common.ocsp;

import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.x509.DistinguishedNames;
import dev.ocspwatch.common.x509.IssuerCertificate;
import dev.ocspwatch.common.x509.PublicKeys;
import dev.ocspwatch.common.x509.Signatures;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Decides whether a response was signed by someone allowed to speak for the issuer
 * (RFC 6960 4.2.2.2, BR 4.9.9): the issuing CA itself, or an OCSP responder certificate the
 * issuing CA signed directly that carries id-kp-OCSPSigning, is valid now, and is the one the
 * ResponderID names.
 *
 * <p>Which outcome a failure gets: BAD_SIGNATURE when we know whose key should verify the
 * signature and it does not (the response is corrupt, or forged); UNAUTHORIZED_SIGNER when the
 * signer is identified but not entitled, or cannot be identified at all.
 */
public final class ResponderAuthorization {
    private ResponderAuthorization() {
    }

    public sealed interface Result permits Authorized, Refused {
    }

    /** Signed by {@code signer}: the issuer itself when {@code delegated} is false. */
    public record Authorized(X509CertificateHolder signer, boolean delegated) implements Result {
    }

    /** Not acceptable; {@code signer} is the certificate involved, when there is one. */
    public record Refused(Outcome outcome, String reason, X509CertificateHolder signer) implements Result {
    }

    public static Result authorize(ParsedResponse.Basic response, IssuerCertificate issuer, Instant now, Duration skew) {
        ResponderId responderId = response.responderId();
        if (names(responderId, issuer.certificate())) {
            Optional<Refused> badSignature = verify(response, issuer.publicKey(), issuer.certificate(), "the issuer's key");
            return badSignature.isPresent() ? badSignature.get() : new Authorized(issuer.certificate(), false);
        }
        for (X509CertificateHolder candidate : response.certificates()) {
            if (names(responderId, candidate)) {
                return authorizeDelegate(response, issuer, candidate, now, skew);
            }
        }
        return unidentified(response, issuer);
    }

    private static Result authorizeDelegate(ParsedResponse.Basic response, IssuerCertificate issuer,
                                            X509CertificateHolder delegate, Instant now, Duration skew) {
        String subject = DistinguishedNames.display(delegate.getSubject());
        PublicKey key;
        try {
            key = PublicKeys.of(delegate.getSubjectPublicKeyInfo());
        } catch (GeneralSecurityException e) {
            return new Refused(Outcome.UNAUTHORIZED_SIGNER, "responder certificate " + subject + ": " + e.getMessage(), delegate);
        }
        Optional<Refused> badSignature = verify(response, key, delegate, "the key of responder certificate " + subject);
        if (badSignature.isPresent()) {
            return badSignature.get();
        }
        if (!delegate.getIssuer().equals(issuer.certificate().getSubject()) || !issuer.signed(delegate)) {
            return new Refused(Outcome.UNAUTHORIZED_SIGNER,
                    "responder certificate " + subject + " is not signed by the issuing CA", delegate);
        }
        if (!hasOcspSigning(delegate)) {
            return new Refused(Outcome.UNAUTHORIZED_SIGNER,
                    "responder certificate " + subject + " lacks id-kp-OCSPSigning in extendedKeyUsage", delegate);
        }
        Instant notBefore = delegate.getNotBefore().toInstant();
        Instant notAfter = delegate.getNotAfter().toInstant();
        if (now.isAfter(notAfter.plus(skew))) {
            return new Refused(Outcome.UNAUTHORIZED_SIGNER,
                    "responder certificate " + subject + " expired at " + notAfter, delegate);
        }
        if (now.isBefore(notBefore.minus(skew))) {
            return new Refused(Outcome.UNAUTHORIZED_SIGNER,
                    "responder certificate " + subject + " is not valid until " + notBefore, delegate);
        }
        return new Authorized(delegate, true);
    }

    /** The ResponderID names no certificate we hold: find out what did sign, to say it precisely. */
    private static Result unidentified(ParsedResponse.Basic response, IssuerCertificate issuer) {
        String named = response.responderId().type() + " " + response.responderId().value();
        if (verify(response, issuer.publicKey(), issuer.certificate(), "").isEmpty()) {
            return new Refused(Outcome.UNAUTHORIZED_SIGNER,
                    "signed with the issuer's key, but the ResponderID (" + named + ") does not name the issuer",
                    issuer.certificate());
        }
        for (X509CertificateHolder candidate : response.certificates()) {
            try {
                PublicKey key = PublicKeys.of(candidate.getSubjectPublicKeyInfo());
                if (verify(response, key, candidate, "").isEmpty()) {
                    return new Refused(Outcome.UNAUTHORIZED_SIGNER, "ResponderID (" + named
                            + ") does not name the certificate that signed, " + DistinguishedNames.display(candidate.getSubject()),
                            candidate);
                }
            } catch (GeneralSecurityException e) {
                // a certificate with a key we cannot use did not sign; try the next
            }
        }
        return new Refused(Outcome.UNAUTHORIZED_SIGNER, "ResponderID (" + named
                + ") names neither the issuer nor any certificate in the response", null);
    }

    /** Empty when the signature verifies; otherwise the BAD_SIGNATURE refusal. */
    private static Optional<Refused> verify(ParsedResponse.Basic response, PublicKey key,
                                                      X509CertificateHolder signer, String whose) {
        try {
            if (Signatures.verify(response.signatureAlgorithm(), key, response.tbsResponseData(), response.signature())) {
                return Optional.empty();
            }
            return Optional.of(new Refused(Outcome.BAD_SIGNATURE,
                    "signature does not verify with " + whose, signer));
        } catch (Signatures.UnsupportedSignatureAlgorithmException e) {
            return Optional.of(new Refused(Outcome.BAD_SIGNATURE, e.getMessage(), signer));
        }
    }

    static boolean names(ResponderId responderId, X509CertificateHolder certificate) {
        if (responderId instanceof ResponderId.ByName byName) {
            return byName.name().equals(certificate.getSubject());
        }
        ResponderId.ByKey byKey = (ResponderId.ByKey) responderId;
        return Arrays.equals(byKey.keyHash(), sha1(certificate.getSubjectPublicKeyInfo().getPublicKeyData().getBytes()));
    }

    static boolean hasOcspSigning(X509CertificateHolder certificate) {
        try {
            ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(certificate.getExtensions());
            return eku != null && eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}
