package dev.ocspwatch.lab.pki;

import static dev.ocspwatch.lab.testing.OpenSslCli.assumeAvailable;
import static dev.ocspwatch.lab.testing.OpenSslCli.epochSeconds;
import static dev.ocspwatch.lab.testing.OpenSslCli.run;
import static dev.ocspwatch.lab.testing.OpenSslCli.writeDer;
import static dev.ocspwatch.lab.testing.OpenSslCli.writePem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.x509.CertificateInfo;
import dev.ocspwatch.lab.testing.OpenSslCli;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SimulatedCaTest {
    private static final Instant CA_NOT_BEFORE = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant ISSUED_AT = Instant.parse("2025-05-31T00:00:00Z");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Duration LEAF_VALIDITY = Duration.ofDays(90);

    private static final String CT_POISON = "1.3.6.1.4.1.11129.2.4.3";
    private static final String AIA = "1.3.6.1.5.5.7.1.1";
    private static final String CRL_DP = "2.5.29.31";
    private static final String OCSP_NOCHECK = "1.3.6.1.5.5.7.48.1.5";
    private static final String KP_OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
    private static final String KP_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    private static SimulatedCa rsaRoot;
    private static SimulatedCa rsaIssuing;
    private static SimulatedCa ecIssuing;
    private static SimulatedCa ecRoot;
    private static SimulatedCa ecUnderEcIssuing;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildCas() {
        rsaRoot = SimulatedCa.root("Lab Test Root R1", KeyKind.RSA_2048, CA_NOT_BEFORE, new Random(1));
        rsaIssuing = rsaRoot.intermediate("Lab Test RSA Issuing CA", KeyKind.RSA_2048, CA_NOT_BEFORE,
                List.of("http://ocsp.root.test/"), List.of("http://crl.root.test/root.crl"));
        ecIssuing = rsaRoot.intermediate("Lab Test ECDSA Issuing CA", KeyKind.ECDSA_P256, CA_NOT_BEFORE, List.of(), List.of());
        ecRoot = SimulatedCa.root("Lab Test Root E1", KeyKind.ECDSA_P256, CA_NOT_BEFORE, new Random(2));
        ecUnderEcIssuing = ecRoot.intermediate("Lab Test ECDSA Issuing CA E2", KeyKind.ECDSA_P256, CA_NOT_BEFORE,
                List.of(), List.of());
    }

    static Stream<Arguments> chains() {
        return Stream.of(
                Arguments.of("RSA root, RSA issuing CA", rsaRoot, rsaIssuing),
                Arguments.of("RSA root, ECDSA issuing CA", rsaRoot, ecIssuing),
                Arguments.of("ECDSA root, ECDSA issuing CA", ecRoot, ecUnderEcIssuing));
    }

    private static CertificateProfile profile(String dnsName) {
        return new CertificateProfile(List.of(dnsName), ISSUED_AT, LEAF_VALIDITY,
                List.of("http://ocsp.issuing.test/"), List.of("http://crl.issuing.test/1.crl"),
                List.of("http://ca.issuing.test/issuing.der"), false);
    }

    private static X509Certificate jdk(X509CertificateHolder holder) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
    }

    // ---- chains OpenSSL accepts ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("chains")
    void openSslVerifiesTheLeafThroughTheIssuingCaToTheRoot(String name, SimulatedCa root, SimulatedCa issuing) {
        assumeAvailable();
        X509CertificateHolder leaf = issuing.issue(profile("www.chain.test"));
        writePem(dir.resolve("root.pem"), root.certificate());
        writePem(dir.resolve("intermediate.pem"), issuing.certificate());
        writePem(dir.resolve("leaf.pem"), leaf);

        OpenSslCli.Result result = run(dir, "verify", "-attime", epochSeconds(NOW), "-purpose", "sslserver",
                "-CAfile", "root.pem", "-untrusted", "intermediate.pem", "leaf.pem");

        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(result.output().contains("leaf.pem: OK"), result.describe());
    }

    @Test
    void openSslRejectsTheLeafWithoutItsIssuingCa() {
        assumeAvailable();
        writePem(dir.resolve("root.pem"), rsaRoot.certificate());
        writePem(dir.resolve("leaf.pem"), rsaIssuing.issue(profile("www.orphan.test")));

        OpenSslCli.Result result = run(dir, "verify", "-attime", epochSeconds(NOW), "-CAfile", "root.pem", "leaf.pem");

        assertNotEquals(0, result.exitCode(), result.describe());
        assertTrue(result.output().contains("unable to get local issuer certificate"), result.describe());
    }

    @Test
    void leafValidityIsTheProfilesNotBeforePlusValidityAndOpenSslEnforcesIt() throws Exception {
        X509CertificateHolder leaf = rsaIssuing.issue(profile("www.validity.test"));
        X509Certificate cert = jdk(leaf);
        assertEquals(ISSUED_AT, cert.getNotBefore().toInstant());
        assertEquals(ISSUED_AT.plus(LEAF_VALIDITY), cert.getNotAfter().toInstant());
        assertEquals(rsaIssuing.certificate().getSubject(), leaf.getIssuer());

        assumeAvailable();
        writePem(dir.resolve("root.pem"), rsaRoot.certificate());
        writePem(dir.resolve("intermediate.pem"), rsaIssuing.certificate());
        writePem(dir.resolve("leaf.pem"), leaf);
        OpenSslCli.Result expired = run(dir, "verify", "-attime", epochSeconds(ISSUED_AT.plus(LEAF_VALIDITY).plusSeconds(1)),
                "-CAfile", "root.pem", "-untrusted", "intermediate.pem", "leaf.pem");
        assertNotEquals(0, expired.exitCode(), expired.describe());
        assertTrue(expired.output().contains("certificate has expired"), expired.describe());
        OpenSslCli.Result early = run(dir, "verify", "-attime", epochSeconds(ISSUED_AT.minusSeconds(1)),
                "-CAfile", "root.pem", "-untrusted", "intermediate.pem", "leaf.pem");
        assertNotEquals(0, early.exitCode(), early.describe());
        assertTrue(early.output().contains("certificate is not yet valid"), early.describe());
    }

    @Test
    void intermediateCarriesItsOwnRevocationPointersAndIsAPathLengthZeroCa() throws Exception {
        X509Certificate cert = jdk(rsaIssuing.certificate());
        assertEquals(0, cert.getBasicConstraints(), "a CA with pathLenConstraint 0");
        CertificateInfo info = CertificateInfo.of(rsaIssuing.certificate());
        assertEquals(List.of("http://ocsp.root.test/"), info.ocspUrls());
        assertEquals(List.of("http://crl.root.test/root.crl"), info.crlUrls());
        assertTrue(info.ca());
        assertNull(jdk(ecIssuing.certificate()).getExtensionValue(AIA), "no URLs given, no AIA");
        assertNull(jdk(ecIssuing.certificate()).getExtensionValue(CRL_DP), "no URLs given, no CRL DP");
    }

    // ---- what the leaf says ----

    @Test
    void leafCarriesTheProfilesOcspCrlAndCaIssuersUrls() throws Exception {
        CertificateProfile profile = new CertificateProfile(List.of("www.urls.test", "urls.test"), ISSUED_AT, LEAF_VALIDITY,
                List.of("http://ocsp.issuing.test/", "http://ocsp2.issuing.test/ocsp"),
                List.of("http://crl.issuing.test/7.crl"), List.of("http://ca.issuing.test/issuing.der"), false);
        X509CertificateHolder leaf = ecIssuing.issue(profile);

        CertificateInfo info = CertificateInfo.of(leaf);
        assertEquals(profile.ocspUrls(), info.ocspUrls());
        assertEquals(profile.crlUrls(), info.crlUrls());
        assertEquals(profile.caIssuersUrls(), info.caIssuersUrls());
        assertEquals(profile.dnsNames(), info.dnsNames());
        assertFalse(info.precertificate());
        assertFalse(info.ca());
        assertTrue(jdk(leaf).getExtendedKeyUsage().contains(KP_SERVER_AUTH));

        assumeAvailable();
        writePem(dir.resolve("leaf.pem"), leaf);
        OpenSslCli.Result text = run(dir, "x509", "-in", "leaf.pem", "-noout",
                "-ext", "authorityInfoAccess,crlDistributionPoints,subjectAltName");
        assertEquals(0, text.exitCode(), text.describe());
        String out = text.output();
        assertTrue(out.contains("OCSP - URI:http://ocsp.issuing.test/\n"), text.describe());
        assertTrue(out.contains("OCSP - URI:http://ocsp2.issuing.test/ocsp"), text.describe());
        assertTrue(out.contains("CA Issuers - URI:http://ca.issuing.test/issuing.der"), text.describe());
        assertTrue(out.contains("URI:http://crl.issuing.test/7.crl"), text.describe());
        assertTrue(out.contains("DNS:www.urls.test, DNS:urls.test"), text.describe());
    }

    @Test
    void profileWithoutOcspUrlsYieldsNoOcspAccessDescription() throws Exception {
        CertificateProfile profile = profile("www.no-ocsp.test").withOcspUrls(List.of());
        X509CertificateHolder leaf = rsaIssuing.issue(profile);

        CertificateInfo info = CertificateInfo.of(leaf);
        assertEquals(List.of(), info.ocspUrls());
        assertEquals(profile.caIssuersUrls(), info.caIssuersUrls(), "the caIssuers entry stays");

        assumeAvailable();
        writePem(dir.resolve("leaf.pem"), leaf);
        OpenSslCli.Result text = run(dir, "x509", "-in", "leaf.pem", "-noout", "-ext", "authorityInfoAccess");
        assertEquals(0, text.exitCode(), text.describe());
        assertTrue(text.output().contains("CA Issuers - URI:http://ca.issuing.test/issuing.der"), text.describe());
        assertFalse(text.output().contains("OCSP"), text.describe());
    }

    @Test
    void profileWithoutAnyUrlsYieldsNeitherAiaNorCrlDistributionPoints() throws Exception {
        CertificateProfile profile = new CertificateProfile(List.of("bare.test"), ISSUED_AT, LEAF_VALIDITY,
                List.of(), List.of(), List.of(), false);
        X509Certificate cert = jdk(rsaIssuing.issue(profile));
        assertNull(cert.getExtensionValue(AIA));
        assertNull(cert.getExtensionValue(CRL_DP));
    }

    @Test
    void precertificateHasTheCriticalPoisonAndTheFinalCertificateWithTheSameSerialDoesNot() throws Exception {
        BigInteger serial = new BigInteger("7a11c0ffee0123456789abcdef", 16);
        CertificateProfile profile = profile("www.ct.test");
        X509CertificateHolder precert = ecIssuing.issue(profile.withPrecertificate(true), serial);
        X509CertificateHolder fin = ecIssuing.issue(profile.withPrecertificate(false), serial);

        X509Certificate pre = jdk(precert);
        assertTrue(pre.getCriticalExtensionOIDs().contains(CT_POISON), "poison must be critical");
        // extnValue is an OCTET STRING holding ASN.1 NULL (RFC 6962 3.1)
        assertArrayEquals(new byte[] {0x04, 0x02, 0x05, 0x00}, pre.getExtensionValue(CT_POISON));
        X509Certificate finalCert = jdk(fin);
        assertNull(finalCert.getExtensionValue(CT_POISON));
        assertEquals(serial, pre.getSerialNumber());
        assertEquals(serial, finalCert.getSerialNumber());
        assertEquals(pre.getIssuerX500Principal(), finalCert.getIssuerX500Principal());
        assertTrue(CertificateInfo.of(precert).precertificate());
        assertFalse(CertificateInfo.of(fin).precertificate());

        assumeAvailable();
        writePem(dir.resolve("pre.pem"), precert);
        writePem(dir.resolve("final.pem"), fin);
        OpenSslCli.Result preText = run(dir, "x509", "-in", "pre.pem", "-noout", "-text");
        assertTrue(preText.output().contains("CT Precertificate Poison: critical"), preText.describe());
        OpenSslCli.Result finalText = run(dir, "x509", "-in", "final.pem", "-noout", "-text");
        assertEquals(0, finalText.exitCode(), finalText.describe());
        assertFalse(finalText.output().contains("Poison"), finalText.describe());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"Example, Inc. Issuing CA", "R&D + Ops CA", "CA = \"quoted\"", "Semi;colon <CA>", "Back\\slash CA",
        "#leading hash", " padded "})
    void anyCommonNameArrivesVerbatimInTheSubject(String commonName) throws Exception {
        SimulatedCa ca = SimulatedCa.root(commonName, KeyKind.ECDSA_P256, CA_NOT_BEFORE, new Random(3));
        X509CertificateHolder leaf = ca.issue(new CertificateProfile(List.of(), ISSUED_AT, LEAF_VALIDITY,
                List.of(), List.of(), List.of(), false));

        // the JDK's own RDN parsing as the judge: one CN attribute with exactly this value
        javax.naming.ldap.LdapName subject = new javax.naming.ldap.LdapName(
                jdk(ca.certificate()).getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253));
        List<Object> commonNames = subject.getRdns().stream().filter(rdn -> rdn.getType().equalsIgnoreCase("CN"))
                .map(javax.naming.ldap.Rdn::getValue).toList();
        assertEquals(List.of(commonName), commonNames, subject.toString());
        assertEquals(2, subject.size(), "CN and O: " + subject);
        assertEquals(ca.certificate().getSubject(), leaf.getIssuer());
    }

    @Test
    void subjectIsCnThenOAsUtf8Strings() throws Exception {
        SimulatedCa ca = SimulatedCa.root("Example, Inc. CA", KeyKind.ECDSA_P256, CA_NOT_BEFORE, new Random(4));
        // SEQUENCE { SET { SEQUENCE { OID 2.5.4.3, UTF8String } }, SET { SEQUENCE { OID 2.5.4.10, UTF8String } } }
        byte[] cn = "Example, Inc. CA".getBytes(StandardCharsets.UTF_8);
        byte[] o = "ocspwatch lab".getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream der = new java.io.ByteArrayOutputStream();
        int cnAtv = 5 + 2 + cn.length;
        int oAtv = 5 + 2 + o.length;
        der.write(new byte[] {0x30, (byte) (2 + 2 + cnAtv + 2 + 2 + oAtv)});
        der.write(new byte[] {0x31, (byte) (2 + cnAtv), 0x30, (byte) cnAtv, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, (byte) cn.length});
        der.write(cn);
        der.write(new byte[] {0x31, (byte) (2 + oAtv), 0x30, (byte) oAtv, 0x06, 0x03, 0x55, 0x04, 0x0a, 0x0c, (byte) o.length});
        der.write(o);
        assertArrayEquals(der.toByteArray(), ca.certificate().getSubject().getEncoded());
    }

    // ---- serials ----

    @Test
    void twoCasWithTheSameSeedIssueTheSameSerialSequence() {
        SimulatedCa first = SimulatedCa.root("Seeded A", KeyKind.ECDSA_P256, CA_NOT_BEFORE, new Random(2025));
        SimulatedCa second = SimulatedCa.root("Seeded B", KeyKind.ECDSA_P256, CA_NOT_BEFORE, new Random(2025));
        SimulatedCa other = SimulatedCa.root("Seeded C", KeyKind.ECDSA_P256, CA_NOT_BEFORE, new Random(2026));
        assertEquals(first.certificate().getSerialNumber(), second.certificate().getSerialNumber());

        List<BigInteger> a = new ArrayList<>();
        List<BigInteger> b = new ArrayList<>();
        List<BigInteger> c = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            a.add(first.issue(profile("a" + i + ".test")).getSerialNumber());
            b.add(second.issue(profile("b" + i + ".test")).getSerialNumber());
            c.add(other.issue(profile("c" + i + ".test")).getSerialNumber());
        }
        assertEquals(a, b);
        assertEquals(5, a.stream().distinct().count(), "a sequence, not one serial repeated: " + a);
        for (int i = 0; i < 5; i++) {
            assertNotEquals(a.get(i), c.get(i), "another seed, other serials");
        }
    }

    @Test
    void serialsArePositiveFitInTwentyOctetsAndVaryInAtLeast64Bits() {
        SimulatedCa ca = SimulatedCa.root("Serial Stats", KeyKind.ECDSA_P256, CA_NOT_BEFORE, new Random(99));
        List<BigInteger> serials = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            serials.add(ca.issue(profile("s" + i + ".test")).getSerialNumber());
        }
        BigInteger varying = BigInteger.ZERO;
        for (BigInteger serial : serials) {
            assertEquals(1, serial.signum(), "serial " + serial + " must be positive");
            // RFC 5280 4.1.2.2: at most 20 octets of INTEGER content
            assertTrue(serial.toByteArray().length <= 20, "serial " + serial.toString(16) + " too long");
            varying = varying.or(serial.xor(serials.get(0)));
        }
        // A bit that is random in 100 independent serials differs from the first one somewhere
        // with probability 1 - 2^-99: the count of varying bit positions is the entropy floor.
        assertTrue(varying.bitCount() >= 64, "only " + varying.bitCount() + " bit positions vary");
    }

    @ParameterizedTest(name = "every random bit {0}")
    @CsvSource({"0", "1"})
    void degenerateRandomStillGivesPositiveNonZeroSerials(int bit) {
        Random constant = new Random() {
            @Override
            protected int next(int bits) {
                return bit == 0 ? 0 : (int) ((1L << bits) - 1);
            }
        };
        SimulatedCa ca = SimulatedCa.root("Constant", KeyKind.ECDSA_P256, CA_NOT_BEFORE, constant);
        BigInteger serial = ca.issue(profile("constant.test")).getSerialNumber();
        assertEquals(1, serial.signum(), serial.toString(16));
        assertTrue(serial.toByteArray().length <= 20, serial.toString(16));
        assertEquals(1, ca.certificate().getSerialNumber().signum());
    }

    // ---- delegated responders ----

    @ParameterizedTest(name = "ocspSigningEku={0}, noCheck={1}")
    @CsvSource({"true,true", "true,false", "false,true", "false,false"})
    void delegatedResponderCarriesEkuAndNoCheckExactlyAsTheProfileSays(boolean eku, boolean noCheck) throws Exception {
        Instant from = NOW.minus(Duration.ofDays(1));
        Instant to = NOW.plus(Duration.ofDays(30));
        OcspSigner responder = ecIssuing.delegatedResponder(
                new ResponderProfile("Lab Test OCSP Responder", KeyKind.ECDSA_P256, from, to, eku, noCheck));
        X509Certificate cert = jdk(responder.certificate());

        assertEquals(eku, cert.getExtendedKeyUsage().contains(KP_OCSP_SIGNING), "EKU " + cert.getExtendedKeyUsage());
        assertEquals(noCheck, cert.getExtensionValue(OCSP_NOCHECK) != null, "id-pkix-ocsp-nocheck");
        assertEquals(from, cert.getNotBefore().toInstant());
        assertEquals(to, cert.getNotAfter().toInstant());
        assertEquals(ecIssuing.certificate().getSubject(), responder.certificate().getIssuer());
        cert.verify(jdk(ecIssuing.certificate()).getPublicKey());

        assumeAvailable();
        writePem(dir.resolve("responder.pem"), responder.certificate());
        OpenSslCli.Result text = run(dir, "x509", "-in", "responder.pem", "-noout", "-text");
        assertEquals(0, text.exitCode(), text.describe());
        assertEquals(eku, text.output().contains("OCSP Signing"), text.describe());
        assertEquals(noCheck, text.output().contains("OCSP No Check"), text.describe());
    }

    @Test
    void properResponderProfileHasBothAndChainsToTheRoot() throws Exception {
        OcspSigner responder = rsaIssuing.delegatedResponder(ResponderProfile.proper("Lab Test Proper Responder",
                KeyKind.RSA_2048, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))));
        X509Certificate cert = jdk(responder.certificate());
        assertTrue(cert.getExtendedKeyUsage().contains(KP_OCSP_SIGNING));
        assertNotNull(cert.getExtensionValue(OCSP_NOCHECK));

        assumeAvailable();
        writePem(dir.resolve("root.pem"), rsaRoot.certificate());
        writePem(dir.resolve("intermediate.pem"), rsaIssuing.certificate());
        writePem(dir.resolve("responder.pem"), responder.certificate());
        OpenSslCli.Result result = run(dir, "verify", "-attime", epochSeconds(NOW), "-purpose", "ocsphelper",
                "-CAfile", "root.pem", "-untrusted", "intermediate.pem", "responder.pem");
        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(result.output().contains("responder.pem: OK"), result.describe());
    }

    // ---- issueWithKey ----

    @Test
    void issueWithKeyReturnsTheKeyPairWhosePublicHalfIsInTheCertificate() throws Exception {
        BigInteger serial = BigInteger.valueOf(0x5e71a1L);
        SimulatedCa.Issued issued = rsaIssuing.issueWithKey(profile("tls.test"), serial);
        SimulatedCa.Issued other = rsaIssuing.issueWithKey(profile("other.test"), serial.add(BigInteger.ONE));
        X509Certificate cert = jdk(issued.certificate());

        assertEquals(serial, cert.getSerialNumber());
        assertArrayEquals(cert.getPublicKey().getEncoded(), issued.keyPair().getPublic().getEncoded());
        byte[] message = "proof of possession".getBytes(StandardCharsets.US_ASCII);
        assertTrue(verifies(cert.getPublicKey(), sign(issued, message), message));
        assertFalse(verifies(cert.getPublicKey(), sign(other, message), message), "another certificate's key");
    }

    private static byte[] sign(SimulatedCa.Issued issued, byte[] message) throws Exception {
        Signature signature = Signature.getInstance(algorithm(issued.keyPair().getPublic()));
        signature.initSign(issued.keyPair().getPrivate());
        signature.update(message);
        return signature.sign();
    }

    private static boolean verifies(PublicKey key, byte[] sig, byte[] message) throws Exception {
        Signature signature = Signature.getInstance(algorithm(key));
        signature.initVerify(key);
        signature.update(message);
        return signature.verify(sig);
    }

    private static String algorithm(PublicKey key) {
        return key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    }

    // ---- CRLs ----

    static Stream<Arguments> issuingCas() {
        return Stream.of(Arguments.of("RSA", rsaIssuing), Arguments.of("ECDSA", ecIssuing));
    }

    @ParameterizedTest(name = "{0} issuing CA")
    @MethodSource("issuingCas")
    void crlVerifiesWithTheIssuingCaAndListsTheRevokedSerialsWithTheirReasons(String name, SimulatedCa issuing)
            throws Exception {
        BigInteger keyCompromise = new BigInteger("3f00aa11bb22cc33dd44ee55ff6601", 16);
        BigInteger superseded = new BigInteger("0102030405060708090a", 16);
        BigInteger noReason = BigInteger.valueOf(4242);
        Instant revokedAt = Instant.parse("2025-05-30T10:15:30Z");
        byte[] crl = issuing.crl(List.of(
                        new CrlEntry(keyCompromise, revokedAt, 1),
                        new CrlEntry(superseded, revokedAt.plusSeconds(60), 4),
                        new CrlEntry(noReason, revokedAt.plusSeconds(120), null)),
                NOW, NOW.plus(Duration.ofDays(7)), BigInteger.valueOf(42));

        X509CRL parsed = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl));
        parsed.verify(jdk(issuing.certificate()).getPublicKey());
        assertEquals(2, parsed.getVersion());
        assertEquals(NOW, parsed.getThisUpdate().toInstant());
        assertEquals(NOW.plus(Duration.ofDays(7)), parsed.getNextUpdate().toInstant());
        assertEquals(jdk(issuing.certificate()).getSubjectX500Principal(), parsed.getIssuerX500Principal());
        X509CRLEntry kc = parsed.getRevokedCertificate(keyCompromise);
        assertEquals(revokedAt, kc.getRevocationDate().toInstant());
        assertEquals(CRLReason.KEY_COMPROMISE, kc.getRevocationReason());
        assertEquals(CRLReason.SUPERSEDED, parsed.getRevokedCertificate(superseded).getRevocationReason());
        assertNull(parsed.getRevokedCertificate(noReason).getRevocationReason());
        assertEquals(3, parsed.getRevokedCertificates().size());

        assumeAvailable();
        writeDer(dir.resolve("crl.der"), crl);
        writePem(dir.resolve("issuing.pem"), issuing.certificate());
        OpenSslCli.Result verify = run(dir, "crl", "-inform", "DER", "-in", "crl.der", "-CAfile", "issuing.pem", "-noout");
        assertEquals(0, verify.exitCode(), verify.describe());
        assertTrue(verify.output().contains("verify OK"), verify.describe());

        OpenSslCli.Result text = run(dir, "crl", "-inform", "DER", "-in", "crl.der", "-noout", "-text");
        assertEquals(0, text.exitCode(), text.describe());
        Map<BigInteger, String> entries = revokedEntries(text.output());
        Map<BigInteger, String> expected = new HashMap<>();
        expected.put(keyCompromise, "Key Compromise");
        expected.put(superseded, "Superseded");
        expected.put(noReason, null);
        assertEquals(expected, entries, text.describe());
        assertTrue(Pattern.compile("X509v3 CRL Number:\\s*\\n\\s*42\\n").matcher(text.output()).find(), text.describe());
    }

    @Test
    void crlDoesNotVerifyWithAnotherKeyUnderTheSameName() {
        assumeAvailable();
        SimulatedCa impostor = ecRoot.intermediate("Lab Test ECDSA Issuing CA", KeyKind.ECDSA_P256, CA_NOT_BEFORE,
                List.of(), List.of());
        assertEquals(ecIssuing.certificate().getSubject(), impostor.certificate().getSubject());
        byte[] crl = ecIssuing.crl(List.of(new CrlEntry(BigInteger.TEN, NOW, 1)), NOW, NOW.plus(Duration.ofDays(7)),
                BigInteger.ONE);
        writeDer(dir.resolve("crl.der"), crl);
        writePem(dir.resolve("impostor.pem"), impostor.certificate());

        OpenSslCli.Result verify = run(dir, "crl", "-inform", "DER", "-in", "crl.der", "-CAfile", "impostor.pem", "-noout");

        assertFalse(verify.output().contains("verify OK"), verify.describe());
        assertTrue(verify.output().contains("verify failure"), verify.describe());
    }

    @Test
    void emptyCrlListsNoRevokedCertificates() throws Exception {
        byte[] crl = rsaIssuing.crl(List.of(), NOW, NOW.plus(Duration.ofDays(1)), BigInteger.valueOf(7));
        X509CRL parsed = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl));
        parsed.verify(jdk(rsaIssuing.certificate()).getPublicKey());
        assertNull(parsed.getRevokedCertificates());

        assumeAvailable();
        writeDer(dir.resolve("crl.der"), crl);
        OpenSslCli.Result text = run(dir, "crl", "-inform", "DER", "-in", "crl.der", "-noout", "-text");
        assertTrue(text.output().contains("No Revoked Certificates."), text.describe());
    }

    /** Serial to reason (as OpenSSL names it, null when the entry has none) from {@code openssl crl -text}. */
    private static Map<BigInteger, String> revokedEntries(String text) {
        Map<BigInteger, String> entries = new LinkedHashMap<>();
        Pattern reasonPattern = Pattern.compile("X509v3 CRL Reason Code:\\s*\\n\\s*([^\\n]+)");
        String[] blocks = text.split("Serial Number: ");
        for (int i = 1; i < blocks.length; i++) { // blocks[0] is everything before the first entry
            String block = blocks[i];
            BigInteger serial = new BigInteger(block.substring(0, block.indexOf('\n')).trim(), 16);
            Matcher reason = reasonPattern.matcher(block);
            entries.put(serial, reason.find() ? reason.group(1).trim() : null);
        }
        return entries;
    }
}
