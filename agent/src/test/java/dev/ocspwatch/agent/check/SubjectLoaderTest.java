package dev.ocspwatch.agent.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.agent.probe.AddressPolicy;
import dev.ocspwatch.agent.probe.Cidr;
import dev.ocspwatch.agent.probe.FetchLimits;
import dev.ocspwatch.agent.probe.HttpFetcher;
import dev.ocspwatch.agent.testing.Closer;
import dev.ocspwatch.agent.testing.FakeResponder;
import dev.ocspwatch.agent.testing.StaticNameResolver;
import dev.ocspwatch.agent.testing.TestPki;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the certificate under check and its issuer come from, and the errors a user sees when they cannot. */
class SubjectLoaderTest {
    private static final AddressPolicy LOOPBACK_ONLY = new AddressPolicy(false, List.of(Cidr.parse("127.0.0.1/32")));

    @TempDir
    static Path directory;
    static Vertx vertx;
    static TestPki pki;
    static FakeResponder fake;
    static HttpFetcher fetcher;
    static SubjectLoader loader;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        pki = TestPki.shared();
        fake = FakeResponder.start(vertx);
        fetcher = new HttpFetcher(vertx, new StaticNameResolver(), LOOPBACK_ONLY, Clock.systemUTC(), 2);
        loader = new SubjectLoader(vertx, fetcher, FetchLimits.ocsp().withTimeout(Duration.ofSeconds(5)));
    }

    @AfterAll
    static void stop() throws Exception {
        Closer.closeAll(fetcher, fake, Closer.vertx(vertx));
    }

    // ---- where the issuer comes from ----

    @Test
    void takesTheIssuerFromAPemBundle() throws Exception {
        X509CertificateHolder leaf = leaf(0x4001, List.of());
        Path bundle = TestPki.writePem(directory.resolve("bundle.pem"), leaf, pki.issuing.certificate());

        CheckSubject subject = load(CheckOptions.certificate(bundle).build());

        assertEquals(leaf, subject.certificate());
        assertEquals(pki.issuing.certificate(), subject.issuer().certificate());
        assertEquals("bundle", subject.issuerSource());
        assertEquals("4001", subject.info().serialHex());
        assertNull(subject.tls());
        assertNull(subject.stapled());
    }

    @Test
    void findsTheIssuerAnywhereInALongerBundle() throws Exception {
        X509CertificateHolder leaf = leaf(0x4002, List.of());
        Path bundle = TestPki.writePem(directory.resolve("chain.pem"), leaf, pki.issuing.certificate(), pki.root.certificate());

        CheckSubject subject = load(CheckOptions.certificate(bundle).build());

        assertEquals(pki.issuing.certificate(), subject.issuer().certificate());
    }

    @Test
    void takesTheIssuerFromTheIssuerOptionForADerLeaf() throws Exception {
        X509CertificateHolder leaf = leaf(0x4003, List.of());
        Path der = Files.write(directory.resolve("leaf.der"), leaf.getEncoded());
        Path issuer = Files.write(directory.resolve("issuer.der"), pki.issuing.certificate().getEncoded());

        CheckSubject subject = load(CheckOptions.certificate(der).issuer(issuer).build());

        assertEquals(leaf, subject.certificate());
        assertEquals(pki.issuing.certificate(), subject.issuer().certificate());
        assertEquals("--issuer " + issuer, subject.issuerSource());
    }

    @Test
    void fetchesTheIssuerFromCaIssuersAsDer() throws Exception {
        String url = fake.url("/aia/issuer.der");
        fake.fixed("/aia/issuer.der", 200, "application/pkix-cert", pki.issuing.certificate().getEncoded());
        Path der = Files.write(directory.resolve("aia-der.der"), leaf(0x4004, List.of(url)).getEncoded());

        CheckSubject subject = load(CheckOptions.certificate(der).build());

        assertEquals(pki.issuing.certificate(), subject.issuer().certificate());
        assertTrue(subject.issuerSource().contains(url), subject.issuerSource());
        assertTrue(subject.issuerSource().startsWith("caIssuers"), subject.issuerSource());
    }

    @Test
    void fetchesTheIssuerFromCaIssuersAsPkcs7() throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addCertificate(pki.root.certificate());
        generator.addCertificate(pki.issuing.certificate());
        // DER, as CertificateFiles documents; CMSSignedData.getEncoded() alone gives BER with indefinite lengths
        byte[] p7c = generator.generate(new CMSAbsentContent(), false).getEncoded(ASN1Encoding.DER);
        assertEquals(0x30, p7c[0] & 0xff);
        assertTrue((p7c[1] & 0xff) != 0x80, "definite length");
        String url = fake.url("/aia/issuer.p7c");
        fake.fixed("/aia/issuer.p7c", 200, "application/pkcs7-mime", p7c);
        Path der = Files.write(directory.resolve("aia-p7c.der"), leaf(0x4005, List.of(url)).getEncoded());

        CheckSubject subject = load(CheckOptions.certificate(der).build());

        assertEquals(pki.issuing.certificate(), subject.issuer().certificate(), "picked the issuer out of the bundle");
        assertTrue(subject.issuerSource().contains(url), subject.issuerSource());
    }

    @Test
    void triesTheNextCaIssuersUrlWhenTheFirstFails() throws Exception {
        String missing = fake.url("/aia/gone.der");
        String good = fake.url("/aia/second.der");
        fake.fixed("/aia/second.der", 200, "application/pkix-cert", pki.issuing.certificate().getEncoded());
        Path der = Files.write(directory.resolve("aia-two.der"), leaf(0x4006, List.of(missing, good)).getEncoded());

        CheckSubject subject = load(CheckOptions.certificate(der).build());

        assertEquals(pki.issuing.certificate(), subject.issuer().certificate());
        assertTrue(subject.issuerSource().contains(good), subject.issuerSource());
    }

    // ---- bad input: exit code 2 ----

    @Test
    void rejectsAMissingFile() {
        Path missing = directory.resolve("does-not-exist.pem");

        CheckInputException error = failure(CheckOptions.certificate(missing).build());

        assertEquals(CheckExitCode.BAD_INPUT, error.exitCode());
        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("no such file"), error.getMessage());
    }

    @Test
    void rejectsAFileThatIsNotACertificate() throws Exception {
        Path text = Files.writeString(directory.resolve("notes.txt"), "remember to renew the certificate\n");

        CheckInputException error = failure(CheckOptions.certificate(text).build());

        assertEquals(CheckExitCode.BAD_INPUT, error.exitCode());
        assertTrue(error.getMessage().contains("not a certificate"), error.getMessage());
        assertTrue(error.getMessage().contains("notes.txt"), error.getMessage());
    }

    @Test
    void rejectsATruncatedDerCertificate() throws Exception {
        byte[] der = leaf(0x4007, List.of()).getEncoded();
        Path cut = Files.write(directory.resolve("cut.der"), Arrays.copyOf(der, der.length - 40));

        CheckInputException error = failure(CheckOptions.certificate(cut).issuer(pem("issuer-for-cut.pem")).build());

        assertEquals(CheckExitCode.BAD_INPUT, error.exitCode());
        assertTrue(error.getMessage().contains("truncated"), error.getMessage());
        assertTrue(error.getMessage().contains("cut.der"), error.getMessage());
    }

    @Test
    void rejectsAnIssuerOptionThatDidNotSignTheCertificate() throws Exception {
        Path leaf = Files.write(directory.resolve("leaf-wrong-issuer.der"), leaf(0x4008, List.of()).getEncoded());
        Path root = TestPki.writePem(directory.resolve("root.pem"), pki.root.certificate());

        CheckInputException error = failure(CheckOptions.certificate(leaf).issuer(root).build());

        assertEquals(CheckExitCode.BAD_INPUT, error.exitCode());
        assertTrue(error.getMessage().contains("did not sign"), error.getMessage());
        assertTrue(error.getMessage().contains("Agent Test Root"), error.getMessage());
    }

    @Test
    void rejectsABundleWhoseSecondCertificateIsNotTheIssuer() throws Exception {
        Path bundle = TestPki.writePem(directory.resolve("wrong-bundle.pem"), leaf(0x4009, List.of()), pki.root.certificate());

        CheckInputException error = failure(CheckOptions.certificate(bundle).build());

        assertEquals(CheckExitCode.BAD_INPUT, error.exitCode());
        assertTrue(error.getMessage().contains("second certificate"), error.getMessage());
        assertTrue(error.getMessage().contains("Agent Test Root"), error.getMessage());
        assertTrue(error.getMessage().contains("Agent Test Issuing CA"), error.getMessage());
    }

    @Test
    void rejectsACertificateWithNoIssuerAndNoCaIssuersUrl() throws Exception {
        Path der = Files.write(directory.resolve("alone.der"), leaf(0x400a, List.of()).getEncoded());

        CheckInputException error = failure(CheckOptions.certificate(der).build());

        assertEquals(CheckExitCode.BAD_INPUT, error.exitCode());
        assertTrue(error.getMessage().contains("caIssuers"), error.getMessage());
        assertTrue(error.getMessage().contains("--issuer"), error.getMessage());
    }

    @Test
    void rejectsAnIssuerFileThatIsNotACertificate() throws Exception {
        Path der = Files.write(directory.resolve("leaf-bad-issuer-file.der"), leaf(0x400b, List.of()).getEncoded());
        Path garbage = Files.write(directory.resolve("issuer.bin"), new byte[] {0x04, 0x02, 0x00, 0x00});

        CheckInputException error = failure(CheckOptions.certificate(der).issuer(garbage).build());

        assertEquals(CheckExitCode.BAD_INPUT, error.exitCode());
        assertTrue(error.getMessage().contains("issuer.bin"), error.getMessage());
    }

    // ---- the issuer could not be fetched: exit code 3 ----

    @Test
    void exitsThreeWhenTheCaIssuersUrlAnswers404() throws Exception {
        String url = fake.url("/aia/missing.der");
        Path der = Files.write(directory.resolve("aia-404.der"), leaf(0x400c, List.of(url)).getEncoded());

        CheckInputException error = failure(CheckOptions.certificate(der).build());

        assertEquals(CheckExitCode.UNREACHABLE, error.exitCode());
        assertTrue(error.getMessage().contains("could not fetch the issuer"), error.getMessage());
        assertTrue(error.getMessage().contains("HTTP 404"), error.getMessage());
        assertTrue(error.getMessage().contains(url), error.getMessage());
    }

    @Test
    void exitsThreeWhenTheCaIssuersHostDoesNotResolve() throws Exception {
        String url = "http://ca-issuers.example.invalid/issuer.der";
        Path der = Files.write(directory.resolve("aia-dns.der"), leaf(0x400d, List.of(url)).getEncoded());

        CheckInputException error = failure(CheckOptions.certificate(der).build());

        assertEquals(CheckExitCode.UNREACHABLE, error.exitCode());
        assertTrue(error.getMessage().contains("DNS_FAILURE"), error.getMessage());
        assertTrue(error.getMessage().contains("ca-issuers.example.invalid"), error.getMessage());
    }

    // ---- helpers ----

    private static X509CertificateHolder leaf(long serial, List<String> caIssuers) {
        return pki.leaf(BigInteger.valueOf(serial), List.of("http://ocsp.example.test/"), List.of(), caIssuers);
    }

    private static Path pem(String name) {
        return TestPki.writePem(directory.resolve(name), pki.issuing.certificate());
    }

    private static CheckSubject load(CheckOptions options) throws Exception {
        return loader.load(options).toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    private static CheckInputException failure(CheckOptions options) {
        ExecutionException thrown = assertThrows(ExecutionException.class,
                () -> loader.load(options).toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS));
        return assertInstanceOf(CheckInputException.class, thrown.getCause(), String.valueOf(thrown.getCause()));
    }
}
