package dev.ocspwatch.common.ocsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocspwatch.common.Names;
import dev.ocspwatch.common.Vectors;
import dev.ocspwatch.common.x509.PublicKeys;
import dev.ocspwatch.common.x509.Signatures;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every OCSP response among the vectors, against what OpenSSL 3.0 printed for it
 * (expected-openssl-facts.json): the parser must see the same fields, and the raw signature must
 * verify with exactly the keys the facts list.
 */
class OcspResponseParserTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern STATUS = Pattern.compile("^(.*) \\((\\d+)\\)$");
    private static final Pattern REASON = Pattern.compile("^(\\w+) \\(0x([0-9a-fA-F]+)\\)$");

    /**
     * The files OpenSSL refuses to parse (README, "Files that are meant not to parse"), with the
     * part of our error message that must say what failed.
     */
    private static final Map<String, String> MUST_NOT_PARSE = Map.of(
            "ocsp/boringssl/invalid_response.resp.der", "not an OCSPResponse",
            "ocsp/boringssl/invalid_response_data.resp.der", "BasicOCSPResponse does not parse",
            "ocsp/boringssl/bad_ocsp_type.resp.der", "responseType 1.3.6.1.5.5.7.48.1.2 is not id-pkix-ocsp-basic",
            "ocsp/boringssl/good_response_invalid_serial.resp.der", "integer",
            "ocsp/pyca/resp-response-type-unknown-oid.der", "responseType 1.3.6.1.5.5.7.48.1.50000 is not id-pkix-ocsp-basic",
            "ocsp/pyca/resp-successful-no-response-bytes.der", "no responseBytes");

    static Stream<Arguments> responses() {
        return Vectors.ocspFacts("ocsp-response").stream()
                .map(fact -> Arguments.of(fact.get("file").asText(), fact));
    }

    static Stream<Arguments> signedResponses() {
        return Vectors.ocspFacts("ocsp-response").stream()
                .filter(fact -> fact.get("signatureVerifiesWith").isArray())
                .filter(fact -> !fact.has("openssl_error")) // what OpenSSL cannot parse, neither do we
                .map(fact -> Arguments.of(fact.get("file").asText(), fact));
    }

    @Test
    void coversEveryResponseInTheVectors() {
        // 96 response files per the facts; a copy that lost some would silently test less.
        assertEquals(96, Vectors.ocspFacts("ocsp-response").size());
        for (JsonNode fact : Vectors.ocspFacts("ocsp-response")) {
            assertTrue(Vectors.bytes(fact.get("file").asText()).length == fact.get("size").asInt(),
                    () -> fact.get("file").asText() + " differs in size from the facts");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void parsesEveryResponseAsOpenSslDoes(String file, JsonNode fact) throws Exception {
        byte[] body = Vectors.bytes(file);
        String status = fact.get("responseStatus").asText();
        if (status.startsWith("UNPARSEABLE") || fact.has("openssl_error")) {
            String expected = MUST_NOT_PARSE.get(file);
            if (expected == null) {
                fail("OpenSSL could not parse " + file + " but the test has no expectation for it");
            }
            MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> OcspResponseParser.parse(body));
            assertTrue(e.getMessage().contains(expected), () -> "message \"" + e.getMessage() + "\" should say " + expected);
            assertTrue(!e.getMessage().contains("\n"), "one-line message");
            return;
        }
        assertTrue(!MUST_NOT_PARSE.containsKey(file), "OpenSSL parsed it, the table says it must not");
        Matcher m = STATUS.matcher(status);
        assertTrue(m.matches(), status);
        int code = Integer.parseInt(m.group(2));

        ParsedResponse parsed = OcspResponseParser.parse(body);
        if (code != 0) {
            ParsedResponse.Unsuccessful unsuccessful = assertInstanceOf(ParsedResponse.Unsuccessful.class, parsed);
            assertEquals(code, unsuccessful.statusCode());
            return;
        }
        ParsedResponse.Basic basic = assertInstanceOf(ParsedResponse.Basic.class, parsed);
        assertResponder(fact.get("responderId").asText(), basic.responderId());
        assertEquals(Instant.parse(fact.get("producedAt").asText()), basic.producedAt(), "producedAt");

        JsonNode singles = fact.has("singleResponses") ? fact.get("singleResponses") : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        assertEquals(singles.size(), basic.responses().size(), "number of SingleResponses");
        for (int i = 0; i < singles.size(); i++) {
            assertSingle(singles.get(i), basic.responses().get(i), "SingleResponse " + i);
        }
        assertEquals(fact.get("embeddedCerts").asInt(), basic.certificates().size(), "embedded certificates");
        assertEquals(fact.get("signatureAlgorithm").asText(), Signatures.name(basic.signatureAlgorithm()), "signature algorithm");
        assertExtensions(fact.get("responseExtensions"), basic.extensions(), "responseExtensions");
        if (fact.has("nonce")) {
            assertNotNull(basic.nonce(), "nonce");
            assertEquals(fact.get("nonce").asText().toLowerCase(Locale.ROOT), HEX.formatHex(basic.nonce()));
        } else {
            assertNull(basic.nonce(), "no response nonce");
        }
    }

    private static void assertResponder(String expected, ResponderId actual) {
        if (expected.startsWith("byKey ")) {
            ResponderId.ByKey byKey = assertInstanceOf(ResponderId.ByKey.class, actual);
            assertEquals("byKey", actual.type());
            assertArrayEquals(HEX.parseHex(expected.substring(6)), byKey.keyHash());
            assertEquals(expected.substring(6).toLowerCase(Locale.ROOT), actual.value());
        } else if (expected.startsWith("byName ")) {
            assertInstanceOf(ResponderId.ByName.class, actual);
            assertEquals("byName", actual.type());
            assertEquals(Names.fromOpenSslOneline(expected.substring(7)), Names.fromRfc4514(actual.value()),
                    () -> "responder name " + actual.value() + " vs OpenSSL's " + expected);
        } else {
            fail("unexpected responderId fact " + expected);
        }
    }

    private static void assertSingle(JsonNode expected, SingleResponse actual, String what) {
        assertEquals(expected.get("hashAlg").asText(), actual.hashAlgorithmName(), what + " hash algorithm");
        assertEquals(new BigInteger(expected.get("serial").asText(), 16), actual.serial(), what + " serial");
        assertEquals(expected.get("certStatus").asText().toUpperCase(Locale.ROOT), actual.status().name(), what + " certStatus");
        assertArrayEquals(HEX.parseHex(expected.get("issuerNameHash").asText()), actual.issuerNameHash(), what + " issuerNameHash");
        assertArrayEquals(HEX.parseHex(expected.get("issuerKeyHash").asText()), actual.issuerKeyHash(), what + " issuerKeyHash");
        assertEquals(instant(expected.get("revocationTime")), actual.revocationTime(), what + " revocationTime");
        if (expected.has("reason")) {
            Matcher m = REASON.matcher(expected.get("reason").asText());
            assertTrue(m.matches(), expected.get("reason").asText());
            assertEquals(Integer.parseInt(m.group(2), 16), actual.revocationReason(), what + " reason code");
            assertEquals(m.group(1), RevocationReason.name(actual.revocationReason()), what + " reason name");
        } else {
            assertNull(actual.revocationReason(), what + " has no reason");
        }
        assertEquals(instant(expected.get("thisUpdate")), actual.thisUpdate(), what + " thisUpdate");
        assertEquals(instant(expected.get("nextUpdate")), actual.nextUpdate(), what + " nextUpdate (absent = null)");
        assertExtensions(expected.get("singleExtensions"), actual.extensions(), what + " singleExtensions");
    }

    /** Facts list extensions as OpenSSL names them, with ": critical" when critical. */
    private static void assertExtensions(JsonNode expected, List<OcspExtension> actual, String what) {
        List<Boolean> expectedCritical = new ArrayList<>();
        if (expected != null) {
            for (JsonNode e : expected) {
                expectedCritical.add(e.asText().endsWith(": critical"));
            }
        }
        List<Boolean> actualCritical = actual.stream().map(OcspExtension::critical).toList();
        assertEquals(expectedCritical, actualCritical, what + " (count and criticality)");
        if (expected != null) {
            for (int i = 0; i < expected.size(); i++) {
                String name = expected.get(i).asText().replace(": critical", "");
                if (name.matches("[0-9.]+")) {
                    assertEquals(name, actual.get(i).oid().getId(), what + " OID");
                }
            }
        }
    }

    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asText());
    }

    // ---------------------------------------------------------------------------------------
    // Which certificate's key verifies it

    /** Every certificate the facts' signatureVerifiesWith can name: the certificate files under ocsp/. */
    private static Map<String, List<PublicKey>> candidateKeys;

    private static synchronized Map<String, List<PublicKey>> candidateKeys() throws GeneralSecurityException {
        if (candidateKeys == null) {
            Map<String, List<PublicKey>> keys = new LinkedHashMap<>();
            for (JsonNode fact : Vectors.ocspFacts("certificate")) {
                if (fact.has("error")) {
                    continue; // OpenSSL could not read it, so it cannot be in any fact
                }
                String file = fact.get("file").asText();
                List<PublicKey> fileKeys = new ArrayList<>();
                for (X509CertificateHolder cert : Vectors.certificates(file)) {
                    fileKeys.add(PublicKeys.of(cert.getSubjectPublicKeyInfo()));
                }
                keys.put(file, fileKeys);
            }
            candidateKeys = keys;
        }
        return candidateKeys;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedResponses")
    void signatureVerifiesWithExactlyTheCertificatesTheFactsName(String file, JsonNode fact) throws Exception {
        ParsedResponse.Basic basic = (ParsedResponse.Basic) OcspResponseParser.parse(Vectors.bytes(file));
        Set<String> verifying = new TreeSet<>();
        for (Map.Entry<String, List<PublicKey>> candidate : candidateKeys().entrySet()) {
            for (PublicKey key : candidate.getValue()) {
                if (Signatures.verify(basic.signatureAlgorithm(), key, basic.tbsResponseData(), basic.signature())) {
                    verifying.add(candidate.getKey());
                    break;
                }
            }
        }
        for (X509CertificateHolder embedded : basic.certificates()) {
            PublicKey key = PublicKeys.of(embedded.getSubjectPublicKeyInfo());
            if (Signatures.verify(basic.signatureAlgorithm(), key, basic.tbsResponseData(), basic.signature())) {
                verifying.add("embedded:" + Names.rfc4514(embedded.getSubject()));
            }
        }
        Set<String> expected = new TreeSet<>();
        fact.get("signatureVerifiesWith").forEach(n -> expected.add(n.asText()));
        assertEquals(expected, verifying);
    }

    @Test
    void refusesToVerifyAnMd2SignatureRatherThanCallingItInvalid() throws Exception {
        String file = "ocsp/pyca/resp-invalid-signature-oid.der";
        assertTrue(Vectors.fact(file).get("signatureVerifiesWith").asText().startsWith("cannot check: unsupported"));
        ParsedResponse.Basic basic = (ParsedResponse.Basic) OcspResponseParser.parse(Vectors.bytes(file));
        PublicKey letsEncrypt = PublicKeys.of(Vectors.certificate("ocsp/pyca/letsencryptx3.pem").getSubjectPublicKeyInfo());
        Signatures.UnsupportedSignatureAlgorithmException e = assertThrows(Signatures.UnsupportedSignatureAlgorithmException.class,
                () -> Signatures.verify(basic.signatureAlgorithm(), letsEncrypt, basic.tbsResponseData(), basic.signature()));
        assertTrue(e.getMessage().contains("md2WithRSAEncryption"), e.getMessage());
    }

    // ---------------------------------------------------------------------------------------
    // Untrusted bytes

    @Test
    void keepsTheSignedBytesExactlyAsReceivedEvenWithAnExplicitDefaultVersion() throws Exception {
        // Go encodes ResponseData's DEFAULT v1 explicitly; re-encoding would drop it and break the signature.
        byte[] body = Vectors.bytes("ocsp/golang-x-crypto/resp-revoked-single-ext-nonce.der");
        ParsedResponse.Basic basic = (ParsedResponse.Basic) OcspResponseParser.parse(body);
        byte[] tbs = basic.tbsResponseData();
        assertEquals(0x30, tbs[0] & 0xff);
        int header = (tbs[1] & 0x80) == 0 ? 2 : 2 + (tbs[1] & 0x7f);
        assertEquals(0xa0, tbs[header] & 0xff, "tbsResponseData starts with the explicit [0] version");
        assertTrue(indexOf(body, tbs) > 0, "tbsResponseData is a slice of the body");
        PublicKey responder = PublicKeys.of(basic.certificates().get(0).getSubjectPublicKeyInfo());
        assertTrue(Signatures.verify(basic.signatureAlgorithm(), responder, tbs, basic.signature()));
    }

    @Test
    void rejectsAnEmptyBody() {
        MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> OcspResponseParser.parse(new byte[0]));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertThrows(MalformedResponseException.class, () -> OcspResponseParser.parse(null));
    }

    @Test
    void rejectsTrailingBytesAfterTheResponse() {
        byte[] body = Vectors.bytes("ocsp/openssl/ND1.der");
        byte[] longer = Arrays.copyOf(body, body.length + 1);
        assertThrows(MalformedResponseException.class, () -> OcspResponseParser.parse(longer));
    }

    @Test
    void rejectsEveryTruncationOfARealResponseWithMalformedResponseException() {
        byte[] body = Vectors.bytes("ocsp/openssl/D1.der");
        for (int length = 0; length < body.length; length++) {
            byte[] cut = Arrays.copyOf(body, length);
            int n = length;
            MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> OcspResponseParser.parse(cut),
                    () -> "truncated to " + n + " bytes");
            assertNotNull(e.getMessage());
        }
    }

    @Test
    void neverThrowsAnythingButMalformedResponseExceptionForCorruptedBytes() {
        byte[] body = Vectors.bytes("ocsp/boringssl/revoke_response_reason.resp.der");
        int[] replacements = {0x00, 0xff, 0x80, 0x30};
        for (int i = 0; i < body.length; i++) {
            for (int replacement : replacements) {
                byte[] corrupt = body.clone();
                corrupt[i] = (byte) replacement;
                try {
                    OcspResponseParser.parse(corrupt);
                } catch (MalformedResponseException e) {
                    assertNotNull(e.getMessage());
                } catch (RuntimeException e) {
                    fail("byte " + i + " set to " + replacement + " escaped as " + e, e);
                }
            }
        }
    }

    @Test
    void rejectsAResponderNameWhoseAttributeIsNotASequence() {
        byte[] body = responderNameWithDamagedAttribute();
        MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> OcspResponseParser.parse(body));
        assertTrue(e.getMessage().contains("responderID byName is not a valid Name"), e.getMessage());
    }

    /**
     * good_response.resp.der with the responder name's AttributeTypeAndValue SEQUENCE retagged
     * as a SET: still well-formed DER, but not a Name.
     */
    static byte[] responderNameWithDamagedAttribute() {
        byte[] body = Vectors.bytes("ocsp/boringssl/good_response.resp.der");
        for (int i = 0; i + 6 < body.length; i++) {
            // [1] EXPLICIT Name: a1 len 30 len 31 len 30 ...
            if ((body[i] & 0xff) == 0xa1 && body[i + 2] == 0x30 && body[i + 4] == 0x31 && body[i + 6] == 0x30) {
                body[i + 6] = 0x31;
                return body;
            }
        }
        throw new IllegalStateException("no byName responderID found");
    }

    @Test
    void reportsAnUndefinedStatusAsItsNumberForTheCheckerToJudge() throws Exception {
        ParsedResponse parsed = OcspResponseParser.parse(HEX.parseHex("30030a0104"));
        assertEquals(4, assertInstanceOf(ParsedResponse.Unsuccessful.class, parsed).statusCode());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
