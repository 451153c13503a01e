package dev.ocspwatch.agent.discovery;

import dev.ocspwatch.agent.testing.Signal;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A small HTTP server whose answers a test writes (real CT files, log lists it changes); records the URIs asked. */
final class StaticServer implements AutoCloseable {
    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Function<String, LogProxy.Reply> answer;

    private StaticServer(Vertx vertx, Function<String, LogProxy.Reply> answer) {
        this.answer = answer;
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
        server.requestHandler(request -> {
            requests.add(request.uri());
            LogProxy.Reply reply;
            try {
                reply = this.answer.apply(request.uri());
            } catch (RuntimeException e) {
                reply = LogProxy.Reply.of(500, e.toString());
            }
            if (reply == null) {
                reply = LogProxy.Reply.of(404, "not found");
            }
            request.response().setStatusCode(reply.status());
            reply.headers().forEach(request.response()::putHeader);
            request.response().end(Buffer.buffer(reply.body()));
            Signal.fire();
        });
    }

    static StaticServer start(Vertx vertx, Function<String, LogProxy.Reply> answer) {
        StaticServer server = new StaticServer(vertx, answer);
        LogProxy.join(server.server.listen());
        return server;
    }

    void answer(Function<String, LogProxy.Reply> replacement) {
        answer = replacement;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    /** A file from {@code src/test/resources/discovery/}. */
    static byte[] resource(String path) {
        try (InputStream in = StaticServer.class.getResourceAsStream("/discovery/" + path)) {
            if (in == null) {
                throw new IllegalStateException("no test resource discovery/" + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        LogProxy.join(server.close());
    }
}
