package dev.ocspwatch.collector.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.common.json.Json;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.outcome.Outcome;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class EvidenceTimelineTest {
    private static final String SVG_NS = "http://www.w3.org/2000/svg";
    private final EvidenceFixture fixture = EvidenceFixture.shared();

    @Test
    void timelineIsWellFormedSvgWithUtcAxisAndLegend() throws Exception {
        Document svg = parse(EvidenceTimeline.svg(fixture.violation()));

        assertEquals(SVG_NS, svg.getDocumentElement().getNamespaceURI());
        assertEquals("svg", svg.getDocumentElement().getLocalName());
        List<String> texts = texts(svg);
        for (String expected : List.of("14:00", "14:10", "14:20", "15:00", "published 2025-02-10T14:00:00.000Z",
                "deadline (published + 15m)", "window end", "authoritative (GOOD, REVOKED)", "responder failure",
                "transport failure", "refused by policy (BLOCKED)", "filled: GET", "hollow: POST")) {
            assertTrue(texts.contains(expected), expected + " not among " + texts);
        }
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("time (UTC), from 2025-02-10T13:")), texts.toString());
        assertEquals(List.of("ap-south", "eu-west", "us-east"), texts.stream()
                .filter(t -> t.endsWith("-south") || t.endsWith("-west") || t.endsWith("-east")).toList(),
                "one lane per region, by name");
    }

    @Test
    void everyProbeIsOneMarkWhoseTooltipQuotesIt() throws Exception {
        CertificateEvidence evidence = fixture.violation();
        Map<Integer, Element> marks = marks(parse(EvidenceTimeline.svg(evidence)));

        assertEquals(evidence.observations().size(), marks.size());
        for (int n = 1; n <= evidence.observations().size(); n++) {
            Observation observation = evidence.observations().get(n - 1);
            String tip = marks.get(n).getElementsByTagNameNS(SVG_NS, "title").item(0).getTextContent();
            Integer status = observation.probe().httpStatus();
            for (String part : List.of(Utc.iso(observation.probe().sentAt()), observation.probe().method(),
                    observation.outcome().name(), "HTTP " + (status == null ? "none" : status), observation.region())) {
                assertTrue(tip.contains(part), part + " missing from tooltip " + tip);
            }
        }
    }

    @Test
    void shapeAndColourSayWhoseDoingAndFillSaysTheMethod() throws Exception {
        List<Observation> observations = new ArrayList<>(fixture.observations());
        observations.add(fixture.probe("blocked", "us-east", ProbeKind.WATCH, "POST", EvidenceFixture.at("45:00"))
                .outcome(Outcome.BLOCKED, null, "address 10.0.0.1 is private").noTimings().build());
        Map<Integer, Element> marks = marks(parse(EvidenceTimeline.svg(
                new CertificateEvidence(fixture.certificateId, null, null, observations))));

        assertMark(marks.get(9), "circle", "#1a9641", "#1a9641"); // ap-south GET GOOD
        assertMark(marks.get(3), "circle", "#ffffff", "#1a9641"); // eu-west POST GOOD
        assertMark(marks.get(6), "rect", "#d7191c", "#d7191c"); // eu-west GET UNAUTHORIZED from the CDN
        assertMark(marks.get(10), "rect", "#ffffff", "#d7191c"); // eu-west POST UNAUTHORIZED
        assertMark(marks.get(2), "polygon", "#ffffff", "#f28e2b"); // ap-south POST TIMEOUT
        assertMark(marks.get(12), "polygon", "#ffffff", "#888888"); // us-east POST BLOCKED
        assertEquals(3, marks.get(2).getAttribute("points").split(" ").length, "transport is a triangle");
        assertEquals(4, marks.get(12).getAttribute("points").split(" ").length, "policy is a diamond");
    }

    @Test
    void deadlineLineSitsFifteenMinutesAfterPublicationAndMarksSitOnTheirTime() throws Exception {
        Document svg = parse(EvidenceTimeline.svg(fixture.violation()));

        double published = lineX(svg, "#1f4e99");
        double deadline = lineX(svg, "#c00000");
        double windowEnd = lineX(svg, "#777777");
        assertEquals(15.0 / 60.0, (deadline - published) / (windowEnd - published), 0.002);
        Element cdnAnswer = marks(svg).get(6); // sent 250 ms after the deadline
        double centre = Double.parseDouble(cdnAnswer.getAttribute("x")) + 5;
        assertEquals(deadline, centre, 0.2);
    }

    @Test
    void hostileTextIsEscapedAndTheSvgStaysWellFormed() throws Exception {
        String region = "<i>x</i>&'\"]]>";
        Observation hostile = fixture.probe("h", region, ProbeKind.WATCH, "GET", EvidenceFixture.at("40:00"))
                .outcome(Outcome.HTTP_ERROR, 502, "bad\u0001gateway\u0000 \uD800 <script>alert(1)</script>").build();
        List<Observation> observations = new ArrayList<>(fixture.observations());
        observations.add(hostile);

        Document svg = parse(EvidenceTimeline.svg(new CertificateEvidence(fixture.certificateId, null, null, observations)));

        assertEquals(0, svg.getElementsByTagNameNS("*", "script").getLength());
        assertEquals(0, svg.getElementsByTagNameNS("*", "i").getLength());
        assertTrue(texts(svg).contains(region), "the lane is labelled with the name as it is");
        String tip = marks(svg).get(12).getElementsByTagNameNS(SVG_NS, "title").item(0).getTextContent();
        assertTrue(tip.contains("bad\uFFFDgateway\uFFFD \uFFFD <script>alert(1)</script>"), tip);
    }

    @Test
    void sameEvidenceDrawsTheSameBytes() throws Exception {
        CertificateEvidence evidence = fixture.violation();
        // The same records read back from JSON: new maps and lists, the same content.
        List<Observation> copies = Json.mapper().readValue(Json.mapper().writeValueAsBytes(evidence.observations()),
                new TypeReference<List<Observation>>() { });
        VerdictRecord verdict = Json.mapper().readValue(Json.mapper().writeValueAsBytes(evidence.verdict()), VerdictRecord.class);
        CertificateEvidence copy = new CertificateEvidence(evidence.certificateId(), verdict, evidence.certificate(), copies);

        assertEquals(EvidenceTimeline.svg(evidence), EvidenceTimeline.svg(evidence));
        assertEquals(EvidenceTimeline.svg(evidence), EvidenceTimeline.svg(copy));
    }

    @Test
    void evidenceWithoutProbesStillDrawsAPicture() throws Exception {
        Document empty = parse(EvidenceTimeline.svg(new CertificateEvidence(fixture.certificateId, null, null, List.of())));
        assertTrue(texts(empty).contains("no probes recorded"), texts(empty).toString());
        assertTrue(texts(empty).contains("no times recorded"), texts(empty).toString());

        Document undecided = parse(EvidenceTimeline.svg(
                new CertificateEvidence(fixture.certificateId, fixture.verdict(fixture.observations()), null, List.of())));
        assertTrue(texts(undecided).contains("deadline (published + 15m)"), texts(undecided).toString());
        assertTrue(texts(undecided).contains("eu-west"), "lanes come from the verdict's regions too");
        assertEquals(0, marks(undecided).size());
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document svg) {
        NodeList nodes = svg.getElementsByTagNameNS(SVG_NS, "text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    /** Probe marks by the probe number they carry. */
    private static Map<Integer, Element> marks(Document svg) {
        Map<Integer, Element> marks = new TreeMap<>();
        NodeList all = svg.getElementsByTagNameNS(SVG_NS, "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (element.getAttribute("class").startsWith("probe ")) {
                assertEquals(null, marks.put(Integer.parseInt(element.getAttribute("data-probe")), element));
            }
        }
        return marks;
    }

    private static double lineX(Document svg, String stroke) {
        NodeList lines = svg.getElementsByTagNameNS(SVG_NS, "line");
        for (int i = 0; i < lines.getLength(); i++) {
            Element line = (Element) lines.item(i);
            if (line.getAttribute("stroke").equals(stroke)) {
                return Double.parseDouble(line.getAttribute("x1"));
            }
        }
        throw new AssertionError("no line drawn in " + stroke);
    }

    private static void assertMark(Element mark, String shape, String fill, String stroke) {
        assertEquals(shape, mark.getLocalName());
        assertEquals(fill, mark.getAttribute("fill"), "fill");
        assertEquals(stroke, mark.getAttribute("stroke"), "stroke");
    }
}
