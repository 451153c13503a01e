package dev.ocspwatch.collector.api;

import dev.ocspwatch.collector.query.EvidenceLocation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the collector instance that owns a certificate for what this instance was asked, and
 * relays its answer: status, content type, download name, body. Non-blocking throughout; a whole
 * exchange is bounded by a timeout, and an owner that cannot be reached is a 502 that names it.
 *
 * <p>The request carries {@link #HEADER}, so the owner answers from its own stores and never
 * forwards again (during a rebalance two instances may each think the other owns a key), and the
 * bearer token, which instances share.
 */
final class EvidenceForwarder {
    /** Marks a forwarded request; its presence alone counts. */
    static final String HEADER = "X-Ocspwatch-Forwarded";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceForwarder.class);
    /** The owner's headers worth passing on; ours (security, no-store) are already on the response. */
    private static final List<CharSequence> RELAYED = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_DISPOSITION,
            HttpHeaders.RETRY_AFTER);

    private final HttpClient client;
    private final String bearerToken;
    private final long timeoutMs;

    /** @param bearerToken sent to the owner when set (every instance is configured with the same one); may be null */
    EvidenceForwarder(Vertx vertx, String bearerToken, Duration timeout) {
        this.timeoutMs = Objects.requireNonNull(timeout, "timeout").toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs))
                .setIdleTimeout((int) Math.max(1, timeout.toSeconds())));
        this.bearerToken = bearerToken;
    }

    static boolean isForwarded(RoutingContext ctx) {
        return ctx.request().getHeader(HEADER) != null;
    }

    /** Sends {@code ctx}'s request (same path and query) to {@code owner} and answers {@code ctx} with what comes back. */
    void forward(RoutingContext ctx, String certificateId, EvidenceLocation.Remote owner) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(owner.host()).setPort(owner.port())
                .setURI(ctx.request().uri()).setConnectTimeout(timeoutMs).setIdleTimeout(timeoutMs).putHeader(HEADER, "1");
        if (bearerToken != null) {
            options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken);
        }
        String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
        if (accept != null) {
            options.putHeader(HttpHeaders.ACCEPT, accept);
        }
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        Future<Relayed> exchange = client.request(options).compose(request -> {
            sent.set(request);
            return request.send().compose(response -> response.body().map(body -> {
                Relayed relayed = new Relayed(response.statusCode(), new String[RELAYED.size()], body);
                for (int i = 0; i < RELAYED.size(); i++) {
                    relayed.headers()[i] = response.getHeader(RELAYED.get(i));
                }
                return relayed;
            }));
        });
        exchange.timeout(timeoutMs, TimeUnit.MILLISECONDS).onComplete(done -> {
            if (done.succeeded()) {
                relay(ctx, done.result());
                return;
            }
            HttpClientRequest request = sent.get();
            if (request != null) {
                request.reset(); // a slow owner must not keep the connection and its buffers after we gave up
            }
            String why = done.cause() instanceof TimeoutException ? "did not answer within " + timeoutMs + " ms"
                    : "could not be reached (" + (done.cause().getMessage() == null ? done.cause().getClass().getSimpleName()
                    : done.cause().getMessage()) + ")";
            LOG.warn("forwarding {} to {}: the owner {}", ctx.request().path(), owner.authority(), why);
            JsonReplies.error(ctx, 502, "certificate " + certificateId + " is held by the collector instance at "
                    + owner.authority() + ", which " + why);
        });
    }

    private static void relay(RoutingContext ctx, Relayed relayed) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(relayed.status());
        for (int i = 0; i < RELAYED.size(); i++) {
            if (relayed.headers()[i] != null) {
                ctx.response().putHeader(RELAYED.get(i), relayed.headers()[i]);
            }
        }
        ctx.response().end(relayed.body());
    }

    /** The owner's answer; {@code headers} line up with {@link #RELAYED}, null where absent. */
    private record Relayed(int status, String[] headers, Buffer body) {
    }
}
