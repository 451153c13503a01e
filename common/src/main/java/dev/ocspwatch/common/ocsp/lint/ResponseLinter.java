package dev.ocspwatch.common.ocsp.lint;

import dev.ocspwatch.common.ocsp.OcspExtension;
import dev.ocspwatch.common.ocsp.ParsedResponse;
import dev.ocspwatch.common.ocsp.SingleResponse;
import dev.ocspwatch.common.x509.Signatures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * BR lints of an authoritative response. Findings describe; they never change the outcome,
 * because BR 4.9.9 asks only whether an authoritative answer was available.
 */
public final class ResponseLinter {
    /** BR 4.9.10 measures the validity interval inclusively: nextUpdate - thisUpdate + 1 second. */
    private static final Duration MIN_INTERVAL = Duration.ofHours(8);
    private static final Duration MAX_INTERVAL = Duration.ofDays(10);
    private static final Duration MAX_AGE = Duration.ofDays(4);

    private ResponseLinter() {
    }

    /**
     * @param signer the certificate that signed (the issuer's own when not delegated)
     * @param elapsed how long the exchange took, or null when unknown (a file, a staple)
     * @param subordinateCa whether the certificate asked about is a CA (other update rules apply)
     */
    public static List<LintFinding> lint(ParsedResponse.Basic response, SingleResponse single,
                                         X509CertificateHolder signer, boolean delegated, Instant now,
                                         Duration elapsed, Duration slowThreshold, boolean subordinateCa) {
        List<LintFinding> findings = new ArrayList<>();
        lintTimes(single, now, subordinateCa, findings);
        if (single.nextUpdate() != null && signer != null
                && single.nextUpdate().isAfter(signer.getNotAfter().toInstant())) {
            findings.add(LintFinding.of(LintRule.NEXT_UPDATE_AFTER_SIGNER_EXPIRY, "nextUpdate " + single.nextUpdate()
                    + " is after the signer certificate's notAfter " + signer.getNotAfter().toInstant()));
        }
        if (delegated && signer != null) {
            lintDelegate(signer, findings);
        }
        for (OcspExtension extension : single.extensions()) {
            if (extension.oid().equals(Extension.reasonCode)) {
                findings.add(LintFinding.of(LintRule.REASON_CODE_IN_SINGLE_EXTENSIONS,
                        "singleExtensions carries a reasonCode CRL entry extension"));
            }
        }
        if (Signatures.usesSha1(response.signatureAlgorithm())) {
            findings.add(LintFinding.of(LintRule.SHA1_SIGNATURE,
                    "response signed with " + Signatures.name(response.signatureAlgorithm())));
        }
        if (elapsed != null && elapsed.compareTo(slowThreshold) > 0) {
            findings.add(LintFinding.of(LintRule.SLOW_RESPONSE, "response took " + elapsed.toMillis()
                    + " ms, more than " + slowThreshold.toSeconds() + " s"));
        }
        return findings;
    }

    private static void lintTimes(SingleResponse single, Instant now, boolean subordinateCa, List<LintFinding> findings) {
        if (single.nextUpdate() == null) {
            findings.add(LintFinding.of(LintRule.NEXT_UPDATE_MISSING, "response has no nextUpdate"));
        } else if (!subordinateCa) {
            Duration interval = Duration.between(single.thisUpdate(), single.nextUpdate()).plusSeconds(1);
            if (interval.compareTo(MIN_INTERVAL) < 0) {
                findings.add(LintFinding.of(LintRule.VALIDITY_INTERVAL_TOO_SHORT,
                        "validity interval " + describe(interval) + " is shorter than 8 hours"));
            } else if (interval.compareTo(MAX_INTERVAL) > 0) {
                findings.add(LintFinding.of(LintRule.VALIDITY_INTERVAL_TOO_LONG,
                        "validity interval " + describe(interval) + " is longer than 10 days"));
            }
        }
        if (!subordinateCa && Duration.between(single.thisUpdate(), now).compareTo(MAX_AGE) > 0) {
            findings.add(LintFinding.of(LintRule.THIS_UPDATE_STALE, "thisUpdate " + single.thisUpdate()
                    + " is " + describe(Duration.between(single.thisUpdate(), now)) + " old, more than 4 days"));
        }
    }

    private static void lintDelegate(X509CertificateHolder signer, List<LintFinding> findings) {
        Extensions extensions = signer.getExtensions();
        try {
            ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(extensions);
            if (eku != null && eku.size() > 1) {
                findings.add(LintFinding.of(LintRule.DELEGATED_SIGNER_EXTRA_EKU,
                        "responder certificate's extendedKeyUsage has " + eku.size() + " purposes, not only id-kp-OCSPSigning"));
            } else if (eku != null && !eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)) {
                findings.add(LintFinding.of(LintRule.DELEGATED_SIGNER_EXTRA_EKU,
                        "responder certificate's extendedKeyUsage is not id-kp-OCSPSigning"));
            }
        } catch (RuntimeException e) {
            findings.add(LintFinding.of(LintRule.DELEGATED_SIGNER_EXTRA_EKU, "responder certificate's extendedKeyUsage is damaged"));
        }
        if (!has(extensions, OCSPObjectIdentifiers.id_pkix_ocsp_nocheck)) {
            findings.add(LintFinding.of(LintRule.DELEGATED_SIGNER_NO_NOCHECK, "responder certificate lacks id-pkix-ocsp-nocheck"));
        }
        try {
            KeyUsage keyUsage = KeyUsage.fromExtensions(extensions);
            if (keyUsage == null || !keyUsage.hasUsages(KeyUsage.digitalSignature)) {
                findings.add(LintFinding.of(LintRule.DELEGATED_SIGNER_KEY_USAGE,
                        "responder certificate's keyUsage " + (keyUsage == null ? "is missing" : "lacks digitalSignature")));
            }
        } catch (RuntimeException e) {
            findings.add(LintFinding.of(LintRule.DELEGATED_SIGNER_KEY_USAGE, "responder certificate's keyUsage is damaged"));
        }
        try {
            BasicConstraints constraints = BasicConstraints.fromExtensions(extensions);
            if (constraints != null && constraints.isCA()) {
                findings.add(LintFinding.of(LintRule.DELEGATED_SIGNER_IS_CA, "responder certificate has basicConstraints cA=TRUE"));
            }
        } catch (RuntimeException e) {
            findings.add(LintFinding.of(LintRule.DELEGATED_SIGNER_IS_CA, "responder certificate's basicConstraints is damaged"));
        }
        if (has(extensions, Extension.cRLDistributionPoints)) {
            findings.add(LintFinding.of(LintRule.DELEGATED_SIGNER_HAS_CRL_DP,
                    "responder certificate has a cRLDistributionPoints extension"));
        }
    }

    private static boolean has(Extensions extensions, ASN1ObjectIdentifier oid) {
        return extensions != null && extensions.getExtension(oid) != null;
    }

    static String describe(Duration d) {
        long seconds = d.getSeconds();
        if (seconds % 86400 == 0) {
            return (seconds / 86400) + "d";
        }
        if (seconds >= 86400) {
            return String.format("%dd%dh", seconds / 86400, (seconds % 86400) / 3600);
        }
        if (seconds >= 3600) {
            return String.format("%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
        }
        return seconds + "s";
    }
}
