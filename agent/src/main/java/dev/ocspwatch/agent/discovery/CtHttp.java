package dev.ocspwatch.agent.discovery;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;

/**
 * HTTP for CT logs: configured, trusted endpoints (unlike OCSP URLs from certificates, which go
 * through the agent's address policy). Keep-alive, gzip accepted and undone (static-ct-api data
 * tiles may be sent compressed without negotiation), one timeout per request, and a cap on the
 * decompressed body so a bomb cannot exhaust memory. Calls must come from a Vert.x context.
 */
public final class CtHttp implements AutoCloseable {
    private final HttpClientAgent client;
    private final Duration timeout;
    private final int maxBytes;
    private final String userAgent;

    /** An answer larger than the cap: the log said something, but nothing usable (unlike a network failure). */
    public static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    /** A log's answer; {@code retryAfter} is the header, if any. */
    public record Answer(int status, String retryAfter, byte[] body) {
        public boolean ok() {
            return status == 200;
        }
    }

    public CtHttp(Vertx vertx, Duration timeout, int maxBytes, String userAgent, int connectionsPerLog) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setDecompressionSupported(true)
                        .setMaxRedirects(3),
                new PoolOptions().setHttp1MaxSize(connectionsPerLog));
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.userAgent = userAgent;
    }

    /** GET {@code url}; fails with a message on a network error or a timeout, and with {@link TooLarge} on an oversized body. */
    public Future<Answer> get(String url) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(url)
                .setFollowRedirects(true)
                .setTimeout(timeout.toMillis())
                .putHeader("User-Agent", userAgent)
                .putHeader("Accept-Encoding", "gzip, identity");
        return client.request(options).compose(request -> request.send()).compose(response -> {
            Promise<Answer> promise = Promise.promise();
            Buffer body = Buffer.buffer();
            response.handler(chunk -> {
                if (body.length() + chunk.length() > maxBytes) {
                    promise.tryFail(new TooLarge("answer from " + url + " exceeds " + maxBytes + " bytes"));
                    response.request().reset();
                } else {
                    body.appendBuffer(chunk);
                }
            });
            response.exceptionHandler(promise::tryFail);
            response.endHandler(v -> promise.tryComplete(new Answer(response.statusCode(), response.getHeader("Retry-After"),
                    body.getBytes())));
            return promise.future();
        });
    }

    @Override
    public void close() {
        client.close();
    }
}
