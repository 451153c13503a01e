package dev.ocspwatch.agent.testing;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A MockWebServer-style HTTP server on loopback for misbehaviour the real peers will not show:
 * each path prefix gets a handler; every request is recorded (method, path, body) so a test can
 * assert what reached it, or that nothing did.
 */
public final class FakeResponder implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;
    private final Map<String, Function<Received, Handler<HttpServerRequest>>> routes = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** A request as it arrived. */
    public record Received(String method, String path, Map<String, String> headers, byte[] body) {
    }

    private final String host;

    private FakeResponder(Vertx vertx, HttpServer server, String host) {
        this.vertx = vertx;
        this.server = server;
        this.host = host;
    }

    public static FakeResponder start(Vertx vertx) {
        return start(vertx, "127.0.0.1");
    }

    /** Listens on {@code host}, a loopback address such as 127.0.1.250 (Linux answers on all of 127.0.0.0/8). */
    public static FakeResponder start(Vertx vertx, String host) {
        FakeResponder[] holder = new FakeResponder[1];
        HttpServer server = vertx.createHttpServer().requestHandler(request -> holder[0].handle(request));
        holder[0] = new FakeResponder(vertx, server, host);
        server.listen(0, host).toCompletionStage().toCompletableFuture().join();
        return holder[0];
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            Map<String, String> headers = new ConcurrentHashMap<>();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
            Received r = new Received(request.method().name(), request.path(), headers, body.getBytes());
            received.add(r);
            String best = null;
            for (String prefix : routes.keySet()) {
                if (request.path().startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                    best = prefix;
                }
            }
            if (best == null) {
                request.response().setStatusCode(404).end("no route");
            } else {
                routes.get(best).apply(r).handle(request);
            }
        });
    }

    /** Route requests under {@code prefix}; the function sees the recorded request and returns the handler. */
    public FakeResponder route(String prefix, Function<Received, Handler<HttpServerRequest>> handler) {
        routes.put(prefix, handler);
        return this;
    }

    /** Answer everything under {@code prefix} with fixed bytes. */
    public FakeResponder fixed(String prefix, int status, String contentType, byte[] body) {
        return route(prefix, r -> request -> request.response().setStatusCode(status)
                .putHeader("Content-Type", contentType).end(Buffer.buffer(body)));
    }

    public int port() {
        return server.actualPort();
    }

    /** {@code http://HOST:PORT} + path. */
    public String url(String path) {
        return "http://" + host + ":" + port() + path;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public Vertx vertx() {
        return vertx;
    }

    @Override
    public void close() {
        server.close().toCompletionStage().toCompletableFuture().join();
    }
}
