package dev.ocspwatch.collector.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.common.kafka.IssuerRecord;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.pki.OcspAnswer;
import dev.ocspwatch.lab.pki.ResponderProfile;
import dev.ocspwatch.lab.pki.SimulatedCa;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle whose evidence carries the issuer: {@code issuer.pem} at the top of the folder, named
 * in the report by fingerprint and subject, and the commands checking every response's signature
 * against it, run for real with openssl against a local responder.
 */
class IssuerInBundleTest {
    private final EvidenceFixture fixture = EvidenceFixture.shared();

    private IssuerRecord issuer() throws IOException {
        return new IssuerRecord(fixture.issuing.asIssuer().spkiSha256(), "CN=Evidence Test Issuing CA, O=ocspwatch lab",
                Base64.getEncoder().encodeToString(fixture.issuing.certificate().getEncoded()));
    }

    private CertificateEvidence withIssuer(CertificateEvidence evidence) throws IOException {
        return new CertificateEvidence(evidence.certificateId(), evidence.verdict(), evidence.certificate(),
                evidence.observations(), issuer());
    }

    @Test
    void opensslReadsIssuerPemAndTheReportNamesItByFingerprintAndSubject(@TempDir Path dir) throws IOException {
        assumeTrue(Shell.available("openssl", "version"), "no openssl binary on this machine");
        CertificateEvidence evidence = withIssuer(fixture.violation());
        Path folder = EvidenceBundleTest.extract(EvidenceBundle.zip(evidence, "g"), dir);

        Shell.Result subject = Shell.run(folder, Map.of(), "openssl", "x509", "-in", "issuer.pem", "-noout", "-subject");
        Shell.Result fingerprint = Shell.run(folder, Map.of(), "openssl", "x509", "-in", "issuer.pem", "-noout", "-fingerprint",
                "-sha256");

        assertEquals(0, subject.exitCode(), subject.output());
        assertTrue(subject.output().contains("CN = Evidence Test Issuing CA"), subject.output());
        Matcher hex = Pattern.compile("=([0-9A-F:]+)").matcher(fingerprint.output());
        assertTrue(hex.find(), fingerprint.output());
        String sha256 = hex.group(1).replace(":", "").toLowerCase(Locale.ROOT);
        String readme = Files.readString(folder.resolve("README.md"));
        assertTrue(readme.contains("| Issuer certificate SHA-256 | `" + sha256 + "` |"), readme);
        assertTrue(readme.lines().anyMatch(l -> l.startsWith("| Issuer certificate subject |")
                && l.contains("CN=Evidence Test Issuing CA") && l.contains("O=ocspwatch lab")), readme);
        assertFalse(readme.contains("No issuer certificate"), readme);
        String script = Files.readString(folder.resolve("reproduce.sh"));
        assertTrue(script.contains("# issuer.pem here is the issuing CA's certificate (SHA-256 " + sha256 + ")"), script);
        assertFalse(script.contains("crt.sh"), "nothing left to fetch: " + script);
    }

    @Test
    void theIssuerSitsAtTheTopOfTheFolderAndTheZipStaysTheSameBytes() throws IOException {
        CertificateEvidence evidence = withIssuer(fixture.violation());

        byte[] zip = EvidenceBundle.zip(evidence, "g");
        Map<String, byte[]> entries = EvidenceBundleTest.unzip(zip);

        String pem = new String(entries.get(EvidenceBundle.folder(evidence) + "/issuer.pem"), StandardCharsets.US_ASCII);
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\n") && pem.endsWith("-----END CERTIFICATE-----\n"), pem);
        assertArrayEquals(fixture.issuing.certificate().getEncoded(),
                Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "")));
        assertArrayEquals(zip, EvidenceBundle.zip(withIssuer(fixture.violation()), "g"));
        assertEquals(entries.size() - 1, EvidenceBundleTest.unzip(EvidenceBundle.zip(fixture.violation(), "g")).size(),
                "without the issuer, everything but issuer.pem");
    }

    @Test
    void withoutTheIssuerTheReportStillSaysWhereToFindIt() {
        String report = EvidenceReport.markdown(fixture.violation(), "g");

        assertTrue(report.contains("| Issuer certificate | not in this bundle |"), report);
        assertTrue(report.contains("- No issuer certificate: the collector had not read it"), report);
        assertTrue(report.contains("-resp_text -noverify"), report);
    }

    @Test
    void anUnparsableIssuerIsLeftOutAndNoted() {
        CertificateEvidence evidence = new CertificateEvidence(fixture.certificateId, null, fixture.certificate(),
                fixture.observations(), new IssuerRecord(fixture.issuing.asIssuer().spkiSha256(), "CN=x", "bm90IGEgY2VydA=="));

        String report = EvidenceReport.markdown(evidence, "g");

        assertTrue(report.contains("- The issuer certificate the collector holds does not parse"), report);
        assertTrue(report.contains("-resp_text -noverify"), report);
    }

    /**
     * The script against a responder that signs through a delegated responder certificate, and
     * recorded answers: one from a delegated responder whose certificate has expired since (good
     * as of when it was received), one signed by another CA (a forgery the check must catch).
     */
    @Test
    void reproduceScriptChecksSignaturesOfIssuerSignedDelegatedAndForgedResponses(@TempDir Path dir) throws IOException {
        assumeTrue(Shell.available("openssl", "version"), "no openssl binary on this machine");
        assumeTrue(Shell.available("curl", "--version"), "no curl binary on this machine");
        Instant now = Instant.now();
        byte[] delegatedNow = fixture.issuing.delegatedResponder(ResponderProfile.proper("Evidence Responder", KeyKind.ECDSA_P256,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)))).sign(fixture.certId,
                OcspAnswer.good(now.minusSeconds(60), Duration.ofDays(1)));
        Instant published = EvidenceFixture.PUBLISHED;
        byte[] delegatedThen = fixture.issuing.delegatedResponder(ResponderProfile.proper("Evidence Responder 2025",
                KeyKind.ECDSA_P256, published.minus(Duration.ofDays(1)), published.plus(Duration.ofDays(4))))
                .sign(fixture.certId, OcspAnswer.good(published, Duration.ofDays(1)));
        SimulatedCa other = SimulatedCa.root("Some Other CA", KeyKind.ECDSA_P256, published.minus(Duration.ofDays(30)), new Random(5));
        byte[] forged = other.signer().sign(fixture.certId, OcspAnswer.good(published, Duration.ofDays(1)));
        try (LocalResponder responder = new LocalResponder(delegatedNow)) {
            List<Observation> observations = List.of(
                    fixture.probe("a", "us-east", ProbeKind.DISCOVERY, "POST", EvidenceFixture.at("1:00")).url(responder.url())
                            .good(true).response(delegatedThen).build(),
                    fixture.probe("b", "eu-west", ProbeKind.DEADLINE, "GET", EvidenceFixture.at("15:00")).url(responder.url())
                            .good(false).build(),
                    fixture.probe("c", "eu-west", ProbeKind.WATCH, "POST", EvidenceFixture.at("20:00")).url("http://127.0.0.1:9/ocsp/")
                            .outcome(Outcome.BAD_SIGNATURE, 200, "signed by another CA").response(forged).build());
            CertificateEvidence evidence = new CertificateEvidence(fixture.certificateId, null, fixture.certificate(),
                    observations, issuer());
            Path folder = EvidenceBundleTest.extract(EvidenceBundle.zip(evidence, "g"), dir);

            Shell.Result result = Shell.run(folder, Map.of("no_proxy", "*", "NO_PROXY", "*"), "sh", "reproduce.sh");

            // Live: the POST with the recorded request and the GET; recorded: the delegated answer of 2025. Then the forgery.
            assertEquals(3, count(result.output(), "Response verify OK"), result.output());
            assertEquals(1, count(result.output(), "Response Verify Failure"), result.output());
            assertTrue(result.output().indexOf("Response Verify Failure") > result.output().indexOf("POST-3-response.der"),
                    "the failure is the forged response's: " + result.output());
            assertEquals(2, responder.received().size(), result.output());
        }
    }

    @Test
    void aRequestRebuiltFromIssuerPemIsAnsweredAndItsIssuerSignedResponseVerified(@TempDir Path dir) throws IOException {
        assumeTrue(Shell.available("openssl", "version"), "no openssl binary on this machine");
        Files.createDirectories(dir.resolve("reproduced"));
        try (LocalResponder responder = new LocalResponder(fixture.good)) {
            Observation notKept = fixture.probe("p", "eu-west", ProbeKind.DEADLINE, "POST", EvidenceFixture.DEADLINE)
                    .url(responder.url()).good(false).build();
            CertificateEvidence evidence = new CertificateEvidence(fixture.certificateId, null, null, List.of(notKept), issuer());
            Files.write(dir.resolve(OpensslCommands.ISSUER_FILE), IssuerFile.of(evidence).pem());
            List<ShellCommand> commands = OpensslCommands.reproduce(notKept.probe(), null, "reproduced/response-1.der", true);

            Shell.Result result = Shell.run(dir, Map.of("no_proxy", "*", "NO_PROXY", "*"), "sh", "-c", commands.get(0).line());

            assertTrue(commands.get(0).argv().containsAll(List.of("-issuer", "-VAfile", "-CAfile", "-partial_chain")),
                    commands.toString());
            assertFalse(commands.get(0).argv().contains("-noverify"), commands.toString());
            assertEquals(1, responder.received().size(), result.output());
            assertTrue(result.output().contains("Response verify OK"), result.output());
            assertTrue(result.output().contains("Cert Status: good"), result.output());
        }
    }

    private static int count(String text, String word) {
        int n = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            n++;
        }
        return n;
    }
}
