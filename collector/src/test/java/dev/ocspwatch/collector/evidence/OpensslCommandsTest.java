package dev.ocspwatch.collector.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.ocsp.OcspGetUrl;
import dev.ocspwatch.common.ocsp.OcspRequest;
import dev.ocspwatch.common.probe.ProbeResult;
import dev.ocspwatch.lab.pki.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpensslCommandsTest {
    private final EvidenceFixture fixture = EvidenceFixture.shared();

    private ProbeResult probe(String method, String url, boolean keepRaw) {
        return fixture.probe("p", "eu-west", ProbeKind.DEADLINE, method, EvidenceFixture.DEADLINE).url(url)
                .good(keepRaw).build().probe();
    }

    @Test
    void postSendsTheRecordedRequestBytesAndOpensslDecodesTheAnswer(@TempDir Path dir) throws IOException {
        assumeTrue(Shell.available("openssl", "version"), "no openssl binary on this machine");
        Files.write(dir.resolve("request.der"), fixture.request);
        Files.createDirectories(dir.resolve("reproduced"));
        try (LocalResponder responder = new LocalResponder(fixture.good)) {
            List<ShellCommand> commands = OpensslCommands.reproduce(probe("POST", responder.url(), true), "request.der",
                    "reproduced/response-1.der");

            Shell.Result result = runAll(dir, commands);

            assertEquals(1, responder.received().size(), result.output());
            assertEquals("POST", responder.received().get(0).method());
            assertArrayEquals(fixture.request, responder.received().get(0).body(), "not the bytes the agent sent");
            assertTrue(result.output().contains("Cert Status: good"), result.output());
            assertArrayEquals(fixture.good, Files.readAllBytes(dir.resolve("reproduced/response-1.der")));
        }
    }

    @Test
    void getFetchesTheRecordedUrlWithCurlShowingHeadersThenDecodes(@TempDir Path dir) throws IOException {
        assumeTrue(Shell.available("openssl", "version"), "no openssl binary on this machine");
        assumeTrue(Shell.available("curl", "--version"), "no curl binary on this machine");
        Files.createDirectories(dir.resolve("reproduced"));
        try (LocalResponder responder = new LocalResponder(fixture.good)) {
            ProbeResult probe = probe("GET", responder.url(), false);
            List<ShellCommand> commands = OpensslCommands.reproduce(probe, null, "reproduced/response-2.der");

            Shell.Result result = runAll(dir, commands);

            assertEquals(List.of("curl", "openssl"), commands.stream().map(c -> c.argv().get(0)).toList());
            assertEquals("GET", responder.received().get(0).method(), result.output());
            String path = responder.received().get(0).path();
            assertArrayEquals(fixture.request, OcspGetUrl.parse(path.substring("/ocsp/".length())));
            assertTrue(result.output().toLowerCase(Locale.ROOT).contains("x-cache: hit from local-test"),
                    "curl -D - shows the caching headers: " + result.output());
            assertTrue(result.output().contains("Cert Status: good"), result.output());
        }
    }

    @Test
    void postWithoutTheRecordedRequestAsksForTheSameCertId(@TempDir Path dir) throws IOException {
        assumeTrue(Shell.available("openssl", "version"), "no openssl binary on this machine");
        Pem.write(dir.resolve(OpensslCommands.ISSUER_FILE), fixture.issuing.certificate());
        Files.createDirectories(dir.resolve("reproduced"));
        try (LocalResponder responder = new LocalResponder(fixture.good)) {
            List<ShellCommand> commands = OpensslCommands.reproduce(probe("POST", responder.url(), false), null,
                    "reproduced/response-3.der");

            Shell.Result result = runAll(dir, commands);

            assertEquals(1, responder.received().size(), result.output());
            OcspRequest asked = OcspRequest.parse(responder.received().get(0).body());
            assertEquals(fixture.certId, asked.certId(), "openssl asked about another certificate");
            assertTrue(asked.nonce().isEmpty(), "RFC 5019 requests, as the agents send, carry no nonce");
            assertTrue(result.output().contains("Cert Status: good"), result.output());
        }
    }

    @Test
    void sha256CertIdsAreAskedWithSha256() {
        ProbeResult sha1 = probe("POST", EvidenceFixture.URL, false);
        ProbeResult sha256 = new ProbeResult(sha1.url(), sha1.requestUrl(), "POST", "sha256-certid", "SHA256",
                sha1.serial(), sha1.sentAt(), null, null, null, null, null, null, null, sha1.outcome(), null, null, null,
                null, null);

        List<String> argv = OpensslCommands.reproduce(sha256, null, "out.der").get(0).argv();

        int digest = argv.indexOf("-sha256");
        assertTrue(digest > 0 && digest < argv.indexOf("-serial"), "openssl applies a digest to the -serial after it: " + argv);
        assertEquals("0x" + fixture.serial.toString(16), argv.get(argv.indexOf("-serial") + 1));
        assertTrue(!OpensslCommands.reproduce(sha1, null, "out.der").get(0).argv().contains("-sha1"),
                "SHA-1 is openssl's default");
    }

    @Test
    void getWithoutARecordedUrlIsRebuiltFromTheRecordedRequest() {
        ProbeResult recorded = probe("GET", EvidenceFixture.URL, true);
        ProbeResult noUrl = new ProbeResult(recorded.url(), null, "GET", "standard", "SHA1", recorded.serial(),
                recorded.sentAt(), null, null, null, null, null, null, null, recorded.outcome(), null, null, null,
                recorded.requestBase64(), null);

        List<ShellCommand> commands = OpensslCommands.reproduce(noUrl, null, "out.der");

        assertEquals(OcspGetUrl.format(EvidenceFixture.URL, fixture.request), commands.get(0).argv().get(6));
    }

    @Test
    void urlWithAnEmbeddedQuoteStaysOneArgumentInEveryCommand() {
        String hostile = "http://ocsp.example/'; rm -rf / #";
        for (String method : List.of("GET", "POST")) {
            for (boolean keep : List.of(true, false)) {
                for (ShellCommand command : OpensslCommands.reproduce(probe(method, hostile, keep),
                        keep ? "raw/eu-west/x-request.der" : null, "reproduced/response-1.der")) {
                    List<String> words = Shell.split(command.line());

                    assertEquals(command.argv(), words, command.line());
                    long carrying = words.stream().filter(w -> w.contains("rm -rf")).count();
                    assertEquals(command.argv().get(0).equals("curl") || command.argv().contains("-url") ? 1 : 0,
                            carrying, command.line());
                }
            }
        }
    }

    @Test
    void showDecodesARecordedResponseWithoutJudgingIt() {
        assertEquals(List.of("openssl", "ocsp", "-respin", "raw/a/b-response.der", "-resp_text", "-noverify"),
                OpensslCommands.show("raw/a/b-response.der").argv());
    }

    private static Shell.Result runAll(Path dir, List<ShellCommand> commands) {
        String script = String.join("\n", commands.stream().map(ShellCommand::line).toList());
        return Shell.run(dir, Map.of("no_proxy", "*", "NO_PROXY", "*"), "sh", "-c", script);
    }
}
