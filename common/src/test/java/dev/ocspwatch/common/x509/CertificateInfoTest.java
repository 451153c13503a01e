package dev.ocspwatch.common.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocspwatch.common.CtEntries;
import dev.ocspwatch.common.Names;
import dev.ocspwatch.common.TestPki;
import dev.ocspwatch.common.Vectors;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CertificateInfoTest {
    private static final HexFormat HEX = HexFormat.of();

    /** The README's certs/ table (as expected-openssl-facts.json "certs") and the certificates under ocsp/. */
    static Stream<Arguments> certificates() {
        List<JsonNode> all = new ArrayList<>();
        Vectors.facts().get("certs").forEach(all::add);
        Vectors.ocspFacts("certificate").stream().filter(f -> !f.has("error")).forEach(all::add);
        return all.stream().map(f -> Arguments.of(f.get("file").asText(), f));
    }

    @Test
    void coversEveryCertificateOfTheCertsFolder() {
        assertEquals(11, Vectors.facts().get("certs").size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certificates")
    void readsWhatOpenSslPrinted(String file, JsonNode fact) throws Exception {
        CertificateInfo info = CertificateInfo.of(Vectors.certificate(file));
        assertEquals(Names.commonName(fact.get("subject").asText()), Names.commonName(info.subject()), "subject CN");
        assertEquals(Names.commonName(fact.get("issuer").asText()), Names.commonName(info.issuer()), "issuer CN");
        assertEquals(new BigInteger(fact.get("serial").asText(), 16).toString(16), info.serialHex(), "serial");
        assertEquals(Instant.parse(fact.get("notBefore").asText()), info.notBefore(), "notBefore");
        assertEquals(Instant.parse(fact.get("notAfter").asText()), info.notAfter(), "notAfter");
        assertEquals(strings(fact.get("ocsp")), info.ocspUrls(), "OCSP URLs");
        assertEquals(strings(fact.get("crl")), info.crlUrls(), "CRL URLs");
        assertFalse(info.precertificate());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void readsTheWholeSubjectOfAnEvLeaf() throws Exception {
        CertificateInfo info = CertificateInfo.of(Vectors.certificate("certs/comodo-secure.comodo.com-leaf.pem"));
        assertTrue(info.subject().startsWith("CN=secure.comodo.com,OU=Comodo EV SGC SSL,O=COMODO CA Limited,"), info.subject());
        assertTrue(info.subject().contains("STREET=3rd Floor\\, 26 Office Village"), info.subject());
        assertEquals("CN=COMODO Extended Validation Secure Server CA,O=COMODO CA Limited,L=Salford,ST=Greater Manchester,C=GB",
                info.issuer());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "certs/comodo-secure.comodo.com-leaf.pem|secure.comodo.com,www.secure.comodo.com|http://crt.comodoca.com/COMODOExtendedValidationSecureServerCA.crt|false|RSA 2048|sha1WithRSAEncryption",
            "certs/comodo-ev-secure-server-ca.pem||http://crt.comodoca.com/COMODOAddTrustServerCA.crt|true|RSA 2048|sha1WithRSAEncryption",
            "certs/gts-www.google.com-leaf.pem|www.google.com|http://pki.goog/repo/certs/gts1c3.der|false|RSA 2048|sha256WithRSAEncryption",
            "certs/gts-ca-1c3.pem||http://pki.goog/repo/certs/gtsr1.der|true|RSA 2048|sha256WithRSAEncryption",
            "certs/gts-root-r1.pem|||true|RSA 4096|sha384WithRSAEncryption",
            "certs/rapidssl-www.cryptography.io-leaf.pem|www.cryptography.io,cryptography.io|http://gv.symcb.com/gv.crt|false|RSA 4096|sha256WithRSAEncryption",
            "certs/verisign-facebook-leaf.der|*.facebook.com,facebook.com||false|RSA 1024|sha1WithRSAEncryption",
            "certs/verisign-intl-server-ca-class3.der|||true|RSA 1024|sha1WithRSAEncryption",
            "ocsp/aws-lc/ecdsa_cert.pem|||false|ECDSA P-256|sha256WithRSAEncryption"})
    void readsNamesIssuerUrlsAndKeys(String file, String dnsNames, String caIssuers, boolean ca, String key, String signature)
            throws Exception {
        CertificateInfo info = CertificateInfo.of(Vectors.certificate(file));
        assertEquals(split(dnsNames), info.dnsNames(), "DNS names");
        assertEquals(split(caIssuers), info.caIssuersUrls(), "caIssuers");
        assertEquals(ca, info.ca(), "CA");
        assertEquals(key, info.keyAlgorithm());
        assertEquals(signature, info.signatureAlgorithm());
    }

    private static List<String> split(String list) {
        return list == null || list.isEmpty() ? List.of() : List.of(list.split(","));
    }

    @Test
    void fingerprintsTheCertificateAndItsKey() throws Exception {
        X509CertificateHolder cert = Vectors.certificate("certs/gts-www.google.com-leaf.pem");
        CertificateInfo info = CertificateInfo.of(cert);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        // the DER as stored, not as re-encoded
        byte[] pemBody = java.util.Base64.getMimeDecoder().decode(new String(Vectors.bytes("certs/gts-www.google.com-leaf.pem"),
                java.nio.charset.StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", ""));
        assertEquals(HEX.formatHex(sha256.digest(pemBody)), info.sha256());
        assertEquals(Vectors.issuer("certs/gts-www.google.com-leaf.pem").spkiSha256(), info.spkiSha256());
    }

    @Test
    void readsAVersion1CertificateWithoutExtensions() throws Exception {
        CertificateInfo info = CertificateInfo.of(Vectors.certificate("ocsp/aws-lc/ocsp_expired_cert.pem"));
        assertEquals(List.of(), info.ocspUrls());
        assertEquals(List.of(), info.crlUrls());
        assertEquals(List.of(), info.dnsNames());
        assertEquals(List.of(), info.caIssuersUrls());
        assertFalse(info.ca());
        assertEquals(Instant.parse("2023-06-03T00:27:54Z"), info.notAfter());
    }

    @Test
    void marksAPrecertificateFromACtLogAndNotItsIssuer() throws Exception {
        CtEntries.Entry precert = CtEntries.read("ct/rfc6962/get-entries-precert-and-x509.json").get(0);
        CertificateInfo info = CertificateInfo.of(new X509CertificateHolder(precert.certificate()));
        assertTrue(info.precertificate());
        assertEquals("sdfedsf.trust", Names.commonName(info.subject()));
        assertEquals("532298c396a3e25fcaa1977e827b5f3", info.serialHex());
        CertificateInfo issuer = CertificateInfo.of(new X509CertificateHolder(precert.chain().get(0)));
        assertFalse(issuer.precertificate());
        assertTrue(issuer.ca());
        CtEntries.Entry x509 = CtEntries.read("ct/rfc6962/get-entries-precert-and-x509.json").get(1);
        assertFalse(CertificateInfo.of(new X509CertificateHolder(x509.certificate())).precertificate());
    }

    @Test
    void namesADamagedExtensionInsteadOfCrashing() {
        KeyPair key = TestPki.ecKeyPair();
        X509CertificateHolder cert = TestPki.certificate(TestPki.name("Damaged"), key.getPublic(), TestPki.name("Damaged"),
                key.getPrivate(), BigInteger.ONE, Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"),
                b -> b.addExtension(Extension.authorityInfoAccess, false, new DEROctetString(new byte[] {1, 2, 3})));
        CertificateInputException e = assertThrows(CertificateInputException.class, () -> CertificateInfo.of(cert));
        assertTrue(e.getMessage().contains("authorityInfoAccess"), e.getMessage());
    }
}
