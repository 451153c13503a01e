package dev.ocspwatch.collector.dashboard;

import static dev.ocspwatch.collector.api.SampleData.ISSUER_A;
import static dev.ocspwatch.collector.api.SampleData.ISSUER_A_SUBJECT;
import static dev.ocspwatch.collector.api.SampleData.ISSUER_B;
import static dev.ocspwatch.collector.api.SampleData.VIOLATION_ID;
import static dev.ocspwatch.collector.api.TestHttp.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.collector.api.ApiServer;
import dev.ocspwatch.collector.api.ApiSettings;
import dev.ocspwatch.collector.api.SampleData;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard as a browser shows it: real headless Chromium against the real API server
 * over {@link SampleData}, asserting on the DOM after the scripts ran. Skipped (never passed)
 * when no Chromium is on PATH; {@code .ci/run} installs it so CI always runs this.
 */
class DashboardChromiumTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String XSS_AS_TEXT = "&lt;img src=x onerror=alert(1)&gt;";
    private static Vertx vertx;
    private static ApiServer server;
    private static HeadlessChromium chromium;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        var binary = HeadlessChromium.find();
        Assumptions.assumeTrue(binary.isPresent(), "no chromium, chromium-browser or google-chrome on PATH");
        Path logs = Files.createDirectories(Path.of("target", "chromium"));
        chromium = new HeadlessChromium(binary.get(), logs);
        vertx = Vertx.vertx();
        server = ApiServer.create(vertx, SampleData.view(), new ApiSettings("127.0.0.1", 0, null, null), null);
        base = "http://127.0.0.1:" + await(server.start()) + "/";
    }

    @AfterAll
    static void stop() {
        if (vertx != null) {
            await(server.close());
            await(vertx.close());
        }
    }

    @Test
    void listsTheViolationWithItsIssuerResponderAndFailingRegions() throws Exception {
        String dom = chromium.dumpDom(base);
        String violations = tbody(dom, "violations");
        assertEquals(1, count(violations, "<tr "), violations);
        String row = element(violations, "tr", "data-certificate-id=\"" + VIOLATION_ID + "\"");
        assertTrue(row.contains(ISSUER_A_SUBJECT), row);
        assertTrue(row.contains("ocsp.example-trust.test"), row);
        assertTrue(row.contains("eu-central: RESPONDER_FAILURE") && row.contains("ap-southeast: RESPONDER_FAILURE"), row);
        assertFalse(row.contains("us-east"), "us-east was answered: not a failing region");
        assertTrue(row.contains("UNAUTHORIZED in eu-central (GET, HTTP 200) at 08:15:02Z"), row);
        assertTrue(row.contains("2026-11-23 08:15:00Z"), row);
        assertTrue(row.contains("href=\"#/certificates/" + VIOLATION_ID.replace(":", "%3A") + "\""), row);
        assertTrue(dom.contains("collector RUNNING"), "health shown");
        assertTrue(dom.contains("<p id=\"error\" class=\"error\" hidden=\"\">"), "no error shown");
    }

    @Test
    void showsPerIssuerCountsAndTimesToFirstAuthoritativeAnswer() throws Exception {
        String issuers = tbody(chromium.dumpDom(base), "issuers");
        String a = element(issuers, "tr", "data-issuer=\"" + ISSUER_A + "\"");
        assertEquals("2", cell(a, "num decided"));
        assertEquals("1", cell(a, "num count count-COMPLIANT nonzero"));
        assertEquals("1", cell(a, "num count count-VIOLATION nonzero"));
        assertEquals("0", cell(a, "num count count-INCONCLUSIVE"));
        assertEquals("50.0 %", cell(a, "num rate"));
        assertEquals("1m 00s", cell(a, "num p50"));
        assertEquals("7m 00s", cell(a, "num p90"));
        assertEquals("1", cell(a, "num flapping nonzero"));
        String b = element(issuers, "tr", "data-issuer=\"" + ISSUER_B + "\"");
        assertEquals("1", cell(b, "num count count-INCONCLUSIVE nonzero"));
        assertEquals("30 s", cell(b, "num p50"));
        assertEquals("4m 00s", cell(b, "num p90"));
        assertTrue(issuers.indexOf(ISSUER_A) < issuers.indexOf(ISSUER_B), "the CA with violations first");
    }

    @Test
    void coloursTheRegionMatrixByTheWorstStatusOfEachCell() throws Exception {
        String dom = chromium.dumpDom(base);
        String head = between(dom, "<table id=\"regions\"", "</thead>");
        assertTrue(head.indexOf("ap-southeast") < head.indexOf("eu-central") && head.indexOf("eu-central") < head.indexOf("us-east"),
                head);
        String regions = tbody(dom, "regions");
        String a = element(regions, "tr", "data-issuer=\"" + ISSUER_A + "\"");
        String b = element(regions, "tr", "data-issuer=\"" + ISSUER_B + "\"");
        assertEquals("RESPONDER_FAILURE", worst(a, "eu-central"));
        assertEquals("AUTHORITATIVE", worst(a, "us-east"));
        assertEquals("TRANSPORT_FAILURE", worst(b, "ap-southeast"));
        String cell = element(a, "td", "data-region=\"eu-central\"");
        assertTrue(cell.contains("RESPONDER_FAILURE 1") && cell.contains("AUTHORITATIVE 1"), cell);
        assertTrue(cell.contains("p50 1m 00s"), cell);
    }

    @Test
    void drawsTheCertificateTimelineWithAMarkPerProbeAndTheDeadline() throws Exception {
        String dom = chromium.dumpDom(base + "#/certificates/" + VIOLATION_ID);
        assertTrue(dom.contains("<section id=\"overview\" hidden=\"\">"), "the overview is hidden");
        assertTrue(dom.contains(">VIOLATION</span>"), "verdict shown");
        String svg = between(dom, "<svg id=\"timeline-svg\"", "</svg>");
        assertEquals(17, count(svg, "class=\"mark "), "one mark per observation");
        assertEquals(7, count(svg, "mark g-authoritative"));
        assertEquals(9, count(svg, "mark g-responder"));
        assertEquals(1, count(svg, "mark g-transport"));
        assertEquals(3, count(svg, "data-outcome=\"UNAUTHORIZED\""));
        assertEquals(4, count(svg, "<rect class=\"mark "), "POST probes are squares");
        assertEquals(3, count(svg, "class=\"lane-label\""));
        assertTrue(svg.contains("class=\"deadline\"") && svg.contains("deadline 08:15:00Z"), "deadline line and label");
        assertTrue(svg.contains("08:15:02Z eu-central GET UNAUTHORIZED HTTP 200"), "a mark's tooltip");
        String probes = tbody(dom, "probes");
        assertEquals(17, count(probes, "data-observation-id="));
        assertTrue(probes.contains("<td class=\"outcome g-responder\">TRY_LATER</td>"), probes);
    }

    @Test
    void showsAHostileSubjectAsTextInEveryView() throws Exception {
        String overview = chromium.dumpDom(base);
        String certificate = chromium.dumpDom(base + "#/certificates/" + VIOLATION_ID);
        assertTrue(tbody(overview, "violations").contains("<td class=\"subject\">" + XSS_AS_TEXT + "</td>"));
        assertTrue(certificate.contains("<h2 id=\"certificate-subject\">" + XSS_AS_TEXT + "</h2>"), "title as text");
        for (String dom : new String[] {overview, certificate}) {
            assertFalse(dom.contains("<img"), "no img element was created");
            assertFalse(dom.contains("onerror=\""), "no handler attribute");
        }
    }

    @Test
    void saysSoWhenACertificateIsUnknown() throws Exception {
        String dom = chromium.dumpDom(base + "#/certificates/" + ISSUER_A + ":99");
        String missing = element(dom, "p", "id=\"certificate-missing\"");
        assertTrue(missing.contains("the collector holds nothing of certificate " + ISSUER_A + ":99"), missing);
    }

    @Test
    void savesScreenshotsOfTheDashboardAndACertificate() throws Exception {
        Path dashboard = SCREENSHOTS.resolve("dashboard.png");
        Path certificate = SCREENSHOTS.resolve("certificate.png");
        chromium.screenshot(base, dashboard);
        chromium.screenshot(base + "#/certificates/" + VIOLATION_ID, certificate);
        for (Path png : new Path[] {dashboard, certificate}) {
            byte[] bytes = Files.readAllBytes(png);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(bytes, 8), png.toString());
            // IHDR: width and height, big-endian, right after the signature and the chunk header.
            assertEquals(1400, ByteBuffer.wrap(bytes, 16, 4).getInt(), png + " width");
            assertEquals(1000, ByteBuffer.wrap(bytes, 20, 4).getInt(), png + " height");
            assertTrue(bytes.length > 20_000, png + " has content: " + bytes.length + " bytes");
        }
    }

    /** The first {@code <tag ...marker...>...</tag>} in {@code html} (no nesting of the same tag inside). */
    private static String element(String html, String tag, String marker) {
        Matcher m = Pattern.compile("<" + tag + "\\b[^>]*" + Pattern.quote(marker) + "[^>]*>").matcher(html);
        assertTrue(m.find(), "no <" + tag + "> with " + marker + " in " + html);
        int end = html.indexOf("</" + tag + ">", m.end());
        return html.substring(m.start(), end + tag.length() + 3);
    }

    private static String tbody(String dom, String tableId) {
        String table = between(dom, "<table id=\"" + tableId + "\"", "</table>");
        return between(table, "<tbody>", "</tbody>");
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertTrue(from >= 0, "no " + start + " in " + text);
        int to = text.indexOf(end, from);
        assertTrue(to >= 0, "no " + end + " after " + start);
        return text.substring(from, to + end.length());
    }

    private static String cell(String row, String classes) {
        String td = element(row, "td", "class=\"" + classes + "\"");
        return td.substring(td.indexOf('>') + 1, td.length() - "</td>".length());
    }

    private static String worst(String row, String region) {
        Matcher m = Pattern.compile("<td class=\"cell status-([A-Z_]+)\" data-region=\"" + Pattern.quote(region) + "\"").matcher(row);
        assertTrue(m.find(), region + " cell in " + row);
        return m.group(1);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
