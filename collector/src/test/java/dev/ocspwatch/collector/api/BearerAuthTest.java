package dev.ocspwatch.collector.api;

import static dev.ocspwatch.collector.api.TestHttp.await;
import static dev.ocspwatch.collector.api.TestHttp.get;
import static dev.ocspwatch.collector.api.TestHttp.header;
import static dev.ocspwatch.collector.api.TestHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BearerAuthTest {
    private static final String TOKEN = "s3cret-Token_for.tests~0123456789";
    private static Vertx vertx;
    private static ApiServer server;
    private static int port;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        server = ApiServer.create(vertx, SampleData.view(), new ApiSettings("127.0.0.1", 0, TOKEN, null),
                router -> router.get("/metrics").handler(ctx -> ctx.response().end("ocspwatch_up 1\n")));
        port = await(server.start());
    }

    @AfterAll
    static void stop() {
        await(server.close());
        await(vertx.close());
    }

    @Test
    void acceptsExactlyTheConfiguredTokenAfterTheBearerScheme() {
        BearerAuth auth = new BearerAuth(TOKEN);
        assertTrue(auth.accepts("Bearer " + TOKEN));
        assertTrue(auth.accepts("bearer " + TOKEN), "the scheme is case-insensitive (RFC 7235)");
        assertFalse(auth.accepts(null));
        assertFalse(auth.accepts(TOKEN), "no scheme");
        assertFalse(auth.accepts("Basic " + TOKEN));
        assertFalse(auth.accepts("Bearer " + TOKEN.substring(1)));
        assertFalse(auth.accepts("Bearer " + TOKEN + "x"));
        assertFalse(auth.accepts("Bearer " + TOKEN.toUpperCase()), "the token itself is case-sensitive");
        assertFalse(auth.accepts("Bearer "));
    }

    @Test
    void refusesApiDashboardAndExtraRoutesWithoutTheToken() {
        for (String path : List.of("/api/verdicts", "/api/issuers", "/api/certificates/" + SampleData.VIOLATION_ID, "/",
                "/dashboard.js", "/metrics", "/no-such-page")) {
            HttpResponse<String> missing = get(port, path);
            assertEquals(401, missing.statusCode(), path);
            assertEquals("Bearer realm=\"ocspwatch\"", header(missing, "www-authenticate"), path);
            assertTrue(json(missing).get("error").asText().contains("Authorization: Bearer"), path);
            assertEquals(401, get(port, path, "Authorization", "Bearer wrong-token-0123456789").statusCode(), path);
        }
    }

    @Test
    void letsTheRightTokenThrough() {
        String auth = "Bearer " + TOKEN;
        assertEquals(200, get(port, "/api/verdicts", "Authorization", auth).statusCode());
        assertEquals(200, get(port, "/", "Authorization", auth).statusCode());
        assertEquals("ocspwatch_up 1\n", get(port, "/metrics", "Authorization", auth).body());
    }

    @Test
    void leavesHealthOpenForProbes() {
        HttpResponse<String> health = get(port, "/health");
        assertEquals(200, health.statusCode());
        assertEquals("RUNNING", json(health).get("state").asText());
    }

    @Test
    void neverEchoesThePresentedToken() {
        HttpResponse<String> refused = get(port, "/api/verdicts", "Authorization", "Bearer guess-" + TOKEN);
        assertFalse(refused.body().contains(TOKEN), refused.body());
    }
}
