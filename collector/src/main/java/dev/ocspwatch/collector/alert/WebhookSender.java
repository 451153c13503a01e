package dev.ocspwatch.collector.alert;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs alerts to webhook targets with Vert.x's core HTTP client, retrying what may succeed
 * later (5xx, 408, 429 after its Retry-After, connection failures, timeouts) with the
 * {@link RetryPolicy}'s backoff on {@code vertx.setTimer}, and giving up at once on any other
 * answer (a 4xx: the URL or credentials are wrong, and repeating will not fix them). Every
 * request carries {@code Idempotency-Key: <certificateId>#<revision>}.
 *
 * <p>All state lives on one Vert.x context; {@link #send} may be called from any thread. Logs name
 * a target by name and redacted URL only. A target's first failure is logged, then nothing until
 * it works again; a refusal is logged once per target and status.
 */
public final class WebhookSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    private static final int MAX_LOGGED_BODY = 200;

    private final Vertx vertx;
    private final Context context;
    private final HttpClientAgent client;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final AlertMetrics metrics;
    private final DoubleSupplier random;
    private final Set<Exchange> active = new HashSet<>();
    private final Set<String> failingTargets = new HashSet<>();
    private final Set<String> loggedRefusals = new HashSet<>();
    private volatile boolean abandoned;

    public WebhookSender(Vertx vertx, AlertSettings settings, MeterRegistry registry) {
        this(vertx, settings.retry(), settings.requestTimeout(), new AlertMetrics(registry), () -> ThreadLocalRandom.current().nextDouble());
    }

    WebhookSender(Vertx vertx, RetryPolicy retry, Duration timeout, AlertMetrics metrics, DoubleSupplier random) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.retry = retry;
        this.timeout = timeout;
        this.metrics = metrics;
        this.random = random;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .setKeepAlive(true));
    }

    AlertMetrics metrics() {
        return metrics;
    }

    /** Delivers {@code message} to {@code target}: completes (never fails) once it was delivered, refused, given up or abandoned. */
    public Future<Delivery> send(WebhookTarget target, AlertMessage message) {
        Promise<Delivery> promise = Promise.promise();
        byte[] body = message.body(target.format()); // made once: every attempt sends the same bytes
        context.runOnContext(v -> {
            Exchange exchange = new Exchange(target, message.idempotencyKey(), Buffer.buffer(body), promise);
            if (abandoned) {
                exchange.finish(Delivery.Status.ABANDONED, null, "shutdown");
                return;
            }
            active.add(exchange);
            exchange.attempt(1);
        });
        return promise.future();
    }

    /**
     * Stops every delivery: those waiting for a retry or an answer complete {@link Delivery.Status#ABANDONED}
     * (their offsets stay uncommitted, so the next start sends them), and so does every later send.
     */
    public void abandon() {
        abandoned = true;
        context.runOnContext(v -> Set.copyOf(active).forEach(e -> e.finish(Delivery.Status.ABANDONED, null, "shutdown")));
    }

    @Override
    public void close() {
        abandon();
        client.close();
    }

    /** One alert to one target, through all its attempts. Touched only on {@link #context}. */
    private final class Exchange {
        private final WebhookTarget target;
        private final String key;
        private final Buffer body;
        private final Promise<Delivery> promise;
        private int attempts;
        private long timerId = -1;
        private HttpClientRequest request;

        Exchange(WebhookTarget target, String key, Buffer body, Promise<Delivery> promise) {
            this.target = target;
            this.key = key;
            this.body = body;
            this.promise = promise;
        }

        void attempt(int number) {
            timerId = -1;
            if (promise.future().isComplete()) {
                return;
            }
            attempts = number;
            Promise<AttemptResult> result = Promise.promise();
            long deadline = vertx.setTimer(timeout.toMillis(),
                    id -> result.tryComplete(AttemptResult.failure("timeout", "no answer within " + timeout.toMillis() + " ms")));
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setAbsoluteURI(target.url())
                    .setConnectTimeout(timeout.toMillis())
                    .setIdleTimeout(timeout.toMillis())
                    .setFollowRedirects(false)
                    .putHeader("Content-Type", "application/json; charset=utf-8")
                    .putHeader("User-Agent", "ocspwatch-alerts")
                    .putHeader("Idempotency-Key", key);
            if (target.bearerToken() != null) {
                options.putHeader("Authorization", "Bearer " + target.bearerToken());
            }
            target.headers().forEach(options::putHeader);
            client.request(options).compose(req -> {
                if (result.future().isComplete()) {
                    req.reset(); // timed out (or abandoned) while connecting: this attempt must not send after all
                    return Future.failedFuture("attempt already over");
                }
                request = req;
                return req.send(body);
            }).onComplete(ar -> {
                if (ar.failed()) {
                    result.tryComplete(AttemptResult.failure(AttemptResult.classify(ar.cause()), ar.cause().toString()));
                } else {
                    read(ar.result(), result);
                }
            });
            result.future().onComplete(ar -> {
                vertx.cancelTimer(deadline);
                if (ar.result().status() == null && request != null) {
                    request.reset(); // a timed-out or failed exchange must not linger on the connection
                }
                request = null;
                judge(ar.result());
            });
        }

        /** Drains the answer, keeping its first bytes for the log: a receiver's error text says what is wrong. */
        private void read(HttpClientResponse response, Promise<AttemptResult> result) {
            Buffer start = Buffer.buffer();
            response.handler(chunk -> {
                if (start.length() < MAX_LOGGED_BODY) {
                    start.appendBuffer(chunk.slice(0, Math.min(chunk.length(), MAX_LOGGED_BODY - start.length())));
                }
            });
            response.exceptionHandler(e -> result.tryComplete(AttemptResult.failure(AttemptResult.classify(e), e.toString())));
            response.endHandler(v -> result.tryComplete(AttemptResult.answer(response.statusCode(),
                    AttemptResult.retryAfter(response.getHeader("Retry-After")), printable(start.toString()))));
        }

        private void judge(AttemptResult result) {
            if (promise.future().isComplete()) {
                return; // abandoned while the request was out
            }
            if (abandoned && !result.delivered()) {
                finish(Delivery.Status.ABANDONED, result.status(), "shutdown"); // no retry: the next start sends it
                return;
            }
            if (result.delivered()) {
                if (failingTargets.remove(target.name())) {
                    LOG.info("alert webhook {} ({}) accepts alerts again", target.name(), target.redactedUrl());
                }
                metrics.sent(target.name());
                finish(Delivery.Status.DELIVERED, result.status(), null);
            } else if (!result.retryable()) {
                metrics.failed(target.name(), result.reason());
                if (loggedRefusals.add(target.name() + "|" + result.status())) {
                    LOG.warn("alert webhook {} ({}) refused alert {} with {}; not retrying, check the target's URL, "
                            + "format and credentials (further refusals with this status are only counted)", target.name(),
                            target.redactedUrl(), key, result.detail());
                }
                finish(Delivery.Status.REFUSED, result.status(), result.reason());
            } else if (attempts >= retry.maxAttempts()) {
                metrics.failed(target.name(), result.reason());
                LOG.warn("alert webhook {} ({}): gave up alert {} after {} attempts, the last failing with {}", target.name(),
                        target.redactedUrl(), key, attempts, result.detail());
                finish(Delivery.Status.GAVE_UP, result.status(), result.reason());
            } else {
                metrics.retried(target.name(), result.reason());
                Duration delay = retry.backoff(attempts, random.getAsDouble(), result.retryAfter());
                if (failingTargets.add(target.name())) {
                    LOG.warn("alert webhook {} ({}) failed: {}; retrying (attempt {} of {} in {} ms; later failures are logged "
                            + "only when an alert is given up)", target.name(), target.redactedUrl(), result.detail(), attempts + 1,
                            retry.maxAttempts(), delay.toMillis());
                }
                int next = attempts + 1;
                timerId = vertx.setTimer(delay.toMillis(), id -> attempt(next));
            }
        }

        void finish(Delivery.Status status, Integer httpStatus, String reason) {
            if (timerId >= 0) {
                vertx.cancelTimer(timerId);
                timerId = -1;
            }
            active.remove(this);
            if (status == Delivery.Status.ABANDONED && !promise.future().isComplete()) {
                metrics.abandoned(target.name());
                if (request != null) {
                    request.reset();
                }
            }
            promise.tryComplete(new Delivery(target.name(), key, status, attempts, httpStatus, reason));
        }
    }

    /** Control characters out, length bounded: a receiver's answer is untrusted text going into a log. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(MAX_LOGGED_BODY).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return out.toString().trim();
    }
}
