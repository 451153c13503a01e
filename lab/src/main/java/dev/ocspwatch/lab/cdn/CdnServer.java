package dev.ocspwatch.lab.cdn;

import dev.ocspwatch.lab.dns.LabDns;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CDN's points of presence on the wire: one HTTP server per region, each on its region's
 * loopback address ({@link LabDns#popAddress}), all on the same port, because the port is part
 * of the OCSP URL every certificate carries and the address is what DNS gives each region.
 */
public final class CdnServer implements AutoCloseable {
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final List<HttpServer> servers;
    private final int port;

    private CdnServer(List<HttpServer> servers, int port) {
        this.servers = servers;
        this.port = port;
    }

    /** Binds every PoP; {@code port} 0 picks one free on all of them. */
    public static Future<CdnServer> start(Vertx vertx, Cdn cdn, Map<String, Integer> regionNumbers, int port) {
        return attempt(vertx, cdn, regionNumbers, port, 5);
    }

    private static Future<CdnServer> attempt(Vertx vertx, Cdn cdn, Map<String, Integer> regionNumbers, int port, int triesLeft) {
        List<Map.Entry<String, Integer>> regions = new ArrayList<>(regionNumbers.entrySet());
        List<HttpServer> servers = new ArrayList<>();
        Map.Entry<String, Integer> first = regions.get(0);
        return listen(vertx, cdn, first.getKey(), first.getValue(), port).compose(firstServer -> {
            servers.add(firstServer);
            int chosen = firstServer.actualPort();
            Future<Void> rest = Future.succeededFuture();
            for (Map.Entry<String, Integer> region : regions.subList(1, regions.size())) {
                rest = rest.compose(v -> listen(vertx, cdn, region.getKey(), region.getValue(), chosen).map(server -> {
                    servers.add(server);
                    return null;
                }));
            }
            return rest.map(v -> new CdnServer(List.copyOf(servers), chosen)).recover(error -> {
                servers.forEach(HttpServer::close);
                if (port == 0 && triesLeft > 1) {
                    return attempt(vertx, cdn, regionNumbers, 0, triesLeft - 1); // the port was taken on another address
                }
                return Future.failedFuture(error);
            });
        });
    }

    private static Future<HttpServer> listen(Vertx vertx, Cdn cdn, String region, int number, int port) {
        String address = LabDns.popAddress(number).getHostAddress();
        return vertx.createHttpServer(new HttpServerOptions().setHost(address).setPort(port).setCompressionSupported(false))
                .requestHandler(request -> serve(vertx, cdn, region, request))
                .listen();
    }

    private static void serve(Vertx vertx, Cdn cdn, String region, HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        long declared;
        try {
            declared = length == null ? 0 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = Long.MAX_VALUE;
        }
        if (declared > MAX_REQUEST_BYTES) {
            request.response().setStatusCode(413).end();
            return;
        }
        request.body().onSuccess(body -> {
            Cdn.Response response;
            try {
                response = cdn.handle(region, request.method().name(), request.getHeader("Host"), request.path(), body.getBytes());
            } catch (RuntimeException e) {
                request.response().setStatusCode(500).end("internal error: " + e); // a bug must answer, never hang
                return;
            }
            Runnable send = () -> {
                if (request.response().closed()) {
                    return; // the client gave up on a slow answer
                }
                request.response().setStatusCode(response.status());
                response.headers().forEach(request.response()::putHeader);
                request.response().end(Buffer.buffer(response.body()));
            };
            if (response.delay().isZero()) {
                send.run();
            } else {
                vertx.setTimer(response.delay().toMillis(), id -> send.run());
            }
        }).onFailure(error -> request.response().setStatusCode(400).end());
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        Future.all(servers.stream().map(HttpServer::close).toList()).toCompletionStage().toCompletableFuture().join();
    }

}
