package dev.ocspwatch.agent.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocspwatch.common.ct.CtFormatException;
import dev.ocspwatch.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Which logs of a v3 list discovery follows, and why it skips the others: the ct-go test list and variants of it. */
class LogListV3Test {
    private static final Instant LIST_TIME = Instant.parse("2022-05-06T12:55:11Z");
    private static final Instant BEFORE_2020 = Instant.parse("2019-06-01T00:00:00Z");
    private static final String ROME_KEY = pemBody("static-ct/rome2024h1-pubkey.pem");

    private static byte[] ctgo() {
        return StaticServer.resource("loglist/ctgo-loglist3.json");
    }

    private static ObjectNode ctgoTree() throws Exception {
        return (ObjectNode) Json.mapper().readTree(ctgo());
    }

    private static byte[] bytes(ObjectNode tree) {
        return tree.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String pemBody(String resource) {
        return new String(StaticServer.resource(resource), StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----|\\s", "");
    }

    private static Map<String, String> skipped(LogListV3.Result result) {
        return result.skipped().stream().collect(Collectors.toMap(LogListV3.Skipped::name, LogListV3.Skipped::reason));
    }

    private static List<String> names(LogListV3.Result result) {
        return result.logs().stream().map(CtLog::name).toList();
    }

    @Test
    void followsUsableQualifiedAndReadonlyLogsWithinTheirIntervals() throws Exception {
        LogListV3.Result result = LogListV3.parse(ctgo(), LIST_TIME);

        assertEquals(List.of("Google 'Aviator' log", "Google 'Icarus' log", "Google 'Rocketeer' log"), names(result));
        CtLog icarus = result.logs().get(1);
        assertEquals("KTxRllTIOWW6qlD8WAfUt2+/WHopctykwwz05UVH9Hg=", icarus.logId().base64());
        assertEquals("https://ct.googleapis.com/icarus/", icarus.url());
        assertEquals(CtApi.RFC6962, icarus.api());
        assertNull(icarus.origin());
        assertTrue(icarus.verified());
        Map<String, String> skipped = skipped(result);
        assertEquals(3, skipped.size(), skipped.toString());
        assertEquals("no state", skipped.get("Google 'Racketeer' log"));
        assertEquals("state retired", skipped.get("Bob's Dubious Log"));
        assertTrue(skipped.get("Google 'Argon2020' log").startsWith("temporal interval ended 2020-01-01T00:00:00Z"),
                skipped.get("Google 'Argon2020' log"));
    }

    @Test
    void followsALogWhoseIntervalHasNotEndedYet() throws Exception {
        LogListV3.Result result = LogListV3.parse(ctgo(), BEFORE_2020);
        assertEquals(List.of("Google 'Aviator' log", "Google 'Icarus' log", "Google 'Rocketeer' log", "Google 'Argon2020' log"),
                names(result));
        assertEquals("https://ct.googleapis.com/logs/argon2020/", result.logs().get(3).url());
        assertEquals(LogListV3.parse(ctgo(), Instant.parse("2019-12-31T23:59:59.999Z")).logs().size(), 4);
        assertEquals(LogListV3.parse(ctgo(), Instant.parse("2020-01-01T00:00:00Z")).logs().size(), 3, "the end is exclusive");
    }

    @Test
    void skipsAUsableLogWhoseKeyIsNotASubjectPublicKeyInfo() throws Exception {
        ObjectNode tree = ctgoTree();
        ObjectNode racketeer = (ObjectNode) tree.get("operators").get(0).get("logs").get(2);
        racketeer.putObject("state").putObject("usable").put("timestamp", "2018-02-27T00:00:00Z");
        assertEquals(64, Base64.getDecoder().decode(racketeer.get("key").asText()).length, "the list's 64 raw key bytes");

        Map<String, String> skipped = skipped(LogListV3.parse(bytes(tree), LIST_TIME));
        assertTrue(skipped.get("Google 'Racketeer' log").startsWith("key: "), skipped.toString());
    }

    @Test
    void skipsALogWhoseLogIdIsNotTheHashOfItsKey() throws Exception {
        ObjectNode tree = ctgoTree();
        ObjectNode icarus = (ObjectNode) tree.get("operators").get(0).get("logs").get(1);
        icarus.put("log_id", "7ku9t3XOYLrhQmkfq+GeZqMPfl+wctiDAMR7iXqo/cs="); // Rocketeer's

        LogListV3.Result result = LogListV3.parse(bytes(tree), LIST_TIME);
        assertEquals(List.of("Google 'Aviator' log", "Google 'Rocketeer' log"), names(result));
        assertEquals("log_id is not the SHA-256 of its key", skipped(result).get("Google 'Icarus' log"));
    }

    @Test
    void skipsPendingAndRejectedLogs() throws Exception {
        ObjectNode tree = ctgoTree();
        ArrayNode logs = (ArrayNode) tree.get("operators").get(0).get("logs");
        ((ObjectNode) logs.get(1)).putObject("state").putObject("pending").put("timestamp", "2018-02-27T00:00:00Z");
        ((ObjectNode) logs.get(3)).putObject("state").putObject("rejected").put("timestamp", "2018-02-27T00:00:00Z");

        Map<String, String> skipped = skipped(LogListV3.parse(bytes(tree), LIST_TIME));
        assertEquals("state pending", skipped.get("Google 'Icarus' log"));
        assertEquals("state rejected", skipped.get("Google 'Rocketeer' log"));
    }

    @Test
    void readsTiledLogsWithTheirOriginFromTheSubmissionPrefix() throws Exception {
        ObjectNode tree = ctgoTree();
        ObjectNode operator = ((ArrayNode) tree.get("operators")).addObject();
        operator.put("name", "Filippo");
        operator.putArray("logs");
        ObjectNode rome = operator.putArray("tiled_logs").addObject();
        rome.put("description", "Rome 2024h1");
        rome.put("log_id", "qT0HRLk491QYz2Xop38YM3+Te7X6hfRNtTuuLBTBGss=");
        rome.put("key", ROME_KEY);
        rome.put("submission_url", "https://rome.ct.filippo.io/2024h1/");
        rome.put("monitoring_url", "https://rome2024h1.fly.storage.tigris.dev");
        rome.put("mmd", 60);
        rome.putObject("state").putObject("usable").put("timestamp", "2024-01-01T00:00:00Z");

        LogListV3.Result result = LogListV3.parse(bytes(tree), LIST_TIME);
        CtLog tiled = result.logs().stream().filter(l -> l.name().equals("Rome 2024h1")).findFirst().orElseThrow();
        assertEquals(CtApi.STATIC, tiled.api());
        assertEquals("https://rome2024h1.fly.storage.tigris.dev/", tiled.url(), "the monitoring prefix, with its slash");
        assertEquals("rome.ct.filippo.io/2024h1", tiled.origin(), "the submission prefix without scheme and slash");
        assertEquals("qT0HRLk491QYz2Xop38YM3+Te7X6hfRNtTuuLBTBGss=", tiled.logId().base64());
        assertEquals(4, result.logs().size());
    }

    @Test
    void toleratesOperatorsWithoutLogsOrWithoutTiledLogs() throws Exception {
        String json = "{\"version\":\"1\",\"operators\":[{\"name\":\"Empty\",\"email\":[],\"logs\":[]},"
                + "{\"name\":\"Tiled only\",\"email\":[],\"tiled_logs\":[]},{\"name\":\"Nothing at all\"}]}";
        LogListV3.Result result = LogListV3.parse(json.getBytes(StandardCharsets.UTF_8), LIST_TIME);
        assertTrue(result.logs().isEmpty());
        assertTrue(result.skipped().isEmpty());
        assertTrue(LogListV3.parse("{\"operators\":[]}".getBytes(StandardCharsets.UTF_8), LIST_TIME).logs().isEmpty());
        // the ct-go list has no tiled_logs at all
        assertTrue(!ctgoTree().get("operators").get(0).has("tiled_logs"));
    }

    @Test
    void refusesWhatIsNotALogList() {
        CtFormatException notJson = assertThrows(CtFormatException.class,
                () -> LogListV3.parse("<html>not found</html>".getBytes(StandardCharsets.UTF_8), LIST_TIME));
        assertTrue(notJson.getMessage().contains("not JSON"), notJson.getMessage());
        CtFormatException noOperators = assertThrows(CtFormatException.class,
                () -> LogListV3.parse("{\"logs\":[]}".getBytes(StandardCharsets.UTF_8), LIST_TIME));
        assertTrue(noOperators.getMessage().contains("operators"), noOperators.getMessage());
        assertThrows(CtFormatException.class, () -> LogListV3.parse("{\"operators\":{}}".getBytes(StandardCharsets.UTF_8), LIST_TIME));
        assertThrows(CtFormatException.class, () -> LogListV3.parse(new byte[0], LIST_TIME));
    }
}
