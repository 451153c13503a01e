package dev.ocspwatch.common.ocsp.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.TestPki;
import dev.ocspwatch.common.ocsp.MalformedResponseException;
import dev.ocspwatch.common.ocsp.OcspResponseParser;
import dev.ocspwatch.common.ocsp.ParsedResponse;
import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.junit.jupiter.api.Test;

/**
 * Each BR lint, made to fire and made not to fire, on responses built with Bouncy Castle.
 * Times are fixed; the boundaries are the BR's (4.9.10 counts the validity interval inclusively,
 * nextUpdate - thisUpdate + 1 s).
 */
class ResponseLinterTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Duration SLOW = Duration.ofSeconds(10);
    private static final KeyPair KEY = TestPki.ecKeyPair();
    private static final X509CertificateHolder CA = TestPki.ca("Lint CA", KEY,
            NOW.minus(Duration.ofDays(365)), NOW.plus(Duration.ofDays(3650)));
    private static final CertificateID ID = TestPki.certId(CA, BigInteger.valueOf(4242), CertificateID.HASH_SHA1);

    /** What a test varies; everything else is a clean, direct-signed response. */
    private static final class Case {
        Instant thisUpdate = NOW.minus(Duration.ofHours(1));
        Instant nextUpdate = NOW.plus(Duration.ofDays(1));
        String signatureAlgorithm = "SHA256withECDSA";
        org.bouncycastle.asn1.x509.Extensions singleExtensions;
        X509CertificateHolder signer = CA;
        boolean delegated;
        Duration elapsed;
        boolean subordinateCa;

        List<LintRule> lint() {
            byte[] body = new TestPki.Response().responderByName(signer.getSubject())
                    .signedWith(KEY.getPrivate(), signatureAlgorithm).withCertificate(signer)
                    .single(ID, CertificateStatus.GOOD, thisUpdate, nextUpdate, singleExtensions).build();
            try {
                ParsedResponse.Basic response = (ParsedResponse.Basic) OcspResponseParser.parse(body);
                return ResponseLinter.lint(response, response.responses().get(0), signer, delegated, NOW, elapsed, SLOW,
                        subordinateCa).stream().map(LintFinding::rule).toList();
            } catch (MalformedResponseException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A delegated responder certificate (the CA's own key, which the linter does not look at). */
    private static X509CertificateHolder responder(Instant notAfter, TestPki.Extensions0 extensions) {
        return TestPki.certificate(TestPki.name("Lint Responder"), KEY.getPublic(), CA.getSubject(), KEY.getPrivate(),
                BigInteger.valueOf(9), NOW.minus(Duration.ofDays(10)), notAfter, extensions);
    }

    private static Case delegatedBy(TestPki.Extensions0 extensions) {
        Case c = new Case();
        c.signer = responder(NOW.plus(Duration.ofDays(30)), extensions);
        c.delegated = true;
        return c;
    }

    @Test
    void findsNothingWrongWithACleanResponse() {
        assertEquals(List.of(), new Case().lint());
    }

    // --- BR 4.9.10 validity interval: at least 8 hours, at most 10 days, inclusive

    @Test
    void acceptsAValidityIntervalOfExactlyEightHoursCountedInclusively() {
        Case c = new Case();
        c.nextUpdate = c.thisUpdate.plus(Duration.ofHours(8)).minusSeconds(1);
        assertEquals(List.of(), c.lint());
    }

    @Test
    void flagsAValidityIntervalOneSecondShorterThanEightHours() {
        Case c = new Case();
        c.nextUpdate = c.thisUpdate.plus(Duration.ofHours(8)).minusSeconds(2);
        assertEquals(List.of(LintRule.VALIDITY_INTERVAL_TOO_SHORT), c.lint());
    }

    @Test
    void acceptsAValidityIntervalOfExactlyTenDaysCountedInclusively() {
        Case c = new Case();
        c.nextUpdate = c.thisUpdate.plus(Duration.ofDays(10)).minusSeconds(1);
        assertEquals(List.of(), c.lint());
    }

    @Test
    void flagsAValidityIntervalOneSecondLongerThanTenDays() {
        Case c = new Case();
        c.nextUpdate = c.thisUpdate.plus(Duration.ofDays(10));
        assertEquals(List.of(LintRule.VALIDITY_INTERVAL_TOO_LONG), c.lint());
    }

    @Test
    void leavesTheIntervalOfSubordinateCaResponsesAlone() {
        Case c = new Case();
        c.nextUpdate = c.thisUpdate.plus(Duration.ofDays(300));
        c.subordinateCa = true;
        assertEquals(List.of(), c.lint());
    }

    @Test
    void flagsAMissingNextUpdate() {
        Case c = new Case();
        c.nextUpdate = null;
        assertEquals(List.of(LintRule.NEXT_UPDATE_MISSING), c.lint());
    }

    // --- BR 4.9.10 (4): thisUpdate no older than four days

    @Test
    void acceptsAThisUpdateExactlyFourDaysOld() {
        Case c = new Case();
        c.thisUpdate = NOW.minus(Duration.ofDays(4));
        c.nextUpdate = c.thisUpdate.plus(Duration.ofDays(7));
        assertEquals(List.of(), c.lint());
    }

    @Test
    void flagsAThisUpdateOlderThanFourDays() {
        Case c = new Case();
        c.thisUpdate = NOW.minus(Duration.ofDays(4)).minusSeconds(1);
        c.nextUpdate = c.thisUpdate.plus(Duration.ofDays(7));
        assertEquals(List.of(LintRule.THIS_UPDATE_STALE), c.lint());
    }

    // --- nextUpdate beyond the signer's certificate

    @Test
    void flagsANextUpdateAfterTheSignerExpires() {
        Case c = delegatedBy(TestPki.conformingResponder());
        c.signer = responder(NOW.plus(Duration.ofHours(12)), TestPki.conformingResponder());
        c.nextUpdate = NOW.plus(Duration.ofHours(12)).plusSeconds(1);
        assertEquals(List.of(LintRule.NEXT_UPDATE_AFTER_SIGNER_EXPIRY), c.lint());
    }

    @Test
    void acceptsANextUpdateExactlyAtTheSignerExpiry() {
        Case c = delegatedBy(TestPki.conformingResponder());
        c.signer = responder(NOW.plus(Duration.ofHours(12)), TestPki.conformingResponder());
        c.nextUpdate = NOW.plus(Duration.ofHours(12));
        assertEquals(List.of(), c.lint());
    }

    // --- BR 7.1.2.8: the delegated responder's certificate profile

    @Test
    void findsNothingWrongWithAConformingDelegatedResponder() {
        assertEquals(List.of(), delegatedBy(TestPki.conformingResponder()).lint());
    }

    @Test
    void flagsADelegatedResponderWithAnExtraExtendedKeyUsage() {
        assertEquals(List.of(LintRule.DELEGATED_SIGNER_EXTRA_EKU), delegatedBy(b -> {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_OCSPSigning, KeyPurposeId.id_kp_serverAuth}));
            b.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        }).lint());
    }

    @Test
    void flagsADelegatedResponderWithoutOcspNoCheck() {
        assertEquals(List.of(LintRule.DELEGATED_SIGNER_NO_NOCHECK), delegatedBy(b -> {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        }).lint());
    }

    @Test
    void flagsADelegatedResponderWhoseKeyUsageLacksDigitalSignature() {
        assertEquals(List.of(LintRule.DELEGATED_SIGNER_KEY_USAGE), delegatedBy(b -> {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
            b.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment));
        }).lint());
    }

    @Test
    void flagsADelegatedResponderWithoutKeyUsage() {
        assertEquals(List.of(LintRule.DELEGATED_SIGNER_KEY_USAGE), delegatedBy(b -> {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
            b.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
        }).lint());
    }

    @Test
    void flagsADelegatedResponderThatIsACa() {
        assertEquals(List.of(LintRule.DELEGATED_SIGNER_IS_CA), delegatedBy(b -> {
            TestPki.conformingResponder().add(b);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        }).lint());
    }

    @Test
    void acceptsADelegatedResponderWithCaFalse() {
        assertEquals(List.of(), delegatedBy(b -> {
            TestPki.conformingResponder().add(b);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        }).lint());
    }

    @Test
    void flagsADelegatedResponderWithACrlDistributionPoint() {
        assertEquals(List.of(LintRule.DELEGATED_SIGNER_HAS_CRL_DP), delegatedBy(b -> {
            TestPki.conformingResponder().add(b);
            TestPki.crlDistributionPoint(b, "http://crl.example/ca.crl");
        }).lint());
    }

    @Test
    void appliesTheResponderProfileOnlyToDelegatedSigners() {
        // the issuing CA itself is a CA, has no OCSPSigning and no nocheck: none of that is a finding
        Case c = new Case();
        c.signer = CA;
        c.delegated = false;
        assertEquals(List.of(), c.lint());
    }

    // --- BR 7.3.2, 7.1.3.2.1

    @Test
    void flagsAReasonCodeInSingleExtensions() throws IOException {
        Case c = new Case();
        c.singleExtensions = TestPki.extensions(new Extension(Extension.reasonCode, false,
                CRLReason.lookup(CRLReason.unspecified).getEncoded()));
        assertEquals(List.of(LintRule.REASON_CODE_IN_SINGLE_EXTENSIONS), c.lint());
    }

    @Test
    void acceptsOtherSingleExtensions() {
        Case c = new Case();
        c.singleExtensions = TestPki.extensions(TestPki.extension("1.3.6.1.4.1.11129.2.4.5", false, new byte[] {0, 0}));
        assertEquals(List.of(), c.lint());
    }

    @Test
    void flagsASha1Signature() {
        Case c = new Case();
        c.signatureAlgorithm = "SHA1withECDSA";
        List<LintRule> rules = c.lint();
        assertEquals(List.of(LintRule.SHA1_SIGNATURE), rules);
    }

    // --- BR 4.10.2: answers within ten seconds

    @Test
    void flagsAnExchangeSlowerThanTenSeconds() {
        Case c = new Case();
        c.elapsed = SLOW.plusMillis(1);
        assertEquals(List.of(LintRule.SLOW_RESPONSE), c.lint());
    }

    @Test
    void acceptsAnExchangeOfExactlyTenSecondsOrAnUnknownDuration() {
        Case c = new Case();
        c.elapsed = SLOW;
        assertEquals(List.of(), c.lint());
        c.elapsed = null;
        assertEquals(List.of(), c.lint());
    }

    // --- findings

    @Test
    void reportsSeveralFindingsTogetherWithTheirCitations() {
        Case c = delegatedBy(b -> b.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning)));
        c.signatureAlgorithm = "SHA1withECDSA";
        c.nextUpdate = null;
        List<LintRule> rules = c.lint();
        assertTrue(rules.containsAll(List.of(LintRule.NEXT_UPDATE_MISSING, LintRule.DELEGATED_SIGNER_NO_NOCHECK,
                LintRule.DELEGATED_SIGNER_KEY_USAGE, LintRule.SHA1_SIGNATURE)), rules::toString);
        assertEquals(4, rules.size(), rules::toString);
        LintFinding finding = LintFinding.of(LintRule.SHA1_SIGNATURE, "x");
        assertEquals("BR 7.1.3.2.1", finding.citation());
        assertEquals(Severity.ERROR, finding.severity(), "a MUST");
        assertEquals(Severity.WARNING, LintRule.SLOW_RESPONSE.severity(), "an operational bound");
    }

    @Test
    void describesTheMeasuredIntervalInTheMessage() throws Exception {
        Case c = new Case();
        c.nextUpdate = c.thisUpdate.plus(Duration.ofHours(2)).minusSeconds(1);
        byte[] body = new TestPki.Response().responderByName(CA.getSubject()).signedWith(KEY.getPrivate())
                .single(ID, CertificateStatus.GOOD, c.thisUpdate, c.nextUpdate).build();
        ParsedResponse.Basic response = (ParsedResponse.Basic) OcspResponseParser.parse(body);
        List<LintFinding> findings = ResponseLinter.lint(response, response.responses().get(0), CA, false, NOW, null, SLOW, false);
        assertEquals(1, findings.size());
        assertTrue(findings.get(0).message().contains("2h00m"), findings.get(0).message());
        assertFalse(findings.get(0).message().isBlank());
    }
}
