package dev.ocspwatch.agent.discovery;

import dev.ocspwatch.agent.testing.Signal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;

/**
 * A counting proxy in front of a CT log server: records every request a follower makes (its URI,
 * when it arrived, when it was answered, with which status), how many data fetches were in flight
 * at once, and lets a test answer chosen requests itself (a foreign tree head, a broken tile).
 * Bytes are passed through untouched, gzip included.
 */
final class LogProxy implements AutoCloseable {
    /** One request: times are System.nanoTime(). */
    record Seen(String uri, long arrived, long answered, int status) {
        boolean is(String fragment) {
            return uri.contains(fragment);
        }
    }

    /** An answer the test gives instead of the log. */
    record Reply(int status, Map<String, String> headers, byte[] body) {
        static Reply of(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "text/plain"), body.getBytes(StandardCharsets.UTF_8));
        }

        static Reply json(String body) {
            return new Reply(200, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
        }

        static Reply gzipped(byte[] body) {
            return new Reply(200, Map.of("Content-Type", "application/octet-stream", "Content-Encoding", "gzip"), gzip(body));
        }
    }

    private final HttpServer server;
    private final HttpClientAgent client;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger dataInFlight = new AtomicInteger();
    private final AtomicInteger maxDataInFlight = new AtomicInteger();
    private volatile Function<String, Reply> override = uri -> null;

    private LogProxy(HttpServer server, HttpClientAgent client) {
        this.server = server;
        this.client = client;
    }

    static LogProxy start(Vertx vertx, int targetPort) {
        HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setDecompressionSupported(false));
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
        LogProxy[] self = new LogProxy[1];
        server.requestHandler(request -> self[0].handle(request, targetPort));
        self[0] = new LogProxy(server, client);
        join(server.listen());
        return self[0];
    }

    int port() {
        return server.actualPort();
    }

    /** Answers the requests for which {@code answer} returns a reply; null passes the request on to the log. */
    void override(Function<String, Reply> answer) {
        override = answer == null ? uri -> null : answer;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    List<Seen> seen(Predicate<Seen> which) {
        return seen.stream().filter(which).toList();
    }

    long count(String fragment) {
        return seen.stream().filter(s -> s.is(fragment)).count();
    }

    /** How many requests per URI matching {@code fragment}. */
    Map<String, Integer> countsByUri(String fragment) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        seen.stream().filter(s -> s.is(fragment)).forEach(s -> counts.merge(s.uri(), 1, Integer::sum));
        return counts;
    }

    /** The most get-entries or data-tile requests that were in flight at once. */
    int maxDataInFlight() {
        return maxDataInFlight.get();
    }

    private void handle(HttpServerRequest request, int targetPort) {
        long arrived = System.nanoTime();
        String uri = request.uri();
        boolean data = uri.contains("get-entries") || uri.contains("tile/data/");
        if (data) {
            maxDataInFlight.accumulateAndGet(dataInFlight.incrementAndGet(), Math::max);
        }
        Reply replacement;
        try {
            replacement = override.apply(uri);
        } catch (RuntimeException e) {
            replacement = Reply.of(500, "proxy override failed: " + e);
        }
        Future<Reply> answer = replacement != null ? Future.succeededFuture(replacement)
                : client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(targetPort).setURI(uri))
                        .compose(r -> r.send())
                        .compose(response -> response.body().map(body -> {
                            Map<String, String> headers = new LinkedHashMap<>();
                            for (String name : List.of("Content-Type", "Content-Encoding", "Retry-After", "Cache-Control")) {
                                String value = response.getHeader(name);
                                if (value != null) {
                                    headers.put(name, value);
                                }
                            }
                            return new Reply(response.statusCode(), headers, body.getBytes());
                        }));
        answer.onComplete(ar -> {
            Reply reply = ar.succeeded() ? ar.result() : Reply.of(502, "proxy: " + ar.cause());
            if (data) {
                dataInFlight.decrementAndGet();
            }
            seen.add(new Seen(uri, arrived, System.nanoTime(), reply.status()));
            request.response().setStatusCode(reply.status());
            reply.headers().forEach(request.response()::putHeader);
            request.response().end(Buffer.buffer(reply.body()));
            Signal.fire();
        });
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static <T> T join(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        join(server.close());
        join(client.close());
    }
}
