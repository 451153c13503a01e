package dev.ocspwatch.collector.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocspwatch.common.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A webhook receiver over real loopback HTTP, scripted per request: answer with a status (and
 * Retry-After), close the connection, or never answer; {@link #down()} stops listening
 * (connection refused) and {@link #up()} listens again on the same port.
 */
final class WebhookReceiver implements AutoCloseable {
    /** What to do with one request. */
    record Reply(int status, String retryAfter, boolean close, boolean hang) {
        static final Reply OK = status(200);

        static Reply status(int status) {
            return new Reply(status, null, false, false);
        }

        static Reply retryAfter(int status, String value) {
            return new Reply(status, value, false, false);
        }

        static Reply closeConnection() {
            return new Reply(0, null, true, false);
        }

        static Reply noAnswer() {
            return new Reply(0, null, false, true);
        }
    }

    /** One request as received, and how it was answered (0: closed or left hanging). */
    record Received(String path, Map<String, String> headers, String body, int answered, long atNanos) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String idempotencyKey() {
            return headers.get("idempotency-key");
        }
    }

    private final Vertx vertx;
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<String, Reply> rule = body -> null;
    private volatile HttpServer server;
    private int port;

    private WebhookReceiver(Vertx vertx) {
        this.vertx = vertx;
    }

    static WebhookReceiver start(Vertx vertx) {
        WebhookReceiver receiver = new WebhookReceiver(vertx);
        receiver.listen(0);
        return receiver;
    }

    private void listen(int wanted) {
        HttpServer created = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(wanted))
                .requestHandler(this::handle);
        server = Await.result(created.listen(), Duration.ofSeconds(10));
        port = server.actualPort();
    }

    /** The next requests get these replies, in order; after them, {@link #rule} or 200. */
    synchronized WebhookReceiver script(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** A reply chosen by the request body (null: the script, or 200); e.g. failing one certificate's alerts. */
    WebhookReceiver rule(Function<String, Reply> newRule) {
        this.rule = Objects.requireNonNull(newRule);
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Requests answered with a 2xx: what the receiver's owner saw. */
    List<Received> accepted() {
        return received.stream().filter(r -> r.answered() >= 200 && r.answered() < 300).toList();
    }

    List<String> acceptedKeys() {
        return accepted().stream().map(Received::idempotencyKey).toList();
    }

    void down() {
        HttpServer current = server;
        server = null;
        Await.result(current.close(), Duration.ofSeconds(10));
    }

    void up() {
        listen(port);
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(buffer -> {
            String body = buffer.toString();
            Reply reply = rule.apply(body);
            if (reply == null) {
                synchronized (this) {
                    reply = script.isEmpty() ? Reply.OK : script.poll();
                }
            }
            Map<String, String> headers = new TreeMap<>();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
            int answered = reply.close() || reply.hang() ? 0 : reply.status();
            received.add(new Received(request.path(), headers, body, answered, System.nanoTime()));
            if (reply.close()) {
                request.connection().close();
            } else if (!reply.hang()) {
                if (reply.retryAfter() != null) {
                    request.response().putHeader("Retry-After", reply.retryAfter());
                }
                request.response().setStatusCode(reply.status()).end(reply.status() < 300 ? "ok" : "no: status " + reply.status());
            }
        });
    }

    @Override
    public void close() {
        if (server != null) {
            down();
        }
    }
}
