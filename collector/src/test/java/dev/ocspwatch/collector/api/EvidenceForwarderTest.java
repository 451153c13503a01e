package dev.ocspwatch.collector.api;

import static dev.ocspwatch.collector.api.TestHttp.await;
import static dev.ocspwatch.collector.api.TestHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.collector.query.EvidenceLocation;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The forwarding hop itself: what it sends the owner, and its bound on a silent owner. */
class EvidenceForwarderTest {
    private Vertx vertx;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        await(vertx.close());
    }

    /** An owner that notes what it was sent and answers {@code /fast}, but never {@code /silent}. */
    private int owner() {
        return await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)).requestHandler(request -> {
            seen.add(request.uri() + " forwarded=" + request.getHeader(EvidenceForwarder.HEADER) + " auth="
                    + request.getHeader("Authorization"));
            if (request.path().equals("/fast")) {
                request.response().setStatusCode(418).putHeader("Content-Type", "text/plain").putHeader("X-Internal", "no")
                        .end("teapot");
            }
        }).listen()).actualPort();
    }

    private int front(EvidenceForwarder forwarder, int ownerPort) {
        Router router = Router.router(vertx);
        router.get("/*").handler(ctx -> forwarder.forward(ctx, "c", new EvidenceLocation.Remote("127.0.0.1", ownerPort)));
        return await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)).requestHandler(router).listen())
                .actualPort();
    }

    @Test
    void sendsTheSamePathWithTheTokenAndTheMarkerAndRelaysOnlyTheHeadersThatDescribeTheBody() {
        int port = front(new EvidenceForwarder(vertx, "0123456789abcdefXYZ", Duration.ofSeconds(5)), owner());
        HttpResponse<String> response = TestHttp.get(port, "/fast?x=1");
        assertEquals(418, response.statusCode());
        assertEquals("teapot", response.body());
        assertEquals("text/plain", TestHttp.header(response, "content-type"));
        assertNull(TestHttp.header(response, "x-internal"));
        assertEquals(List.of("/fast?x=1 forwarded=1 auth=Bearer 0123456789abcdefXYZ"), seen);
    }

    @Test
    void withoutATokenSendsNoAuthorization() {
        int port = front(new EvidenceForwarder(vertx, null, Duration.ofSeconds(5)), owner());
        assertEquals(418, TestHttp.get(port, "/fast").statusCode());
        assertEquals(List.of("/fast forwarded=1 auth=null"), seen);
    }

    @Test
    void anOwnerThatDoesNotAnswerInTimeIs502() {
        int port = front(new EvidenceForwarder(vertx, null, Duration.ofMillis(300)), owner());
        HttpResponse<String> response = TestHttp.get(port, "/silent");
        assertEquals(502, response.statusCode());
        String error = json(response).get("error").asText();
        assertTrue(error.contains("did not answer within 300 ms"), error);
    }
}
