package dev.ocspwatch.common.ocsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocspwatch.common.Names;
import dev.ocspwatch.common.TestPki;
import dev.ocspwatch.common.Vectors;
import dev.ocspwatch.common.json.Json;
import dev.ocspwatch.common.ocsp.lint.LintFinding;
import dev.ocspwatch.common.ocsp.lint.LintRule;
import dev.ocspwatch.common.ocsp.lint.Severity;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.x509.CertificateInputException;
import dev.ocspwatch.common.x509.IssuerCertificate;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class OcspResponseCheckerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String OUTCOMES = "/vectors/expected-outcomes.csv";
    private final OcspResponseChecker checker = new OcspResponseChecker();

    private ResponseCheck check(String response, String issuerFile, String serialHex, String time, CertIdHash hash) {
        IssuerCertificate issuer = Vectors.issuer(issuerFile);
        CertId certId = CertId.of(issuer, new BigInteger(serialHex, 16), hash);
        return checker.check(Vectors.bytes(response), ResponseExpectation.subscriber(issuer, certId), Instant.parse(time), null);
    }

    // ---------------------------------------------------------------------------------------
    // The expected-outcome table over the real and upstream vectors

    @ParameterizedTest(name = "{0} with {1} -> {4}")
    @CsvFileSource(resources = OUTCOMES, numLinesToSkip = 1)
    void judgesEveryVectorWhoseIssuerWeHoldAsTheTableSays(String response, String issuer, String serial, String time,
                                                          Outcome expected, String rationale) {
        ResponseCheck result = check(response, issuer, serial, time, CertIdHash.SHA1);
        assertEquals(expected, result.outcome(), () -> rationale + " | checker said: " + result.reason());
        assertFalse(result.reason().isBlank());
        if (!expected.authoritative()) {
            assertTrue(result.lints().isEmpty(), "lints are only for authoritative answers");
        }
    }

    @Test
    void tableCoversEveryResponseWhoseIssuerIsAmongTheVectors() throws IOException {
        Set<String> inTable = new TreeSet<>();
        for (String line : new String(Vectors.bytes("expected-outcomes.csv"), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank() && !line.startsWith("response,")) {
                inTable.add(line.substring(0, line.indexOf(',')));
            }
        }
        Set<String> required = new TreeSet<>();
        for (JsonNode fact : Vectors.ocspFacts("ocsp-response")) {
            String file = fact.get("file").asText();
            boolean statusOnly = !fact.get("responseStatus").asText().startsWith("successful");
            if (file.startsWith("ocsp/openssl/") || file.startsWith("ocsp/aws-lc/") || file.startsWith("ocsp/boringssl/")
                    || statusOnly || fact.has("openssl_error")) {
                required.add(file);
            }
        }
        required.addAll(List.of(
                "ocsp/golang-x-crypto/resp-gts1c3-good.der",
                "ocsp/golang-x-crypto/resp-comodo-ev-good-nocert.der",
                "ocsp/pyca/resp-sha256.der",
                "ocsp/rustcrypto/rsa-2048-sha256-revoked-ocsp-res.der",
                "ocsp/rustcrypto/sha1-certid-ocsp-res.der",
                "ocsp/rustcrypto/sha256-certid-ocsp-res.der",
                "ocsp/rustcrypto/sha512-certid-ocsp-res.der",
                "ocsp/rustcrypto/ocsp-by-key-res.der",
                "ocsp/rustcrypto/ocsp-dtm-no-chain-res.der",
                "ocsp/rustcrypto/ocsp-multiple-exts-res.der",
                "ocsp/rustcrypto/ocsp-multiple-responses-res.der"));
        required.removeAll(inTable);
        assertEquals(Set.of(), required, "responses missing from expected-outcomes.csv");
    }

    // ---------------------------------------------------------------------------------------
    // Details of real responses

    @Test
    void classifiesRealComodoResponseAsGoodSignedByTheIssuer() {
        ResponseCheck result = check("ocsp/openssl/ND1.der", "ocsp/openssl/ND1_Issuer_ICA.pem",
                "22E1332220A048DF29B2BF9A31C29B07", "2012-10-11T08:41:13Z", CertIdHash.SHA1);
        assertEquals(Outcome.GOOD, result.outcome());
        ResponseDetails d = result.details();
        assertEquals("successful (0)", d.responseStatus());
        assertEquals("good", d.certStatus());
        assertNull(d.revocationTime());
        assertEquals(Instant.parse("2012-10-11T08:41:13Z"), d.producedAt());
        assertEquals(Instant.parse("2012-10-11T08:41:13Z"), d.thisUpdate());
        assertEquals(Instant.parse("2012-10-15T08:41:13Z"), d.nextUpdate());
        assertEquals("byKey", d.responderIdType());
        assertEquals("884451ff502a695e2d88f421bad90cf2cecbea7c", d.responderId());
        assertEquals("issuer", d.signer().role());
        assertEquals("COMODO Extended Validation Secure Server CA", Names.commonName(d.signer().subject()));
        assertEquals("11a3b4d0ec8db77f9da0cd5d2d512f42", d.signer().serialHex());
        assertEquals("sha1WithRSAEncryption", d.signatureAlgorithm());
        assertNull(d.nonce());
        assertEquals(1, d.singleResponseCount());
        assertEquals(0, d.matchedSingleResponse());
        assertEquals("sha1", d.certIdHashAlgorithm());
        assertEquals(0, d.certificateCount());
        assertTrue(rules(result).contains(LintRule.SHA1_SIGNATURE), "a 2012 SHA-1 signature is linted");
        assertFalse(rules(result).contains(LintRule.CERT_ID_HASH_CHANGED));
    }

    @Test
    void classifiesRealGlobalSignResponseAsGoodSignedByADelegatedResponder() throws Exception {
        byte[] body = Vectors.bytes("ocsp/openssl/D1.der");
        ResponseCheck result = check("ocsp/openssl/D1.der", "ocsp/openssl/D1_Issuer_ICA.pem",
                "1121BCBF1E08CC02E792A406D3902F33ED9B", "2012-10-23T10:25:36Z", CertIdHash.SHA1);
        assertEquals(Outcome.GOOD, result.outcome());
        SignerInfo signer = result.details().signer();
        assertEquals("delegated", signer.role());
        assertEquals("GlobalSign Extended Validation CA - G2 OCSP responder - 2", Names.commonName(signer.subject()));
        // the embedded responder certificate, read with Bouncy Castle's own OCSP classes
        X509CertificateHolder embedded = ((BasicOCSPResp) new OCSPResp(body).getResponseObject()).getCerts()[0];
        assertEquals(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(embedded.getEncoded())), signer.sha256());
        assertEquals(embedded.getSerialNumber().toString(16), signer.serialHex());
        assertEquals(embedded.getNotAfter().toInstant(), signer.notAfter());
        assertEquals(1, result.details().certificateCount());
        assertTrue(result.reason().contains("delegated responder"), result.reason());
    }

    @Test
    void classifiesRealLetsEncryptResponseAsGood() {
        ResponseCheck result = check("ocsp/pyca/resp-sha256.der", "ocsp/pyca/letsencryptx3.pem",
                "031C787A7DC90295007BC5F2220B3B527AF0", "2018-08-30T11:15:00Z", CertIdHash.SHA1);
        assertEquals(Outcome.GOOD, result.outcome());
        assertEquals("issuer", result.details().signer().role());
        assertEquals("byName", result.details().responderIdType());
        assertEquals("sha256WithRSAEncryption", result.details().signatureAlgorithm());
        assertEquals(Set.of(), Set.copyOf(rules(result)), "a 7-day, fresh, SHA-256 response breaks no lint");
    }

    @Test
    void reportsRevocationTimeAndReasonOfARevokedCertificate() {
        ResponseCheck result = check("ocsp/boringssl/revoke_response_reason.resp.der", "ocsp/boringssl/ca-intermediate.der",
                "05", "2017-03-05T00:00:00Z", CertIdHash.SHA1);
        assertEquals(Outcome.REVOKED, result.outcome());
        assertEquals("revoked", result.details().certStatus());
        assertEquals(Instant.parse("2017-02-01T00:00:00Z"), result.details().revocationTime());
        assertEquals("keyCompromise", result.details().revocationReason());
        assertTrue(result.reason().contains("keyCompromise"), result.reason());
    }

    @Test
    void reportsARevocationWithoutReasonFromADelegatedResponder() {
        ResponseCheck result = check("ocsp/rustcrypto/rsa-2048-sha256-revoked-ocsp-res.der",
                "ocsp/rustcrypto/rsa-2048-sha256-ca.der", "03", "2023-11-05T01:09:46Z", CertIdHash.SHA1);
        assertEquals(Outcome.REVOKED, result.outcome());
        assertEquals(Instant.parse("2023-11-05T01:09:45Z"), result.details().revocationTime());
        assertNull(result.details().revocationReason());
        assertEquals("delegated", result.details().signer().role());
        assertEquals("rsa-2048-sha256-ocsp-crt", Names.commonName(result.details().signer().subject()));
    }

    @Test
    void picksTheRevokedOneOfConflictingSingleResponses() {
        ResponseCheck result = check("ocsp/boringssl/multiple_response_good_revoked.resp.der",
                "ocsp/boringssl/ca-intermediate.der", "05", "2017-03-05T00:00:00Z", CertIdHash.SHA1);
        assertEquals(Outcome.REVOKED, result.outcome());
        assertEquals(2, result.details().singleResponseCount());
        assertEquals(1, result.details().matchedSingleResponse(), "the second SingleResponse is the revoked one");
    }

    @Test
    void describesAnUnsignedErrorWithItsStatusOnly() {
        ResponseCheck result = check("ocsp/rustcrypto/ocsp-unauthorized.der", "ocsp/rustcrypto/rsa-2048-sha256-ca.der",
                "010001", "2020-01-01T00:00:00Z", CertIdHash.SHA1);
        assertEquals(Outcome.UNAUTHORIZED, result.outcome());
        assertEquals("unauthorized (6)", result.details().responseStatus());
        assertNull(result.details().certStatus());
        assertNull(result.details().signer());
        assertNull(result.details().producedAt());
    }

    @Test
    void namesTheUndefinedStatusValue() {
        ResponseCheck result = check("ocsp/boringssl/bad_status.resp.der", "ocsp/boringssl/ca-intermediate.der",
                "05", "2017-03-05T00:00:00Z", CertIdHash.SHA1);
        assertEquals(Outcome.MALFORMED_RESPONSE, result.outcome());
        assertTrue(result.reason().contains("17"), result.reason());
    }

    @Test
    void explainsThatASignatureByTheIssuersKeyUnderAnotherResponderIdIsNotAccepted() {
        ResponseCheck result = check("ocsp/rustcrypto/sha256-certid-ocsp-res.der", "ocsp/rustcrypto/rsa-2048-sha256-ca.der",
                "010001", "2020-01-01T00:00:00Z", CertIdHash.SHA256);
        assertEquals(Outcome.UNAUTHORIZED_SIGNER, result.outcome());
        assertTrue(result.reason().contains("rsa-2048-sha256-ocsp-crt"), result.reason());
        assertTrue(result.reason().contains("issuer"), result.reason());
    }

    @Test
    void serializesTheJudgementWithVocabularyNamesAndIsoTimes() throws Exception {
        ResponseCheck result = check("ocsp/openssl/ND1.der", "ocsp/openssl/ND1_Issuer_ICA.pem",
                "22E1332220A048DF29B2BF9A31C29B07", "2012-10-11T08:41:13Z", CertIdHash.SHA1);
        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsString(result));
        assertEquals("GOOD", json.get("outcome").asText());
        assertEquals("2012-10-15T08:41:13Z", json.get("details").get("nextUpdate").asText());
        assertFalse(json.get("details").has("revocationTime"), "nulls are left out");
        assertEquals("SHA1_SIGNATURE", json.get("lints").get(0).get("rule").asText());
    }

    @Test
    void judgesADamagedResponderNameAsMalformedInsteadOfCrashing() {
        byte[] body = OcspResponseParserTest.responderNameWithDamagedAttribute();
        IssuerCertificate issuer = Vectors.issuer("ocsp/boringssl/ca-intermediate.der");
        ResponseCheck result = checker.check(body, ResponseExpectation.subscriber(issuer,
                CertId.of(issuer, BigInteger.valueOf(5), CertIdHash.SHA1)), Instant.parse("2017-03-05T00:00:00Z"), null);
        assertEquals(Outcome.MALFORMED_RESPONSE, result.outcome());
    }

    /**
     * Untrusted input never crashes the checker: every single-bit flip (of three bit positions
     * that turn tags into other tags) of real delegated responses, with embedded certificates,
     * yields an outcome.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({
            "ocsp/openssl/D1.der, ocsp/openssl/D1_Issuer_ICA.pem, 1121BCBF1E08CC02E792A406D3902F33ED9B, 2012-10-23T10:25:36Z",
            "ocsp/aws-lc/ocsp_response.der, ocsp/aws-lc/ca_cert.pem, 7778, 2021-05-26T00:23:34Z"})
    void neverCrashesOnABitFlipAnywhereInARealDelegatedResponse(String response, String issuerFile, String serial, String time) {
        IssuerCertificate issuer = Vectors.issuer(issuerFile);
        ResponseExpectation expectation = ResponseExpectation.subscriber(issuer,
                CertId.of(issuer, new BigInteger(serial, 16), CertIdHash.SHA1));
        byte[] body = Vectors.bytes(response);
        for (int i = 0; i < body.length; i++) {
            for (int bit : new int[] {0, 5, 6}) {
                byte[] corrupt = body.clone();
                corrupt[i] ^= (byte) (1 << bit);
                int at = i;
                ResponseCheck result = org.junit.jupiter.api.Assertions.assertDoesNotThrow(
                        () -> checker.check(corrupt, expectation, Instant.parse(time), null), () -> "byte " + at + " bit " + bit);
                assertNotNull(result.outcome());
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // CertIDs under another hash than the question's

    @Test
    void matchesASha256CertIdAnswerToASha1QuestionAndLintsTheChange() {
        ResponseCheck result = check("ocsp/aws-lc/ocsp_response_sha256.der", "ocsp/aws-lc/ca_cert.pem", "7778",
                "2021-05-27T20:02:43Z", CertIdHash.SHA1);
        assertEquals(Outcome.GOOD, result.outcome());
        assertEquals("sha256", result.details().certIdHashAlgorithm());
        LintFinding changed = result.lints().stream().filter(l -> l.rule() == LintRule.CERT_ID_HASH_CHANGED).findFirst().orElseThrow();
        assertEquals(Severity.WARNING, changed.severity());
        assertTrue(changed.message().contains("sha256"), changed.message());
    }

    @Test
    void doesNotLintAHashChangeWhenAskedWithTheSameHash() {
        ResponseCheck result = check("ocsp/aws-lc/ocsp_response_sha256.der", "ocsp/aws-lc/ca_cert.pem", "7778",
                "2021-05-27T20:02:43Z", CertIdHash.SHA256);
        assertEquals(Outcome.GOOD, result.outcome());
        assertFalse(rules(result).contains(LintRule.CERT_ID_HASH_CHANGED));
    }

    @Test
    void matchesASha256RevokedAnswerToASha1Question() {
        ResponseCheck result = check("ocsp/aws-lc/ocsp_response_revoked_sha256.der", "ocsp/aws-lc/ca_cert.pem", "7778",
                "2021-05-27T21:56:21Z", CertIdHash.SHA1);
        assertEquals(Outcome.REVOKED, result.outcome());
        assertEquals(Instant.parse("2018-08-12T05:39:25Z"), result.details().revocationTime());
        assertTrue(rules(result).contains(LintRule.CERT_ID_HASH_CHANGED));
    }

    @Test
    void matchesASha1AnswerToASha256Question() {
        ResponseCheck result = check("ocsp/aws-lc/ocsp_response.der", "ocsp/aws-lc/ca_cert.pem", "7778",
                "2021-05-26T00:23:34Z", CertIdHash.SHA256);
        assertEquals(Outcome.GOOD, result.outcome());
        assertEquals("sha1", result.details().certIdHashAlgorithm());
        assertTrue(rules(result).contains(LintRule.CERT_ID_HASH_CHANGED));
    }

    @Test
    void stillRejectsASha256AnswerForAnotherSerial() {
        ResponseCheck result = check("ocsp/aws-lc/ocsp_response_sha256.der", "ocsp/aws-lc/ca_cert.pem", "7779",
                "2021-05-27T20:02:43Z", CertIdHash.SHA1);
        assertEquals(Outcome.WRONG_CERT_ID, result.outcome());
    }

    private static List<LintRule> rules(ResponseCheck result) {
        return result.lints().stream().map(LintFinding::rule).toList();
    }

    // ---------------------------------------------------------------------------------------
    // Generated responses: the check order and its boundaries

    @Nested
    class Generated {
        private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
        private static final KeyPair CA_KEY = TestPki.ecKeyPair();
        private static final KeyPair RESPONDER_KEY = TestPki.ecKeyPair();
        private static final KeyPair OTHER_KEY = TestPki.ecKeyPair();
        private static final X509CertificateHolder CA = TestPki.ca("Test Issuing CA", CA_KEY,
                NOW.minus(Duration.ofDays(365)), NOW.plus(Duration.ofDays(3650)));
        private static final BigInteger SERIAL = new BigInteger("0123456789abcdef0123", 16);
        private static final CertificateID ID = TestPki.certId(CA, SERIAL, CertificateID.HASH_SHA1);
        private static final CertificateStatus GOOD = CertificateStatus.GOOD;

        private static X509CertificateHolder responder(Instant notBefore, Instant notAfter, TestPki.Extensions0 extensions) {
            return TestPki.certificate(TestPki.name("Test OCSP Responder"), RESPONDER_KEY.getPublic(), CA.getSubject(),
                    CA_KEY.getPrivate(), BigInteger.valueOf(77), notBefore, notAfter, extensions);
        }

        private static X509CertificateHolder responder() {
            return responder(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(30)), TestPki.conformingResponder());
        }

        private TestPki.Response direct() {
            return new TestPki.Response().responderByName(CA.getSubject()).signedWith(CA_KEY.getPrivate());
        }

        private TestPki.Response delegated(X509CertificateHolder responder) {
            return new TestPki.Response().responderByName(responder.getSubject()).signedWith(RESPONDER_KEY.getPrivate())
                    .withCertificate(responder);
        }

        private ResponseCheck check(byte[] body) {
            return check(body, new OcspResponseChecker(), false, null);
        }

        private ResponseCheck check(byte[] body, OcspResponseChecker checker, boolean subordinateCa, Duration elapsed) {
            try {
                IssuerCertificate issuer = IssuerCertificate.of(CA);
                return checker.check(body, new ResponseExpectation(issuer, CertId.of(issuer, SERIAL, CertIdHash.SHA1), subordinateCa),
                        NOW, elapsed);
            } catch (CertificateInputException e) {
                throw new IllegalStateException(e);
            }
        }

        private static Instant ago(Duration d) {
            return NOW.minus(d);
        }

        private static Instant in(Duration d) {
            return NOW.plus(d);
        }

        private static final Duration HOUR = Duration.ofHours(1);
        private static final Duration DAY = Duration.ofDays(1);
        private static final Duration SKEW = Duration.ofMinutes(5);

        @Test
        void acceptsAFreshGoodResponseSignedByTheIssuer() {
            ResponseCheck result = check(direct().single(ID, GOOD, ago(HOUR), in(DAY)).build());
            assertEquals(Outcome.GOOD, result.outcome(), result.reason());
            assertEquals("issuer", result.details().signer().role());
            assertEquals(List.of(), result.lints(), "a 25 h interval, fresh, ECDSA-SHA256 response is clean");
        }

        @Test
        void acceptsTheIssuerNamedByKey() {
            ResponseCheck result = check(new TestPki.Response().responderByKey(CA).signedWith(CA_KEY.getPrivate())
                    .single(ID, GOOD, ago(HOUR), in(DAY)).build());
            assertEquals(Outcome.GOOD, result.outcome(), result.reason());
            assertEquals("byKey", result.details().responderIdType());
        }

        @Test
        void judgesABadSignatureBeforeTheCertId() {
            byte[] body = new TestPki.Response().responderByName(CA.getSubject()).signedWith(OTHER_KEY.getPrivate())
                    .single(TestPki.certId(CA, BigInteger.TEN, CertificateID.HASH_SHA1), GOOD, ago(HOUR), in(DAY)).build();
            assertEquals(Outcome.BAD_SIGNATURE, check(body).outcome());
        }

        @Test
        void callsASignatureThatTheNamedIssuerDidNotMakeBad() {
            // signed by a certified responder's key, but the ResponderID claims the issuer signed
            byte[] body = new TestPki.Response().responderByName(CA.getSubject()).signedWith(RESPONDER_KEY.getPrivate())
                    .withCertificate(responder()).single(ID, GOOD, ago(HOUR), in(DAY)).build();
            assertEquals(Outcome.BAD_SIGNATURE, check(body).outcome());
        }

        @Test
        void judgesTheCertIdBeforeCurrency() {
            byte[] body = direct().single(TestPki.certId(CA, BigInteger.TEN, CertificateID.HASH_SHA1), GOOD,
                    ago(DAY.multipliedBy(9)), ago(DAY.multipliedBy(2))).build();
            ResponseCheck result = check(body);
            assertEquals(Outcome.WRONG_CERT_ID, result.outcome());
            assertTrue(result.reason().contains("serial " + SERIAL.toString(16)), result.reason());
        }

        @Test
        void saysWhenOnlyTheIssuerHashesDiffer() {
            X509CertificateHolder otherCa = TestPki.ca("Other CA", OTHER_KEY, ago(DAY), in(DAY));
            byte[] body = direct().single(TestPki.certId(otherCa, SERIAL, CertificateID.HASH_SHA1), GOOD, ago(HOUR), in(DAY)).build();
            ResponseCheck result = check(body);
            assertEquals(Outcome.WRONG_CERT_ID, result.outcome());
            assertTrue(result.reason().contains("same serial"), result.reason());
        }

        @Test
        void ignoresASingleResponseUnderAnUnknownHashAlgorithm() {
            byte[] body = direct().single(TestPki.certIdWithUnknownHash(ID), GOOD, ago(HOUR), in(DAY)).build();
            assertEquals(Outcome.WRONG_CERT_ID, check(body).outcome());
        }

        @Test
        void findsOurSingleResponseAmongOthers() {
            byte[] body = direct()
                    .single(TestPki.certId(CA, BigInteger.TEN, CertificateID.HASH_SHA1), new RevokedStatus(java.util.Date.from(ago(DAY)), CRLReason.keyCompromise), ago(HOUR), in(DAY))
                    .single(ID, GOOD, ago(HOUR), in(DAY)).build();
            ResponseCheck result = check(body);
            assertEquals(Outcome.GOOD, result.outcome(), result.reason());
            assertEquals(1, result.details().matchedSingleResponse());
        }

        @Test
        void resolvesConflictingAnswersToTheWorstStatusRevokedThenUnknown() {
            RevokedStatus revoked = new RevokedStatus(java.util.Date.from(ago(DAY)), CRLReason.superseded);
            byte[] unknownThenRevoked = direct().single(ID, new UnknownStatus(), ago(HOUR), in(DAY))
                    .single(ID, revoked, ago(HOUR), in(DAY)).single(ID, GOOD, ago(HOUR), in(DAY)).build();
            ResponseCheck result = check(unknownThenRevoked);
            assertEquals(Outcome.REVOKED, result.outcome());
            assertEquals(1, result.details().matchedSingleResponse());
            byte[] revokedThenUnknown = direct().single(ID, revoked, ago(HOUR), in(DAY))
                    .single(ID, new UnknownStatus(), ago(HOUR), in(DAY)).build();
            assertEquals(Outcome.REVOKED, check(revokedThenUnknown).outcome());
            byte[] goodThenUnknown = direct().single(ID, GOOD, ago(HOUR), in(DAY))
                    .single(ID, new UnknownStatus(), ago(HOUR), in(DAY)).build();
            assertEquals(Outcome.UNKNOWN, check(goodThenUnknown).outcome());
        }

        @Test
        void reportsUnknownBeforeCurrency() {
            byte[] body = direct().single(ID, new UnknownStatus(), ago(DAY.multipliedBy(9)), ago(DAY.multipliedBy(2))).build();
            ResponseCheck result = check(body);
            assertEquals(Outcome.UNKNOWN, result.outcome());
            assertEquals(List.of(), result.lints());
        }

        @Test
        void rejectsAnUnhandledCriticalResponseExtensionBeforeTheStatus() {
            byte[] body = direct().single(ID, new UnknownStatus(), ago(HOUR), in(DAY))
                    .responseExtensions(TestPki.extensions(TestPki.extension("1.2.3.4", true, new byte[] {5}))).build();
            ResponseCheck result = check(body);
            assertEquals(Outcome.MALFORMED_RESPONSE, result.outcome());
            assertTrue(result.reason().contains("1.2.3.4"), result.reason());
        }

        @Test
        void honoursCriticalExtensionsItUnderstands() throws IOException {
            byte[] nonce = new org.bouncycastle.asn1.DEROctetString(new byte[16]).getEncoded();
            Extension criticalNonce = new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, true, nonce);
            Extension criticalReason = new Extension(Extension.reasonCode, true, CRLReason.lookup(CRLReason.superseded).getEncoded());
            byte[] body = direct().responseExtensions(TestPki.extensions(criticalNonce))
                    .single(ID, GOOD, ago(HOUR), in(DAY), TestPki.extensions(criticalReason)).build();
            assertEquals(Outcome.GOOD, check(body).outcome());
        }

        @Test
        void toleratesAThisUpdateUpToTheClockSkewAhead() {
            assertEquals(Outcome.GOOD, check(direct().single(ID, GOOD, in(SKEW), in(DAY)).build()).outcome());
        }

        @Test
        void rejectsAThisUpdateBeyondTheClockSkewAhead() {
            ResponseCheck result = check(direct().single(ID, GOOD, in(SKEW.plusSeconds(1)), in(DAY)).build());
            assertEquals(Outcome.NOT_CURRENT, result.outcome());
            assertTrue(result.reason().contains("thisUpdate"), result.reason());
        }

        @Test
        void toleratesANextUpdateUpToTheClockSkewPast() {
            assertEquals(Outcome.GOOD, check(direct().single(ID, GOOD, ago(DAY), ago(SKEW)).build()).outcome());
        }

        @Test
        void rejectsANextUpdateBeyondTheClockSkewPast() {
            ResponseCheck result = check(direct().single(ID, GOOD, ago(DAY), ago(SKEW.plusSeconds(1))).build());
            assertEquals(Outcome.NOT_CURRENT, result.outcome());
            assertTrue(result.reason().contains("nextUpdate"), result.reason());
        }

        @Test
        void appliesTheConfiguredClockSkew() {
            OcspResponseChecker strict = new OcspResponseChecker(new CheckSettings(Duration.ZERO, Duration.ofSeconds(10)));
            assertEquals(Outcome.NOT_CURRENT,
                    check(direct().single(ID, GOOD, in(Duration.ofSeconds(1)), in(DAY)).build(), strict, false, null).outcome());
        }

        @Test
        void acceptsAConformingDelegatedResponder() throws Exception {
            X509CertificateHolder responder = responder();
            ResponseCheck result = check(delegated(responder).single(ID, GOOD, ago(HOUR), in(DAY)).build());
            assertEquals(Outcome.GOOD, result.outcome(), result.reason());
            SignerInfo signer = result.details().signer();
            assertEquals("delegated", signer.role());
            assertEquals("4d", signer.serialHex());
            assertEquals(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(responder.getEncoded())), signer.sha256());
            assertEquals(List.of(), result.lints(), "a BR-conformant responder certificate breaks no lint");
        }

        @Test
        void acceptsADelegatedResponderNamedByKey() {
            X509CertificateHolder responder = responder();
            byte[] body = new TestPki.Response().responderByKey(responder).signedWith(RESPONDER_KEY.getPrivate())
                    .withCertificate(responder).single(ID, GOOD, ago(HOUR), in(DAY)).build();
            assertEquals(Outcome.GOOD, check(body).outcome());
        }

        @Test
        void rejectsADelegatedResponderWithoutOcspSigning() {
            X509CertificateHolder responder = responder(ago(DAY), in(DAY), b -> b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)));
            ResponseCheck result = check(delegated(responder).single(ID, GOOD, ago(HOUR), in(DAY)).build());
            assertEquals(Outcome.UNAUTHORIZED_SIGNER, result.outcome());
            assertTrue(result.reason().contains("OCSPSigning"), result.reason());
        }

        @Test
        void rejectsAnExpiredDelegatedResponder() {
            X509CertificateHolder responder = responder(ago(DAY), ago(SKEW.plusSeconds(1)), TestPki.conformingResponder());
            ResponseCheck result = check(delegated(responder).single(ID, GOOD, ago(HOUR), in(DAY)).build());
            assertEquals(Outcome.UNAUTHORIZED_SIGNER, result.outcome());
            assertTrue(result.reason().contains("expired"), result.reason());
        }

        @Test
        void toleratesADelegatedResponderExpiredWithinTheClockSkew() {
            X509CertificateHolder responder = responder(ago(DAY), ago(SKEW), TestPki.conformingResponder());
            assertEquals(Outcome.GOOD, check(delegated(responder).single(ID, GOOD, ago(HOUR), in(DAY)).build()).outcome());
        }

        @Test
        void rejectsADelegatedResponderNotYetValid() {
            X509CertificateHolder responder = responder(in(SKEW.plusSeconds(1)), in(DAY), TestPki.conformingResponder());
            ResponseCheck result = check(delegated(responder).single(ID, GOOD, ago(HOUR), in(DAY)).build());
            assertEquals(Outcome.UNAUTHORIZED_SIGNER, result.outcome());
            assertTrue(result.reason().contains("not valid until"), result.reason());
        }

        @Test
        void rejectsAResponderCertifiedByAnImpostorWithTheIssuersName() {
            // same issuer DN as the real CA, different key: only the signature on the responder certificate tells
            X509CertificateHolder impostorMade = TestPki.certificate(TestPki.name("Test OCSP Responder"),
                    RESPONDER_KEY.getPublic(), CA.getSubject(), OTHER_KEY.getPrivate(), BigInteger.valueOf(77),
                    ago(DAY), in(DAY), TestPki.conformingResponder());
            ResponseCheck result = check(delegated(impostorMade).single(ID, GOOD, ago(HOUR), in(DAY)).build());
            assertEquals(Outcome.UNAUTHORIZED_SIGNER, result.outcome());
            assertTrue(result.reason().contains("not signed by the issuing CA"), result.reason());
        }

        @Test
        void callsASignatureTheNamedResponderDidNotMakeBad() {
            X509CertificateHolder responder = responder();
            byte[] body = new TestPki.Response().responderByName(responder.getSubject()).signedWith(OTHER_KEY.getPrivate())
                    .withCertificate(responder).single(ID, GOOD, ago(HOUR), in(DAY)).build();
            assertEquals(Outcome.BAD_SIGNATURE, check(body).outcome());
        }

        @Test
        void lintsASlowExchangeButKeepsTheOutcome() {
            byte[] body = direct().single(ID, GOOD, ago(HOUR), in(DAY)).build();
            ResponseCheck slow = check(body, new OcspResponseChecker(), false, Duration.ofMillis(10_001));
            assertEquals(Outcome.GOOD, slow.outcome());
            assertEquals(List.of(LintRule.SLOW_RESPONSE), rules(slow));
            assertEquals(List.of(), check(body, new OcspResponseChecker(), false, Duration.ofSeconds(10)).lints());
        }

        @Test
        void appliesSubscriberUpdateRulesOnlyToSubscriberCertificates() {
            byte[] body = direct().single(ID, GOOD, ago(HOUR), in(DAY.multipliedBy(30))).build();
            assertEquals(List.of(LintRule.VALIDITY_INTERVAL_TOO_LONG), rules(check(body)));
            assertEquals(List.of(), rules(check(body, new OcspResponseChecker(), true, null)));
        }

        @Test
        void neverLintsANonAuthoritativeAnswer() {
            byte[] body = direct().signedWith(CA_KEY.getPrivate(), "SHA1withECDSA")
                    .single(ID, new UnknownStatus(), ago(HOUR), null).build();
            ResponseCheck result = check(body);
            assertEquals(Outcome.UNKNOWN, result.outcome());
            assertEquals(List.of(), result.lints());
        }

        @Test
        void answersEveryCorruptionOfASignedResponseWithANonAuthoritativeOutcome() {
            byte[] body = direct().single(ID, GOOD, ago(HOUR), in(DAY)).build();
            List<String> accepted = new ArrayList<>();
            for (int i = 0; i < body.length; i++) {
                byte[] corrupt = body.clone();
                corrupt[i] ^= 0x01;
                ResponseCheck result = check(corrupt);
                assertNotNull(result.outcome());
                if (result.outcome().authoritative()) {
                    accepted.add(i + ":" + result.reason());
                }
            }
            // every byte is either signed, the signature itself, or structure whose damage must show
            assertEquals(List.of(), accepted, "corruptions accepted as authoritative");
        }
    }
}
