package dev.ocspwatch.collector.api;

import static dev.ocspwatch.collector.api.SampleData.COMPLIANT_A_ID;
import static dev.ocspwatch.collector.api.SampleData.COMPLIANT_B_ID;
import static dev.ocspwatch.collector.api.SampleData.INCONCLUSIVE_ID;
import static dev.ocspwatch.collector.api.SampleData.ISSUER_A;
import static dev.ocspwatch.collector.api.SampleData.ISSUER_B;
import static dev.ocspwatch.collector.api.SampleData.VIOLATION_ID;
import static dev.ocspwatch.collector.api.TestHttp.await;
import static dev.ocspwatch.collector.api.TestHttp.get;
import static dev.ocspwatch.collector.api.TestHttp.header;
import static dev.ocspwatch.collector.api.TestHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocspwatch.collector.query.CollectorHealth;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CollectorApiTest {
    private static Vertx vertx;
    private static InMemoryCollectorView view;
    private static ApiServer server;
    private static int port;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        view = SampleData.view();
        server = ApiServer.create(vertx, view, new ApiSettings("127.0.0.1", 0, null, null), router ->
                router.get("/api/certificates/:id/evidence.md").handler(ctx -> ctx.response()
                        .putHeader("content-type", "text/markdown").end("# evidence of " + ctx.pathParam("id"))));
        port = await(server.start());
    }

    @AfterAll
    static void stop() {
        await(server.close());
        await(vertx.close());
    }

    @Test
    void listsLatestVerdictsNewestDeadlineFirstWithANullNextOnTheLastPage() {
        HttpResponse<String> response = get(port, "/api/verdicts");
        assertEquals(200, response.statusCode());
        assertEquals("application/json; charset=utf-8", header(response, "content-type"));
        JsonNode body = json(response);
        assertEquals(List.of(VIOLATION_ID, COMPLIANT_A_ID, COMPLIANT_B_ID, INCONCLUSIVE_ID), ids(body));
        assertTrue(body.has("next") && body.get("next").isNull(), body.toString());
        JsonNode violation = body.get("items").get(0);
        assertEquals("VIOLATION", violation.get("verdict").asText());
        assertEquals("2026-11-23T08:15:00Z", violation.get("deadline").asText(), "ISO-8601, not epoch numbers");
        assertEquals("UNAUTHORIZED", violation.get("firstFailure").get("outcome").asText());
    }

    @Test
    void filtersByVerdictIssuerRegionAndDeadline() {
        assertEquals(List.of(VIOLATION_ID), ids(json(get(port, "/api/verdicts?verdict=VIOLATION"))));
        assertEquals(List.of(COMPLIANT_B_ID, INCONCLUSIVE_ID), ids(json(get(port, "/api/verdicts?issuer=" + ISSUER_B))));
        assertEquals(List.of(VIOLATION_ID, INCONCLUSIVE_ID), ids(json(get(port, "/api/verdicts?region=ap-southeast"))));
        assertEquals(List.of(COMPLIANT_A_ID, COMPLIANT_B_ID), ids(json(get(port,
                "/api/verdicts?since=2026-11-23T07:55:00Z&until=2026-11-23T08:15:00Z"))));
        assertEquals(List.of(VIOLATION_ID, COMPLIANT_A_ID), ids(json(get(port,
                "/api/verdicts?host=ocsp.example-trust.test"))));
    }

    @Test
    void pagesWithTheNextToken() {
        JsonNode first = json(get(port, "/api/verdicts?limit=3"));
        assertEquals(List.of(VIOLATION_ID, COMPLIANT_A_ID, COMPLIANT_B_ID), ids(first));
        String next = first.get("next").asText();
        JsonNode second = json(get(port, "/api/verdicts?limit=3&after=" + next));
        assertEquals(List.of(INCONCLUSIVE_ID), ids(second));
        assertTrue(second.get("next").isNull());
    }

    @Test
    void refusesBadVerdictParametersQuotingTheBadValue() {
        assertBadRequest("/api/verdicts?verdict=COMPLIANTISH", "\"COMPLIANTISH\"");
        assertBadRequest("/api/verdicts?verdict=violation", "\"violation\"");
        assertBadRequest("/api/verdicts?since=yesterday", "\"yesterday\"");
        assertBadRequest("/api/verdicts?until=2026-13-01T00:00:00Z", "\"2026-13-01T00:00:00Z\"");
        assertBadRequest("/api/verdicts?limit=0", "\"0\"");
        assertBadRequest("/api/verdicts?limit=501", "\"501\"");
        assertBadRequest("/api/verdicts?limit=ten", "\"ten\"");
        assertBadRequest("/api/verdicts?verdcit=VIOLATION", "\"verdcit\"");
        assertEquals("HTTP/1.1 400 Bad Request", TestHttp.rawStatusLine(port, "/api/verdicts?issuer=%ZZ"));
    }

    @Test
    void answersOneCertificateWithItsObservationsGroupedByRegion() {
        HttpResponse<String> response = get(port, "/api/certificates/" + VIOLATION_ID);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response);
        assertEquals(VIOLATION_ID, body.get("certificateId").asText());
        assertEquals("VIOLATION", body.get("verdict").get("verdict").asText());
        assertEquals(SampleData.XSS, body.get("certificate").get("subject").asText());
        List<String> regions = new ArrayList<>();
        body.get("observations").fieldNames().forEachRemaining(regions::add);
        assertEquals(List.of("ap-southeast", "eu-central", "us-east"), regions);
        JsonNode eu = body.get("observations").get("eu-central");
        assertEquals(7, eu.size());
        assertEquals("2026-11-23T08:00:20Z", eu.get(0).get("probe").get("sentAt").asText());
        assertEquals("UNAUTHORIZED", eu.get(3).get("probe").get("outcome").asText());
    }

    @Test
    void findsACertificateWrittenWithUpperCaseHexAndALeadingZero() {
        String spelled = ISSUER_A.toUpperCase() + ":04F1C2A9E0B7D3";
        HttpResponse<String> response = get(port, "/api/certificates/" + spelled);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(VIOLATION_ID, json(response).get("certificateId").asText());
        assertEquals(200, get(port, "/api/certificates/" + VIOLATION_ID.replace(":", "%3A")).statusCode());
    }

    @Test
    void answers404ForAnUnknownCertificateAnd400ForAMalformedId() {
        HttpResponse<String> unknown = get(port, "/api/certificates/" + ISSUER_A + ":99");
        assertEquals(404, unknown.statusCode());
        assertTrue(json(unknown).get("error").asText().contains(ISSUER_A + ":99"), unknown.body());
        assertBadRequest("/api/certificates/not-an-id", "\"not-an-id\"");
        assertBadRequest("/api/certificates/" + ISSUER_A.substring(1) + ":01", "64 hex digits");
        assertBadRequest("/api/certificates/" + ISSUER_A + ":xyz", ":xyz\"");
    }

    @Test
    void listsIssuerStatisticsWorstFirst() {
        JsonNode items = json(get(port, "/api/issuers")).get("items");
        assertEquals(2, items.size());
        JsonNode a = items.get(0);
        assertEquals(ISSUER_A, a.get("issuerSpkiSha256").asText());
        assertEquals(2, a.get("decided").asLong());
        assertEquals(1, a.get("verdicts").get("VIOLATION").asLong());
        assertEquals(1, a.get("flapping").asLong());
        assertEquals(0.5, a.get("violationRate").asDouble(), 1e-9);
        // Fastest region per certificate: compliant 60 s (eu-central), violation 420 s (us-east).
        assertEquals(60_000, a.get("timeToFirstAuthoritative").get("p50Ms").asLong());
        assertEquals(420_000, a.get("timeToFirstAuthoritative").get("p90Ms").asLong());
        assertEquals(540_000, a.get("timeToFirstAuthoritativeByRegion").get("eu-central").get("p90Ms").asLong());
        JsonNode b = items.get(1);
        assertEquals(ISSUER_B, b.get("issuerSpkiSha256").asText());
        assertEquals(1, b.get("verdicts").get("INCONCLUSIVE").asLong());
        assertEquals(30_000, b.get("timeToFirstAuthoritative").get("p50Ms").asLong());
    }

    @Test
    void servesTheRegionByIssuerMatrix() {
        JsonNode matrix = json(get(port, "/api/regions"));
        assertEquals("[\"ap-southeast\",\"eu-central\",\"us-east\"]", matrix.get("regions").toString());
        JsonNode a = matrix.get("issuers").get(0).get("cells");
        assertEquals(1, a.get("eu-central").get("statuses").get("RESPONDER_FAILURE").asLong());
        assertEquals(1, a.get("eu-central").get("statuses").get("AUTHORITATIVE").asLong());
        assertEquals(2, a.get("us-east").get("statuses").get("AUTHORITATIVE").asLong());
        JsonNode b = matrix.get("issuers").get(1).get("cells");
        assertEquals(1, b.get("ap-southeast").get("statuses").get("TRANSPORT_FAILURE").asLong());
        // ap-southeast for B: only the compliant certificate was answered, after 90 s.
        assertEquals(90_000, b.get("ap-southeast").get("p50TimeToFirstAuthoritativeMs").asLong());
    }

    @Test
    void reportsHealth200WhenReadyAnd503WhenNot() {
        HttpResponse<String> ready = get(port, "/health");
        assertEquals(200, ready.statusCode());
        assertTrue(json(ready).get("ready").asBoolean());
        view.health(new CollectorHealth("REBALANCING", false, Map.of("verdicts", 4L)));
        try {
            HttpResponse<String> rebalancing = get(port, "/health");
            assertEquals(503, rebalancing.statusCode());
            assertEquals("REBALANCING", json(rebalancing).get("state").asText());
            assertEquals(4, json(rebalancing).get("details").get("verdicts").asLong());
        } finally {
            view.health(new CollectorHealth("RUNNING", true, Map.of()));
        }
    }

    @Test
    void callsTheViewOnlyOffTheEventLoop() {
        get(port, "/api/verdicts");
        get(port, "/api/certificates/" + VIOLATION_ID);
        get(port, "/api/issuers");
        get(port, "/health");
        assertTrue(view.calls().containsAll(List.of("verdicts", "forEachVerdict", "certificate " + VIOLATION_ID, "health")),
                view.calls().toString());
        assertEquals(List.of(), view.callsOnEventLoop());
    }

    @Test
    void setsSecurityHeadersOnAnswersAndErrorsAlike() {
        for (String path : List.of("/api/verdicts", "/health", "/api/verdicts?limit=0", "/api/nothing-here")) {
            HttpResponse<String> response = get(port, path);
            String csp = header(response, "content-security-policy");
            assertTrue(csp != null && csp.contains("default-src 'none'") && csp.contains("script-src 'self'")
                    && !csp.contains("unsafe-inline"), path + ": " + csp);
            assertEquals("nosniff", header(response, "x-content-type-options"), path);
            assertEquals("no-store", header(response, "cache-control"), path);
        }
    }

    @Test
    void mountsExtraRoutesNextToTheApi() {
        HttpResponse<String> evidence = get(port, "/api/certificates/" + VIOLATION_ID + "/evidence.md");
        assertEquals(200, evidence.statusCode());
        assertEquals("# evidence of " + VIOLATION_ID, evidence.body());
        assertEquals("nosniff", header(evidence, "x-content-type-options"), "extra routes get the headers too");
    }

    @Test
    void answersUnknownApiPathsWithJson404() {
        HttpResponse<String> response = get(port, "/api/verdict");
        assertEquals(404, response.statusCode());
        assertTrue(json(response).get("error").asText().contains("\"/api/verdict\""), response.body());
    }

    @Test
    void answers500WithoutTheCausesDetailsWhenTheViewFails() {
        InMemoryCollectorView failing = new InMemoryCollectorView(List.of()) {
            @Override
            public void forEachVerdict(java.util.function.Consumer<dev.ocspwatch.common.kafka.VerdictRecord> action) {
                throw new IllegalStateException("state store /var/lib/secret-path is closed");
            }
        };
        ApiServer broken = ApiServer.create(vertx, failing, new ApiSettings("127.0.0.1", 0, null, null), null);
        int brokenPort = await(broken.start());
        try {
            HttpResponse<String> response = get(brokenPort, "/api/issuers");
            assertEquals(500, response.statusCode());
            assertFalse(response.body().contains("secret-path"), response.body());
            assertTrue(json(response).has("error"));
        } finally {
            await(broken.close());
        }
    }

    private static void assertBadRequest(String path, String quoted) {
        HttpResponse<String> response = get(port, path);
        assertEquals(400, response.statusCode(), path + " -> " + response.body());
        String error = json(response).get("error").asText();
        assertTrue(error.contains(quoted), path + " -> " + error);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("certificateId").asText()));
        return ids;
    }
}
