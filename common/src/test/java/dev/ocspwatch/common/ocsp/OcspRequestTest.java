package dev.ocspwatch.common.ocsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocspwatch.common.Vectors;
import dev.ocspwatch.common.x509.IssuerCertificate;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.Req;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class OcspRequestTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void buildsGoForFacebookByteForByte() {
        X509CertificateHolder leaf = Vectors.certificate("certs/verisign-facebook-leaf.der");
        IssuerCertificate issuer = Vectors.issuer("certs/verisign-intl-server-ca-class3.der");
        byte[] built = OcspRequest.of(CertId.of(issuer, leaf.getSerialNumber(), CertIdHash.SHA1)).der();
        assertArrayEquals(Vectors.bytes("ocsp/golang-x-crypto/req-facebook-sha1.der"), built);
    }

    @Test
    void buildsBoringSslsRequestByteForByte() throws Exception {
        byte[] golden = Vectors.bytes("ocsp/boringssl/request.der");
        assertFalse(new OCSPReq(golden).hasExtensions(), "the golden request carries no extensions");
        X509CertificateHolder cert = Vectors.certificate("ocsp/boringssl/cert.der");
        IssuerCertificate issuer = Vectors.issuer("ocsp/boringssl/ca-intermediate.der");
        assertArrayEquals(golden, OcspRequest.of(CertId.of(issuer, cert.getSerialNumber(), CertIdHash.SHA1)).der());
    }

    @Test
    void buildsAwsLcsRequestWithoutNonceByteForByte() {
        X509CertificateHolder cert = Vectors.certificate("ocsp/aws-lc/rsa_cert.pem");
        IssuerCertificate issuer = Vectors.issuer("ocsp/aws-lc/ca_cert.pem");
        assertArrayEquals(Vectors.bytes("ocsp/aws-lc/ocsp_request_no_nonce.der"),
                OcspRequest.of(CertId.of(issuer, cert.getSerialNumber(), CertIdHash.SHA1)).der());
    }

    @Test
    void buildsAwsLcsRequestWithNonceByteForByte() {
        // the facts' nonce extnValue is 04 10 <16 bytes>: our nonce is the inner 16 bytes
        String extnValue = Vectors.fact("ocsp/aws-lc/ocsp_request.der").get("nonce").asText();
        byte[] nonce = HEX.parseHex(extnValue.substring(4));
        X509CertificateHolder cert = Vectors.certificate("ocsp/aws-lc/rsa_cert.pem");
        IssuerCertificate issuer = Vectors.issuer("ocsp/aws-lc/ca_cert.pem");
        assertArrayEquals(Vectors.bytes("ocsp/aws-lc/ocsp_request.der"),
                OcspRequest.withNonce(CertId.of(issuer, cert.getSerialNumber(), CertIdHash.SHA1), nonce).der());
    }

    /** RustCrypto's requests for serial 010001 under rsa-2048-sha256-ca, one per CertID hash. */
    @ParameterizedTest
    @EnumSource(CertIdHash.class)
    void buildsRustCryptosRequestUnderEveryCertIdHashByteForByte(CertIdHash hash) {
        String file = "ocsp/rustcrypto/" + hash.name().toLowerCase(Locale.ROOT) + "-certid-ocsp-req.der";
        JsonNode request = Vectors.fact(file).get("requests").get(0);
        assertEquals(hash.name().toLowerCase(Locale.ROOT), request.get("hashAlg").asText());
        BigInteger serial = new BigInteger(request.get("serial").asText(), 16);
        IssuerCertificate issuer = Vectors.issuer("ocsp/rustcrypto/rsa-2048-sha256-ca.der");
        assertArrayEquals(Vectors.bytes(file), OcspRequest.of(CertId.of(issuer, serial, hash)).der());
    }

    @Test
    void computesTheSha256CertIdOfAwsLcsSignedRequest() throws Exception {
        // a signed request cannot be rebuilt byte for byte, but its SHA-256 CertID can
        Req[] requests = new OCSPReq(Vectors.bytes("ocsp/aws-lc/ocsp_request_signed_sha256.der")).getRequestList();
        assertEquals(1, requests.length);
        CertificateID theirs = requests[0].getCertID();
        X509CertificateHolder cert = Vectors.certificate("ocsp/aws-lc/rsa_cert.pem");
        CertId ours = CertId.of(Vectors.issuer("ocsp/aws-lc/ca_cert.pem"), cert.getSerialNumber(), CertIdHash.SHA256);
        assertEquals(org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256, theirs.getHashAlgOID());
        assertEquals(HEX.formatHex(theirs.getIssuerNameHash()), ours.issuerNameHash());
        assertEquals(HEX.formatHex(theirs.getIssuerKeyHash()), ours.issuerKeyHash());
        assertEquals(theirs.getSerialNumber(), ours.serial());
        // and the facts of the SHA-256 responses to it say the same
        JsonNode single = Vectors.fact("ocsp/aws-lc/ocsp_response_sha256.der").get("singleResponses").get(0);
        assertEquals(single.get("issuerNameHash").asText().toLowerCase(Locale.ROOT), ours.issuerNameHash());
        assertEquals(single.get("issuerKeyHash").asText().toLowerCase(Locale.ROOT), ours.issuerKeyHash());
    }

    // ---------------------------------------------------------------------------------------
    // parse

    static Stream<Arguments> parseableRequests() {
        return Vectors.ocspFacts("ocsp-request").stream()
                .filter(f -> f.has("requests"))
                .filter(f -> !f.get("file").asText().endsWith("req-duplicate-ext.der"))
                .map(f -> Arguments.of(f.get("file").asText(), f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parseableRequests")
    void parsesEveryRequestAsOpenSslDoes(String file, JsonNode fact) {
        OcspRequest request = OcspRequest.parse(Vectors.bytes(file));
        List<String> expected = new ArrayList<>();
        for (JsonNode r : fact.get("requests")) {
            String hash = r.get("hashAlg").asText();
            if (!hash.matches("[0-9.]+")) { // CertIDs under an unknown hash are dropped
                expected.add(hash + "/" + new BigInteger(r.get("serial").asText(), 16).toString(16));
            }
        }
        List<String> actual = request.certIds().stream()
                .map(id -> id.hash().name().toLowerCase(Locale.ROOT) + "/" + id.serial().toString(16)).toList();
        assertEquals(expected, actual);
        if (fact.has("nonce")) {
            String extnValue = fact.get("nonce").asText().toLowerCase(Locale.ROOT);
            byte[] nonce = request.nonce().orElseThrow();
            // extnValue = OCTET STRING { nonce }: tag 04, one length byte, the nonce
            assertEquals(extnValue, "04" + String.format("%02x", nonce.length) + HEX.formatHex(nonce));
        } else {
            assertEquals(Optional.empty(), request.nonce().map(HEX::formatHex));
        }
        assertArrayEquals(Vectors.bytes(file), request.der(), "der() is what was received");
    }

    @Test
    void rejectsARequestWithTheNonceExtensionTwice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OcspRequest.parse(Vectors.bytes("ocsp/pyca/req-duplicate-ext.der")));
        assertTrue(e.getMessage().startsWith("not an OCSP request"), e.getMessage());
    }

    @Test
    void rejectsARequestWithANonMinimalSerial() {
        assertThrows(IllegalArgumentException.class, () -> OcspRequest.parse(Vectors.bytes("ocsp/boringssl/request-invalid-serial.der")));
    }

    @Test
    void rejectsBytesThatAreNotARequest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OcspRequest.parse(Vectors.bytes("ocsp/openssl/ND1.der")));
        assertTrue(e.getMessage().startsWith("not an OCSP request"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OcspRequest.parse(new byte[] {0x30, 0x03, 0x02}));
    }

    @Test
    void parsesWhatItBuilds() {
        IssuerCertificate issuer = Vectors.issuer("ocsp/openssl/ND1_Issuer_ICA.pem");
        for (CertIdHash hash : CertIdHash.values()) {
            CertId id = CertId.of(issuer, new BigInteger("22E1332220A048DF29B2BF9A31C29B07", 16), hash);
            OcspRequest built = OcspRequest.of(id);
            OcspRequest parsed = OcspRequest.parse(built.der());
            assertEquals(List.of(id), parsed.certIds());
            assertEquals(id, parsed.certId());
            assertEquals(Optional.empty(), parsed.nonce());
            assertArrayEquals(built.der(), parsed.der());
            assertEquals(built.der().length, built.size());
        }
    }

    @Test
    void carriesANonceThereAndBack() throws Exception {
        byte[] nonce = HEX.parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        CertId id = CertId.of(Vectors.issuer("ocsp/boringssl/ca-intermediate.der"), BigInteger.valueOf(5), CertIdHash.SHA1);
        OcspRequest request = OcspRequest.withNonce(id, nonce);
        nonce[0] = 0x7f; // the request keeps its own copy
        assertEquals("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
                HEX.formatHex(OcspRequest.parse(request.der()).nonce().orElseThrow()));
        // read independently: RFC 8954 wants the nonce as an OCTET STRING inside extnValue
        OCSPReq bc = new OCSPReq(request.der());
        byte[] extnValue = bc.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue().getOctets();
        assertEquals(32, ASN1OctetString.getInstance(extnValue).getOctets().length);
        assertFalse(bc.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).isCritical());
        assertFalse(bc.isSigned());
    }

    @Test
    void formatsItsGetUrl() {
        CertId id = CertId.of(Vectors.issuer("ocsp/boringssl/ca-intermediate.der"), BigInteger.valueOf(5), CertIdHash.SHA1);
        OcspRequest request = OcspRequest.of(id);
        String url = request.getUrl("http://ocsp.example.com");
        assertEquals(OcspGetUrl.format("http://ocsp.example.com", request.der()), url);
        assertArrayEquals(request.der(), OcspGetUrl.parse(url.substring("http://ocsp.example.com/".length())));
    }
}
