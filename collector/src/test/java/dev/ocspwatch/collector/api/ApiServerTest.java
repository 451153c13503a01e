package dev.ocspwatch.collector.api;

import static dev.ocspwatch.collector.api.TestHttp.await;
import static dev.ocspwatch.collector.api.TestHttp.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiServerTest {
    private static final String TOKEN = "Zm9vYmFyLWJhei1xdXV4LTAxMjM0NTY3";
    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        await(vertx.close());
    }

    @Test
    void listensOnAFreePortWhenGivenZeroAndStopsOnClose() {
        ApiServer server = ApiServer.create(vertx, SampleData.view(), new ApiSettings("127.0.0.1", 0, null, null), null);
        assertEquals(-1, server.port());
        int port = await(server.start());
        assertTrue(port > 0);
        assertEquals(port, server.port());
        assertEquals(200, get(port, "/health").statusCode());
        await(server.close());
        assertEquals(-1, server.port());
        UncheckedIOException refused = assertThrows(UncheckedIOException.class, () -> get(port, "/health"));
        assertInstanceOf(ConnectException.class, refused.getCause());
    }

    @Test
    void refusesToStartOnAPublicAddressWithoutAToken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ApiServer.create(vertx, SampleData.view(), new ApiSettings("0.0.0.0", 0, null, null), null));
        assertTrue(e.getMessage().contains("refusing to serve the API on \"0.0.0.0\" without a bearer token"), e.getMessage());
    }

    @Test
    void servesEveryInterfaceWithATokenAndDemandsIt() {
        ApiServer server = ApiServer.create(vertx, SampleData.view(), new ApiSettings("0.0.0.0", 0, TOKEN, null), null);
        int port = await(server.start());
        assertEquals(401, get(port, "/api/verdicts").statusCode());
        assertEquals(200, get(port, "/api/verdicts", "Authorization", "Bearer " + TOKEN).statusCode());
        await(server.close());
    }

    @Test
    void failsToStartWhenThePortIsTakenAndCanBeStartedOnceItIsFree() throws Exception {
        // Taken outside Vert.x: servers of one Vert.x instance would share the port instead of clashing.
        int taken;
        ApiServer server;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            taken = socket.getLocalPort();
            server = ApiServer.create(vertx, SampleData.view(), new ApiSettings("127.0.0.1", taken, null, null), null);
            Future<Integer> clash = server.start();
            assertThrows(IllegalStateException.class, () -> await(clash));
            assertEquals(-1, server.port());
        }
        assertEquals(taken, await(server.start()));
        await(server.close());
    }

    @Test
    void refusesToStartTwice() {
        ApiServer server = ApiServer.create(vertx, SampleData.view(), new ApiSettings("127.0.0.1", 0, null, null), null);
        await(server.start());
        assertThrows(IllegalStateException.class, () -> await(server.start()));
        await(server.close());
    }
}
