package dev.ocspwatch.lab.pki;

import static dev.ocspwatch.lab.testing.OpenSslCli.assumeAvailable;
import static dev.ocspwatch.lab.testing.OpenSslCli.epochSeconds;
import static dev.ocspwatch.lab.testing.OpenSslCli.run;
import static dev.ocspwatch.lab.testing.OpenSslCli.validityPeriodCovering;
import static dev.ocspwatch.lab.testing.OpenSslCli.writeDer;
import static dev.ocspwatch.lab.testing.OpenSslCli.writePem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.ocsp.CertId;
import dev.ocspwatch.common.ocsp.CertIdHash;
import dev.ocspwatch.common.ocsp.CertStatus;
import dev.ocspwatch.common.ocsp.OcspResponseChecker;
import dev.ocspwatch.common.ocsp.OcspResponseParser;
import dev.ocspwatch.common.ocsp.ParsedResponse;
import dev.ocspwatch.common.ocsp.ResponderId;
import dev.ocspwatch.common.ocsp.ResponseCheck;
import dev.ocspwatch.common.ocsp.ResponseExpectation;
import dev.ocspwatch.common.ocsp.ResponseStatus;
import dev.ocspwatch.common.ocsp.SingleResponse;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.lab.testing.OpenSslCli;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OcspSignerTest {
    private static final Instant CA_NOT_BEFORE = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant ISSUED_AT = Instant.parse("2025-05-31T00:00:00Z");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Instant THIS_UPDATE = NOW.minus(Duration.ofHours(1));
    private static final Duration VALIDITY = Duration.ofDays(4);
    private static final Instant REVOKED_AT = Instant.parse("2025-05-31T10:15:30Z");

    private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    private static final String SHA1_WITH_RSA = "1.2.840.113549.1.1.5";
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

    private static SimulatedCa root;
    private static SimulatedCa rsaIssuing;
    private static SimulatedCa ecIssuing;
    private static SimulatedCa sibling;
    private static SimulatedCa unrelatedRoot;
    private static OcspSigner properResponder;
    private static OcspSigner noEkuResponder;
    private static X509CertificateHolder rsaLeaf;
    private static X509CertificateHolder ecLeaf;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildPki() {
        Random random = new Random(6960);
        root = SimulatedCa.root("Signer Test Root", KeyKind.RSA_2048, CA_NOT_BEFORE, random);
        rsaIssuing = root.intermediate("Signer Test RSA Issuing CA", KeyKind.RSA_2048, CA_NOT_BEFORE, List.of(), List.of());
        ecIssuing = root.intermediate("Signer Test ECDSA Issuing CA", KeyKind.ECDSA_P256, CA_NOT_BEFORE, List.of(), List.of());
        sibling = root.intermediate("Signer Test Sibling CA", KeyKind.ECDSA_P256, CA_NOT_BEFORE, List.of(), List.of());
        unrelatedRoot = SimulatedCa.root("Unrelated Root", KeyKind.ECDSA_P256, CA_NOT_BEFORE, random);
        Instant from = NOW.minus(Duration.ofDays(2));
        Instant to = NOW.plus(Duration.ofDays(60));
        properResponder = rsaIssuing.delegatedResponder(
                ResponderProfile.proper("Signer Test OCSP Responder", KeyKind.ECDSA_P256, from, to));
        noEkuResponder = rsaIssuing.delegatedResponder(
                new ResponderProfile("Signer Test serverAuth-only Responder", KeyKind.ECDSA_P256, from, to, false, true));
        rsaLeaf = rsaIssuing.issue(leafProfile("rsa.signer.test"));
        ecLeaf = ecIssuing.issue(leafProfile("ec.signer.test"));
    }

    private static CertificateProfile leafProfile(String name) {
        return new CertificateProfile(List.of(name), ISSUED_AT, Duration.ofDays(90),
                List.of("http://ocsp.signer.test/"), List.of(), List.of(), false);
    }

    /** The SHA-1 CertID, the one {@code openssl ocsp -issuer -cert} builds and looks up. */
    private static CertId certId(SimulatedCa issuing, X509CertificateHolder leaf) {
        return CertId.of(issuing.asIssuer(), leaf.getSerialNumber(), CertIdHash.SHA1);
    }

    private static ResponseCheck check(SimulatedCa issuing, CertId certId, byte[] response) {
        return new OcspResponseChecker().check(response, ResponseExpectation.subscriber(issuing.asIssuer(), certId),
                NOW, Duration.ofMillis(30));
    }

    private static ParsedResponse.Basic parse(byte[] response) throws Exception {
        return assertInstanceOf(ParsedResponse.Basic.class, OcspResponseParser.parse(response));
    }

    /**
     * {@code openssl ocsp -respin} as a relying party would run it: trusting only the root, at
     * the fixed instant, with every other certificate of the scenario offered as untrusted.
     */
    private OpenSslCli.Result openSsl(SimulatedCa issuing, X509CertificateHolder leaf, byte[] response,
                                      X509CertificateHolder... extraCertificates) {
        writePem(dir.resolve("root.pem"), root.certificate());
        writePem(dir.resolve("issuing.pem"), issuing.certificate());
        writePem(dir.resolve("leaf.pem"), leaf);
        writeDer(dir.resolve("resp.der"), response);
        List<String> args = new ArrayList<>(List.of("ocsp", "-respin", "resp.der", "-issuer", "issuing.pem",
                "-cert", "leaf.pem", "-CAfile", "root.pem", "-no_nonce", "-resp_text",
                "-attime", epochSeconds(NOW), "-validity_period", validityPeriodCovering(NOW)));
        List<Object> others = new ArrayList<>(List.of(issuing.certificate()));
        others.addAll(Arrays.asList(extraCertificates));
        writePem(dir.resolve("others.pem"), others.toArray());
        args.addAll(List.of("-verify_other", "others.pem"));
        return run(dir, args.toArray(new String[0]));
    }

    private static void assertVerifiedWithStatus(OpenSslCli.Result result, String statusLine) {
        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(result.output().contains("Response verify OK"), result.describe());
        assertFalse(result.output().contains("Response Verify Failure"), result.describe());
        assertTrue(result.output().contains("leaf.pem: " + statusLine), result.describe());
    }

    /** Refused, and for the reason {@code why} (OpenSSL's own error text), not some incidental one. */
    private static void assertRejected(OpenSslCli.Result result, String why) {
        assertNotEquals(0, result.exitCode(), result.describe());
        assertTrue(result.output().contains("Response Verify Failure"), result.describe());
        assertTrue(result.output().contains(why), "expected \"" + why + "\" in " + result.describe());
        assertFalse(result.output().contains("Response verify OK"), result.describe());
    }

    static Stream<Arguments> issuingCas() {
        return Stream.of(Arguments.of("RSA", rsaIssuing, rsaLeaf, SHA256_WITH_RSA),
                Arguments.of("ECDSA", ecIssuing, ecLeaf, ECDSA_WITH_SHA256));
    }

    // ---- what OpenSSL accepts ----

    @ParameterizedTest(name = "{0} issuing CA")
    @MethodSource("issuingCas")
    void openSslAcceptsTheIssuingCasOwnGoodAnswer(String name, SimulatedCa issuing, X509CertificateHolder leaf,
                                                  String signatureOid) throws Exception {
        CertId id = certId(issuing, leaf);
        byte[] response = issuing.signer().sign(id, OcspAnswer.good(THIS_UPDATE, VALIDITY));

        ResponseCheck check = check(issuing, id, response);
        assertEquals(Outcome.GOOD, check.outcome(), check.reason());
        assertEquals("issuer", check.details().signer().role());
        ParsedResponse.Basic parsed = parse(response);
        assertEquals(signatureOid, parsed.signatureAlgorithm().getAlgorithm().getId());
        SingleResponse single = parsed.responses().get(0);
        assertEquals(THIS_UPDATE, single.thisUpdate());
        assertEquals(THIS_UPDATE.plus(VALIDITY), single.nextUpdate());
        assertEquals(THIS_UPDATE, parsed.producedAt());
        assertEquals(leaf.getSerialNumber(), single.serial());

        assumeAvailable();
        assertVerifiedWithStatus(openSsl(issuing, leaf, response), "good");
    }

    @ParameterizedTest(name = "{0} issuing CA")
    @MethodSource("issuingCas")
    void openSslAcceptsARevokedAnswerWithItsReason(String name, SimulatedCa issuing, X509CertificateHolder leaf,
                                                   String signatureOid) throws Exception {
        CertId id = certId(issuing, leaf);
        byte[] response = issuing.signer().sign(id, OcspAnswer.revoked(THIS_UPDATE, VALIDITY, REVOKED_AT, 1));

        ResponseCheck check = check(issuing, id, response);
        assertEquals(Outcome.REVOKED, check.outcome(), check.reason());
        assertEquals("keyCompromise", check.details().revocationReason());
        SingleResponse single = parse(response).responses().get(0);
        assertEquals(CertStatus.REVOKED, single.status());
        assertEquals(REVOKED_AT, single.revocationTime());
        assertEquals(1, single.revocationReason());

        assumeAvailable();
        OpenSslCli.Result result = openSsl(issuing, leaf, response);
        assertVerifiedWithStatus(result, "revoked");
        assertTrue(result.output().contains("Reason: keyCompromise"), result.describe());
        assertTrue(result.output().contains("Revocation Time: May 31 10:15:30 2025 GMT"), result.describe());
    }

    @Test
    void revokedAnswerWithoutAReasonCarriesNone() throws Exception {
        CertId id = certId(rsaIssuing, rsaLeaf);
        byte[] response = rsaIssuing.signer().sign(id, OcspAnswer.revoked(THIS_UPDATE, VALIDITY, REVOKED_AT, null));

        SingleResponse single = parse(response).responses().get(0);
        assertEquals(CertStatus.REVOKED, single.status());
        assertNull(single.revocationReason());

        assumeAvailable();
        OpenSslCli.Result result = openSsl(rsaIssuing, rsaLeaf, response);
        assertVerifiedWithStatus(result, "revoked");
        assertFalse(result.output().contains("Reason:"), result.describe());
    }

    @Test
    void openSslAcceptsAnUnknownAnswer() throws Exception {
        CertId id = certId(ecIssuing, ecLeaf);
        byte[] response = ecIssuing.signer().sign(id, OcspAnswer.unknown(THIS_UPDATE, VALIDITY));

        assertEquals(Outcome.UNKNOWN, check(ecIssuing, id, response).outcome());
        assertEquals(CertStatus.UNKNOWN, parse(response).responses().get(0).status());

        assumeAvailable();
        assertVerifiedWithStatus(openSsl(ecIssuing, ecLeaf, response), "unknown");
    }

    @ParameterizedTest(name = "responderId byKey={0}")
    @ValueSource(booleans = {false, true})
    void openSslAcceptsAProperDelegatedResponder(boolean byKey) throws Exception {
        CertId id = certId(rsaIssuing, rsaLeaf);
        OcspSigner signer = properResponder.withResponderIdByKey(byKey);
        byte[] response = signer.sign(id, OcspAnswer.good(THIS_UPDATE, VALIDITY));

        ResponseCheck check = check(rsaIssuing, id, response);
        assertEquals(Outcome.GOOD, check.outcome(), check.reason());
        assertEquals("delegated", check.details().signer().role());
        ParsedResponse.Basic parsed = parse(response);
        assertEquals(List.of(properResponder.certificate()), parsed.certificates(), "the delegate includes its certificate");
        assertEquals(ECDSA_WITH_SHA256, parsed.signatureAlgorithm().getAlgorithm().getId(), "signed with the responder's key kind");

        assumeAvailable();
        assertVerifiedWithStatus(openSsl(rsaIssuing, rsaLeaf, response), "good");
    }

    // ---- what OpenSSL must refuse ----

    @Test
    void openSslRejectsAnUnrelatedCasSignature() throws Exception {
        CertId id = certId(rsaIssuing, rsaLeaf);
        byte[] response = unrelatedRoot.signer().sign(id, OcspAnswer.good(THIS_UPDATE, VALIDITY));

        assertEquals(Outcome.UNAUTHORIZED_SIGNER, check(rsaIssuing, id, response).outcome());

        assumeAvailable();
        assertRejected(openSsl(rsaIssuing, rsaLeaf, response, unrelatedRoot.certificate()), "certificate verify error");
    }

    @Test
    void openSslRejectsAnUnrelatedCaEvenWhenItIncludesItsTrustedCertificate() throws Exception {
        CertId id = certId(rsaIssuing, rsaLeaf);
        byte[] response = unrelatedRoot.signer().withCertificateIncluded(true).withResponderIdByKey(false)
                .sign(id, OcspAnswer.good(THIS_UPDATE, VALIDITY));

        assertEquals(Outcome.UNAUTHORIZED_SIGNER, check(rsaIssuing, id, response).outcome());

        assumeAvailable();
        // both roots trusted: the chain is fine, only the authority to speak for rsaIssuing is missing
        writePem(dir.resolve("roots.pem"), root.certificate(), unrelatedRoot.certificate());
        writePem(dir.resolve("issuing.pem"), rsaIssuing.certificate());
        writePem(dir.resolve("leaf.pem"), rsaLeaf);
        writeDer(dir.resolve("resp.der"), response);
        OpenSslCli.Result result = run(dir, "ocsp", "-respin", "resp.der", "-issuer", "issuing.pem", "-cert", "leaf.pem",
                "-CAfile", "roots.pem", "-no_nonce", "-resp_text",
                "-attime", epochSeconds(NOW), "-validity_period", validityPeriodCovering(NOW));
        assertRejected(result, "root ca not trusted");
    }

    @Test
    void openSslRejectsASiblingCaUnderTheSameRoot() throws Exception {
        CertId id = certId(rsaIssuing, rsaLeaf);
        byte[] response = sibling.signer().withCertificateIncluded(true)
                .sign(id, OcspAnswer.good(THIS_UPDATE, VALIDITY));

        assertEquals(Outcome.UNAUTHORIZED_SIGNER, check(rsaIssuing, id, response).outcome());

        assumeAvailable();
        assertRejected(openSsl(rsaIssuing, rsaLeaf, response, sibling.certificate()), "root ca not trusted");
    }

    @Test
    void openSslRejectsADelegatedResponderWithoutOcspSigning() throws Exception {
        CertId id = certId(rsaIssuing, rsaLeaf);
        byte[] response = noEkuResponder.sign(id, OcspAnswer.good(THIS_UPDATE, VALIDITY));

        ResponseCheck check = check(rsaIssuing, id, response);
        assertEquals(Outcome.UNAUTHORIZED_SIGNER, check.outcome());
        assertTrue(check.reason().contains("OCSPSigning"), check.reason());

        assumeAvailable();
        assertRejected(openSsl(rsaIssuing, rsaLeaf, response), "missing ocspsigning usage");
    }

    @Test
    void openSslRejectsAForgedSignatureUnderTheIssuersResponderId() throws Exception {
        CertId id = certId(ecIssuing, ecLeaf);
        KeyPair forger = KeyKind.ECDSA_P256.generate();
        OcspSigner forged = new OcspSigner(forger.getPrivate(), ecIssuing.certificate(), "SHA256withECDSA", true, false);
        byte[] response = forged.sign(id, OcspAnswer.good(THIS_UPDATE, VALIDITY));

        assertEquals(Outcome.BAD_SIGNATURE, check(ecIssuing, id, response).outcome());

        assumeAvailable();
        assertRejected(openSsl(ecIssuing, ecLeaf, response), "signature failure");
    }

    // ---- unsigned errors ----

    @Test
    void unauthorizedIsExactlyFiveBytes() {
        assertArrayEquals(new byte[] {0x30, 0x03, 0x0a, 0x01, 0x06}, OcspSigner.error(ResponseStatus.UNAUTHORIZED));
    }

    @ParameterizedTest
    @EnumSource(value = ResponseStatus.class, names = "SUCCESSFUL", mode = EnumSource.Mode.EXCLUDE)
    void everyErrorStatusEncodesAsABareEnumerated(ResponseStatus status) throws Exception {
        byte[] bytes = OcspSigner.error(status);
        assertArrayEquals(new byte[] {0x30, 0x03, 0x0a, 0x01, (byte) status.code()}, bytes);
        assertEquals(new ParsedResponse.Unsuccessful(status.code()), OcspResponseParser.parse(bytes));
    }

    @Test
    void undefinedStatusCodesEncodeToo() {
        assertArrayEquals(new byte[] {0x30, 0x03, 0x0a, 0x01, 0x04}, OcspSigner.error(4));
        assertArrayEquals(new byte[] {0x30, 0x03, 0x0a, 0x01, 0x11}, OcspSigner.error(17));
    }

    @Test
    void openSslReadsTheUnauthorizedError() {
        assumeAvailable();
        writeDer(dir.resolve("err.der"), OcspSigner.error(ResponseStatus.UNAUTHORIZED));
        OpenSslCli.Result result = run(dir, "ocsp", "-respin", "err.der", "-resp_text", "-noverify");
        assertTrue(result.output().contains("Responder Error: unauthorized (6)"), result.describe());
    }

    // ---- variations ----

    @Test
    void responderIdByKeyIsTheSha1OfTheSignersPublicKeyBits() throws Exception {
        CertId id = certId(rsaIssuing, rsaLeaf);
        byte[] response = rsaIssuing.signer().withResponderIdByKey(true).sign(id, OcspAnswer.good(THIS_UPDATE, VALIDITY));

        ResponderId.ByKey byKey = assertInstanceOf(ResponderId.ByKey.class, parse(response).responderId());
        byte[] expected = MessageDigest.getInstance("SHA-1").digest(
                rsaIssuing.certificate().getSubjectPublicKeyInfo().getPublicKeyData().getBytes());
        assertArrayEquals(expected, byKey.keyHash());
        assertEquals(Outcome.GOOD, check(rsaIssuing, id, response).outcome());
    }

    @Test
    void responderIdByNameIsTheSignersSubject() throws Exception {
        CertId id = certId(rsaIssuing, rsaLeaf);
        byte[] response = rsaIssuing.signer().withResponderIdByKey(false).sign(id, OcspAnswer.good(THIS_UPDATE, VALIDITY));

        ResponderId.ByName byName = assertInstanceOf(ResponderId.ByName.class, parse(response).responderId());
        assertEquals(rsaIssuing.certificate().getSubject(), byName.name());
        assertEquals(Outcome.GOOD, check(rsaIssuing, id, response).outcome());

        assumeAvailable();
        OpenSslCli.Result result = openSsl(rsaIssuing, rsaLeaf, response);
        assertVerifiedWithStatus(result, "good");
        assertTrue(result.output().contains("Responder Id: CN = Signer Test RSA Issuing CA, O = ocspwatch lab"),
                result.describe());
    }

    @Test
    void caSignerDefaultsToByKeyWithoutCertificateAndCanIncludeIt() throws Exception {
        CertId id = certId(ecIssuing, ecLeaf);
        ParsedResponse.Basic plain = parse(ecIssuing.signer().sign(id, OcspAnswer.good(THIS_UPDATE, VALIDITY)));
        assertInstanceOf(ResponderId.ByKey.class, plain.responderId());
        assertEquals(List.of(), plain.certificates());

        byte[] included = ecIssuing.signer().withCertificateIncluded(true).sign(id, OcspAnswer.good(THIS_UPDATE, VALIDITY));
        assertEquals(List.of(ecIssuing.certificate()), parse(included).certificates());
        assertEquals(Outcome.GOOD, check(ecIssuing, id, included).outcome());
    }

    @Test
    void sha1SignatureAlgorithmIsUsedWhenAsked() throws Exception {
        CertId id = certId(rsaIssuing, rsaLeaf);
        byte[] response = rsaIssuing.signer().withSignatureAlgorithm("SHA1withRSA")
                .sign(id, OcspAnswer.good(THIS_UPDATE, VALIDITY));

        assertEquals(SHA1_WITH_RSA, parse(response).signatureAlgorithm().getAlgorithm().getId());
        assertEquals(Outcome.GOOD, check(rsaIssuing, id, response).outcome(), "SHA-1 is a lint, not a failure");

        assumeAvailable();
        OpenSslCli.Result result = openSsl(rsaIssuing, rsaLeaf, response);
        assertTrue(result.output().contains("Signature Algorithm: sha1WithRSAEncryption"), result.describe());
    }

    @Test
    void multiEntryResponseHoldsOneSingleResponsePerEntryAndTakesProducedAtFromTheHeader() throws Exception {
        BigInteger good = new BigInteger("1001", 16);
        BigInteger revoked = new BigInteger("1002", 16);
        BigInteger unknown = new BigInteger("1003", 16);
        Instant producedAt = NOW.minus(Duration.ofMinutes(5));
        OcspAnswer header = new OcspAnswer(CertStatus.GOOD, null, null, THIS_UPDATE, null, producedAt);
        byte[] response = rsaIssuing.signer().sign(List.of(
                new OcspSigner.Entry(CertId.of(rsaIssuing.asIssuer(), good, CertIdHash.SHA1),
                        OcspAnswer.good(THIS_UPDATE, VALIDITY)),
                new OcspSigner.Entry(CertId.of(rsaIssuing.asIssuer(), revoked, CertIdHash.SHA1),
                        OcspAnswer.revoked(THIS_UPDATE, VALIDITY, REVOKED_AT, 4)),
                new OcspSigner.Entry(CertId.of(rsaIssuing.asIssuer(), unknown, CertIdHash.SHA1),
                        OcspAnswer.unknown(THIS_UPDATE, VALIDITY))), header);

        ParsedResponse.Basic parsed = parse(response);
        assertEquals(3, parsed.responses().size());
        assertEquals(List.of(good, revoked, unknown), parsed.responses().stream().map(SingleResponse::serial).toList());
        assertEquals(List.of(CertStatus.GOOD, CertStatus.REVOKED, CertStatus.UNKNOWN),
                parsed.responses().stream().map(SingleResponse::status).toList());
        assertEquals(producedAt, parsed.producedAt());
        CertId revokedId = CertId.of(rsaIssuing.asIssuer(), revoked, CertIdHash.SHA1);
        assertEquals(Outcome.REVOKED, check(rsaIssuing, revokedId, response).outcome());

        assumeAvailable();
        writePem(dir.resolve("root.pem"), root.certificate());
        writePem(dir.resolve("issuing.pem"), rsaIssuing.certificate());
        writeDer(dir.resolve("resp.der"), response);
        OpenSslCli.Result result = run(dir, "ocsp", "-respin", "resp.der", "-issuer", "issuing.pem",
                "-serial", good.toString(), "-serial", revoked.toString(), "-serial", unknown.toString(),
                "-CAfile", "root.pem", "-no_nonce",
                "-attime", epochSeconds(NOW), "-validity_period", validityPeriodCovering(NOW));
        assertTrue(result.output().contains("Response verify OK"), result.describe());
        assertTrue(result.output().contains(good + ": good"), result.describe());
        assertTrue(result.output().contains(revoked + ": revoked"), result.describe());
        assertTrue(result.output().contains("Reason: superseded"), result.describe());
        assertTrue(result.output().contains(unknown + ": unknown"), result.describe());
    }

    @Test
    void answerWithoutNextUpdateOmitsIt() throws Exception {
        CertId id = certId(ecIssuing, ecLeaf);
        byte[] response = ecIssuing.signer().sign(id, OcspAnswer.good(THIS_UPDATE, VALIDITY).withNextUpdate(null));

        SingleResponse single = parse(response).responses().get(0);
        assertNull(single.nextUpdate());
        assertEquals(THIS_UPDATE, single.thisUpdate());

        assumeAvailable();
        OpenSslCli.Result result = openSsl(ecIssuing, ecLeaf, response);
        assertVerifiedWithStatus(result, "good");
        assertTrue(result.output().contains("This Update:"), result.describe());
        assertFalse(result.output().contains("Next Update:"), result.describe());
    }
}
