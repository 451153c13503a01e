package dev.ocspwatch.collector.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.common.json.Json;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.ocsp.CertStatus;
import dev.ocspwatch.common.ocsp.OcspRequest;
import dev.ocspwatch.common.ocsp.OcspResponseParser;
import dev.ocspwatch.common.ocsp.ParsedResponse;
import dev.ocspwatch.common.outcome.Outcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceBundleTest {
    private final EvidenceFixture fixture = EvidenceFixture.shared();

    @Test
    void bundleHoldsReportPictureRecordsScriptAndRawFilesUnderOneFolder() throws IOException {
        CertificateEvidence evidence = fixture.violation();
        Map<String, byte[]> entries = unzip(EvidenceBundle.zip(evidence, "ocspwatch test"));

        String folder = "ocspwatch-evidence-" + fixture.serial.toString(16) + "-" + fixture.certificateId.substring(0, 16) + "/";
        List<String> names = new ArrayList<>(entries.keySet());
        assertEquals(List.of("README.md", "reproduce.sh", "timeline.svg", "certificate.json", "verdict.json",
                "observations.json"), names.subList(0, 6).stream().map(n -> n.substring(folder.length())).toList());
        assertEquals(List.of(
                "raw/us-east/20250210T140100.000Z-POST-1-request.der", "raw/us-east/20250210T140100.000Z-POST-1-response.der",
                "raw/ap-south/20250210T140105.000Z-POST-2-request.der",
                "raw/eu-west/20250210T140110.000Z-POST-3-request.der", "raw/eu-west/20250210T140110.000Z-POST-3-response.der",
                "raw/us-east/20250210T140200.000Z-POST-4-request.der", "raw/us-east/20250210T140200.000Z-POST-4-response.der",
                "raw/eu-west/20250210T141500.250Z-GET-6-request.der", "raw/eu-west/20250210T141500.250Z-GET-6-response.der",
                "raw/ap-south/20250210T141501.000Z-GET-9-request.der", "raw/ap-south/20250210T141501.000Z-GET-9-response.der",
                "raw/eu-west/20250210T142000.000Z-POST-10-request.der", "raw/eu-west/20250210T142000.000Z-POST-10-response.der"),
                names.subList(6, names.size()).stream().map(n -> n.substring(folder.length())).toList());
        assertTrue(names.stream().allMatch(n -> n.startsWith(folder)), names.toString());
        assertEquals(EvidenceReport.markdown(evidence, "ocspwatch test"), utf8(entries.get(folder + "README.md")));
        assertEquals(EvidenceTimeline.svg(evidence), utf8(entries.get(folder + "timeline.svg")));
        assertTrue(utf8(entries.get(folder + "reproduce.sh")).startsWith("#!/bin/sh\n"));
    }

    @Test
    void rawFilesParseBackAsTheOcspRequestsAndResponsesTheyCameFrom() throws Exception {
        Map<String, byte[]> entries = unzip(EvidenceBundle.zip(fixture.violation(), "g"));

        int requests = 0;
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            if (entry.getKey().endsWith("-request.der")) {
                requests++;
                assertEquals(fixture.certId, OcspRequest.parse(entry.getValue()).certId(), entry.getKey());
                assertArrayEquals(fixture.request, entry.getValue(), entry.getKey());
            }
        }
        assertEquals(7, requests);
        assertStatus(response(entries, "-POST-1-response.der"), CertStatus.UNKNOWN);
        assertStatus(response(entries, "-POST-3-response.der"), CertStatus.GOOD);
        assertStatus(response(entries, "-GET-9-response.der"), CertStatus.GOOD);
        for (String unauthorized : List.of("-GET-6-response.der", "-POST-10-response.der")) {
            ParsedResponse parsed = OcspResponseParser.parse(find(entries, unauthorized));
            assertEquals(6, assertInstanceOf(ParsedResponse.Unsuccessful.class, parsed).statusCode(), unauthorized);
            assertArrayEquals(fixture.unauthorized, find(entries, unauthorized));
        }
    }

    @Test
    void opensslReadsTheExtractedResponsesAsTheAgentsJudgedThem(@TempDir Path dir) throws IOException {
        assumeTrue(Shell.available("openssl", "version"), "no openssl binary on this machine");
        Path folder = extract(EvidenceBundle.zip(fixture.violation(), "g"), dir);

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("raw/ap-south/20250210T141501.000Z-GET-9-response.der", "Cert Status: good");
        expected.put("raw/us-east/20250210T140100.000Z-POST-1-response.der", "Cert Status: unknown");
        expected.put("raw/eu-west/20250210T141500.250Z-GET-6-response.der", "Responder Error: unauthorized (6)");
        for (Map.Entry<String, String> file : expected.entrySet()) {
            Shell.Result result = Shell.run(folder, Map.of(), "sh", "-c", OpensslCommands.show(file.getKey()).line());

            assertTrue(result.output().contains(file.getValue()), file.getKey() + ":\n" + result.output());
        }
    }

    @Test
    void sameEvidenceZipsToTheSameBytesInAnyTimeZone() {
        CertificateEvidence evidence = fixture.violation();
        TimeZone original = TimeZone.getDefault();
        byte[] first;
        byte[] second;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            first = EvidenceBundle.zip(evidence, "g");
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            second = EvidenceBundle.zip(evidence, "g");
        } finally {
            TimeZone.setDefault(original);
        }

        assertArrayEquals(first, second);
        assertFalse(Arrays.equals(first, EvidenceBundle.zip(evidence, "another generator")), "the generator is recorded");
    }

    @Test
    void regionNamesCannotEscapeTheBundleFolder(@TempDir Path dir) throws IOException {
        List<Observation> observations = new ArrayList<>();
        int n = 0;
        for (String region : List.of("../../etc", "..", ".", "/abs", "a\\..\\..\\b", "")) {
            observations.add(fixture.probe("r" + n, region, ProbeKind.DEADLINE, "GET/../..", EvidenceFixture.at("15:0" + n++))
                    .outcome(Outcome.UNAUTHORIZED, 200, "unauthorized").response(fixture.unauthorized).build());
        }
        CertificateEvidence evidence = new CertificateEvidence("../../" + fixture.certificateId, null, null, observations);
        byte[] zip = EvidenceBundle.zip(evidence, "g");

        String folder = EvidenceBundle.folder(evidence);
        assertTrue(folder.matches("[A-Za-z0-9._-]+") && !folder.startsWith("."), folder);
        Map<String, byte[]> entries = unzip(zip);
        assertEquals(4 + 2 * observations.size(), entries.size(), "no verdict.json or certificate.json, two files a probe");
        for (String name : entries.keySet()) {
            assertTrue(name.startsWith(folder + "/"), name);
            for (String segment : name.split("/")) {
                assertTrue(segment.matches("[A-Za-z0-9._-]+") && !segment.startsWith("."), name);
            }
        }
        Path root = extract(zip, dir);
        try (var files = Files.walk(dir)) {
            assertEquals(2 * observations.size(), files.filter(p -> p.toString().endsWith(".der")).count());
        }
        assertEquals(dir.resolve(folder), root);
    }

    @Test
    void jsonFilesReadBackAsTheRecords() throws IOException {
        CertificateEvidence evidence = fixture.violation();
        Map<String, byte[]> entries = unzip(EvidenceBundle.zip(evidence, "g"));

        assertEquals(evidence.verdict(), Json.mapper().readValue(find(entries, "/verdict.json"), VerdictRecord.class));
        assertEquals(evidence.certificate(), Json.mapper().readValue(find(entries, "/certificate.json"), CertificateRecord.class));
        assertEquals(evidence.observations(), Json.mapper().readValue(find(entries, "/observations.json"),
                new TypeReference<List<Observation>>() { }));
        String verdict = utf8(find(entries, "/verdict.json"));
        assertTrue(verdict.indexOf("\"GOOD\"") < verdict.indexOf("\"UNAUTHORIZED\""), "map keys in a fixed order");
        assertFalse(verdict.contains("\r"), "the same line ends on every platform");
    }

    @Test
    void missingPartsAreLeftOutAndTheReadmeSaysWhat() throws IOException {
        CertificateEvidence bare = new CertificateEvidence(fixture.certificateId, null, null, List.of());

        Map<String, byte[]> entries = unzip(EvidenceBundle.zip(bare, null));

        assertEquals(List.of("README.md", "reproduce.sh", "timeline.svg", "observations.json"),
                entries.keySet().stream().map(n -> n.substring(n.indexOf('/') + 1)).toList());
        String readme = utf8(find(entries, "/README.md"));
        assertTrue(readme.contains("- No verdict yet") && readme.contains("- No certificate record")
                && readme.contains("- No probes recorded"), readme);
        assertEquals(List.of(), Json.mapper().readValue(find(entries, "/observations.json"), List.class));
    }

    @Test
    void unreadableRawBytesAreNotedAndTheRestIsStillBundled() throws IOException {
        Observation broken = fixture.probe("u", "eu-west", ProbeKind.DEADLINE, "GET", EvidenceFixture.at("15:00"))
                .outcome(Outcome.UNAUTHORIZED, 200, "unauthorized")
                .rawBase64(java.util.Base64.getEncoder().encodeToString(fixture.request), "!!! not base64 !!!").build();
        CertificateEvidence evidence = new CertificateEvidence(fixture.certificateId, null, fixture.certificate(), List.of(broken));

        Map<String, byte[]> entries = unzip(EvidenceBundle.zip(evidence, "g"));

        assertArrayEquals(fixture.request, find(entries, "-GET-1-request.der"));
        assertTrue(entries.keySet().stream().noneMatch(n -> n.endsWith("-response.der")), entries.keySet().toString());
        assertTrue(utf8(find(entries, "/README.md")).contains("- Probe #1: raw response bytes unreadable"));
    }

    @Test
    void reproduceScriptRunsEachCommandWithHostileUrlsAsSingleArguments(@TempDir Path dir) throws IOException {
        assumeTrue(Shell.available("sh", "-c", "true"), "no POSIX sh here");
        String hostile = "http://ocsp.example/'; touch pwned; echo '$(touch pwned2)`touch pwned3`\ntouch pwned4";
        List<Observation> observations = new ArrayList<>(fixture.observations());
        observations.add(fixture.probe("h", "eu-west", ProbeKind.WATCH, "POST", EvidenceFixture.at("50:00")).url(hostile)
                .outcome(Outcome.UNAUTHORIZED, 200, "unauthorized").response(fixture.unauthorized).build());
        Path folder = extract(EvidenceBundle.zip(new CertificateEvidence(fixture.certificateId, null, null, observations),
                "g"), dir.resolve("bundle"));
        Path stubs = Files.createDirectories(dir.resolve("stubs"));
        for (String program : List.of("openssl", "curl")) {
            Path stub = Files.writeString(stubs.resolve(program),
                    "#!/bin/sh\nprintf '%s\\0' @@CALL@@ \"$(basename \"$0\")\" \"$@\" >> \"$STUB_LOG\"\n");
            assertTrue(stub.toFile().setExecutable(true));
        }
        Path log = dir.resolve("calls.log");

        Shell.Result result = Shell.run(folder, Map.of("PATH", stubs + ":" + System.getenv("PATH"), "STUB_LOG", log.toString()),
                "sh", "reproduce.sh");

        assertEquals(0, result.exitCode(), result.output());
        List<List<String>> calls = calls(Files.readAllBytes(log));
        // 3 distinct probes (POST, GET as curl + openssl, the hostile POST), then 7 recorded responses decoded
        assertEquals(4 + 7, calls.size(), calls.toString());
        assertTrue(calls.contains(List.of("openssl", "ocsp", "-reqin", "raw/eu-west/20250210T145000.000Z-POST-12-request.der",
                "-url", hostile, "-respout", "reproduced/response-3.der", "-resp_text", "-noverify")), calls.toString());
        try (var files = Files.walk(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("pwned")), "the URL ran as a command");
        }
        assertTrue(Files.isDirectory(folder.resolve("reproduced")));
    }

    private static List<List<String>> calls(byte[] log) {
        List<List<String>> calls = new ArrayList<>();
        for (String word : new String(log, StandardCharsets.UTF_8).split("\0")) {
            if (word.equals("@@CALL@@")) {
                calls.add(new ArrayList<>());
            } else {
                calls.get(calls.size() - 1).add(word);
            }
        }
        return calls;
    }

    private static ParsedResponse.Basic response(Map<String, byte[]> entries, String suffix) throws Exception {
        return assertInstanceOf(ParsedResponse.Basic.class, OcspResponseParser.parse(find(entries, suffix)), suffix);
    }

    private void assertStatus(ParsedResponse.Basic response, CertStatus status) {
        assertEquals(1, response.responses().size());
        assertEquals(status, response.responses().get(0).status());
        assertEquals(fixture.serial, response.responses().get(0).serial());
    }

    private static byte[] find(Map<String, byte[]> entries, String suffix) {
        List<byte[]> found = entries.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).map(Map.Entry::getValue).toList();
        assertEquals(1, found.size(), suffix + " in " + entries.keySet());
        return found.get(0);
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                assertEquals(null, entries.put(entry.getName(), in.readAllBytes()), "one entry per name: " + entry.getName());
            }
        }
        return entries;
    }

    /** Extracts as a careful unzip does, refusing any name that leaves {@code dir}; returns the bundle's folder. */
    static Path extract(byte[] zip, Path dir) throws IOException {
        Path root = null;
        for (Map.Entry<String, byte[]> entry : unzip(zip).entrySet()) {
            Path target = dir.resolve(entry.getKey()).normalize();
            assertTrue(target.startsWith(dir), entry.getKey() + " leaves the folder it is extracted into");
            Files.createDirectories(target.getParent());
            Files.write(target, entry.getValue());
            Path top = dir.resolve(dir.relativize(target).getName(0));
            assertTrue(root == null || root.equals(top), "one top folder");
            root = top;
        }
        return root;
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
