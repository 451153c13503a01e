package dev.ocspwatch.collector.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.collector.alert.WebhookReceiver.Received;
import dev.ocspwatch.collector.alert.WebhookReceiver.Reply;
import dev.ocspwatch.common.verdict.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delivery over real loopback HTTP to a scripted receiver: what is retried, how long it waits, what is given up. */
class WebhookSenderTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final RetryPolicy FAST = new RetryPolicy(8, Duration.ofMillis(5), Duration.ofSeconds(5), 0);
    private static Vertx vertx;
    private WebhookReceiver receiver;
    private MeterRegistry registry;
    private WebhookSender sender;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        Await.result(vertx.close(), WAIT);
    }

    @BeforeEach
    void startReceiver() {
        receiver = WebhookReceiver.start(vertx);
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.close();
        }
        receiver.close();
    }

    private WebhookSender sender(RetryPolicy retry, Duration timeout) {
        sender = new WebhookSender(vertx, retry, timeout, new AlertMetrics(registry), () -> 0.0);
        return sender;
    }

    private static AlertMessage message(String serial) {
        return AlertMessage.of(Verdicts.violation(serial, 2, Verdict.COMPLIANT), "https://ocspwatch.test");
    }

    private Delivery deliver(WebhookTarget target, String serial) {
        return Await.result(sender.send(target, message(serial)), WAIT);
    }

    private double count(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void failingTwiceWith503ThenSucceedingDeliversExactlyOneBodyAfterTwoRetries() {
        receiver.script(Reply.status(503), Reply.status(503));
        WebhookTarget target = new WebhookTarget("ops", receiver.url("/hook"), WebhookFormat.GENERIC, null, null);

        Delivery delivery = Await.result(sender(FAST, Duration.ofSeconds(5)).send(target, message("01")), WAIT);

        assertEquals(new Delivery("ops", Verdicts.id("01") + "#2", Delivery.Status.DELIVERED, 3, 200, null), delivery);
        assertEquals(1, receiver.accepted().size(), "bodies accepted");
        assertEquals(3, receiver.received().size(), "requests");
        assertEquals(1, receiver.received().stream().map(Received::body).distinct().count(), "every attempt sends the same body");
        assertEquals(List.of(Verdicts.id("01") + "#2"), receiver.received().stream().map(Received::idempotencyKey).distinct().toList());
        assertEquals(2, count("ocspwatch_alerts_retried", "target", "ops", "reason", "http-503"));
        assertEquals(1, count("ocspwatch_alerts_sent", "target", "ops"));
        assertEquals(0, registry.find("ocspwatch_alerts_failed").counters().size());
    }

    @Test
    void aBadRequestIsGivenUpAtOnceWithoutRetrying() {
        receiver.script(Reply.status(400));
        WebhookTarget target = new WebhookTarget("ops", receiver.url("/hook"), WebhookFormat.GENERIC, null, null);

        Delivery delivery = Await.result(sender(FAST, Duration.ofSeconds(5)).send(target, message("02")), WAIT);

        assertEquals(Delivery.Status.REFUSED, delivery.status());
        assertEquals(1, delivery.attempts());
        assertEquals(400, delivery.httpStatus());
        assertTrue(delivery.finished(), "a refusal is final: its offset may be committed");
        assertEquals(1, receiver.received().size());
        assertEquals(1, count("ocspwatch_alerts_failed", "target", "ops", "reason", "http-400"));
        assertEquals(0, registry.find("ocspwatch_alerts_retried").counters().size());
    }

    @Test
    void tooManyRequestsWaitsAtLeastAsLongAsRetryAfterSays() {
        receiver.script(Reply.retryAfter(429, "1"));
        WebhookTarget target = WebhookTarget.of(receiver.url("/hook"), WebhookFormat.GENERIC);

        Delivery delivery = Await.result(sender(FAST, Duration.ofSeconds(5)).send(target, message("03")), WAIT);

        assertEquals(Delivery.Status.DELIVERED, delivery.status());
        List<Received> requests = receiver.received();
        long gapMs = (requests.get(1).atNanos() - requests.get(0).atNanos()) / 1_000_000;
        assertTrue(gapMs >= 990, "second attempt after " + gapMs + " ms, Retry-After asked for 1 s (own backoff 5 ms)");
        assertEquals(1, count("ocspwatch_alerts_retried", "target", target.name(), "reason", "http-429"));
    }

    @Test
    void aClosedConnectionAndAnAnswerThatNeverComesAreRetried() {
        receiver.script(Reply.closeConnection(), Reply.noAnswer());
        WebhookTarget target = new WebhookTarget("ops", receiver.url("/hook"), WebhookFormat.GENERIC, null, null);

        Delivery delivery = Await.result(sender(FAST, Duration.ofMillis(300)).send(target, message("04")), WAIT);

        assertEquals(Delivery.Status.DELIVERED, delivery.status());
        assertEquals(3, delivery.attempts());
        assertEquals(1, count("ocspwatch_alerts_retried", "target", "ops", "reason", "connection"));
        assertEquals(1, count("ocspwatch_alerts_retried", "target", "ops", "reason", "timeout"));
        assertEquals(1, receiver.accepted().size());
    }

    @Test
    void aReceiverThatKeepsFailingIsGivenUpAfterTheLastAttempt() {
        receiver.rule(body -> Reply.status(502));
        WebhookTarget target = new WebhookTarget("ops", receiver.url("/hook"), WebhookFormat.GENERIC, null, null);

        Delivery delivery = Await.result(sender(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(10), 0), Duration.ofSeconds(5))
                .send(target, message("05")), WAIT);

        assertEquals(new Delivery("ops", Verdicts.id("05") + "#2", Delivery.Status.GAVE_UP, 3, 502, "http-502"), delivery);
        assertEquals(3, receiver.received().size());
        assertEquals(2, count("ocspwatch_alerts_retried", "target", "ops", "reason", "http-502"));
        assertEquals(1, count("ocspwatch_alerts_failed", "target", "ops", "reason", "http-502"));
    }

    @Test
    void aReceiverThatIsDownIsTriedAgainUntilItIsBack() {
        receiver.down();
        WebhookTarget target = new WebhookTarget("ops", receiver.url("/hook"), WebhookFormat.GENERIC, null, null);
        Future<Delivery> delivery = sender(new RetryPolicy(100, Duration.ofMillis(10), Duration.ofMillis(50), 0), Duration.ofSeconds(5))
                .send(target, message("06"));
        Await.until(() -> count("ocspwatch_alerts_retried", "target", "ops", "reason", "connection") >= 2, WAIT,
                () -> "connection refused retried: " + count("ocspwatch_alerts_retried", "target", "ops", "reason", "connection"));
        assertFalse(delivery.isComplete());

        receiver.up();

        assertEquals(Delivery.Status.DELIVERED, Await.result(delivery, WAIT).status());
        assertEquals(1, receiver.accepted().size());
    }

    @Test
    void sendsTheBearerTokenTheHeadersAndTheIdempotencyKey() {
        WebhookTarget target = new WebhookTarget("ops", receiver.url("/hook?team=pki"), WebhookFormat.GENERIC, "tok-123",
                Map.of("X-Team", "pki"));

        sender(FAST, Duration.ofSeconds(5));
        deliver(target, "07");

        Received request = receiver.received().get(0);
        assertEquals("/hook", request.path());
        assertEquals("Bearer tok-123", request.headers().get("authorization"));
        assertEquals("pki", request.headers().get("x-team"));
        assertEquals(Verdicts.id("07") + "#2", request.idempotencyKey());
        assertTrue(request.headers().get("content-type").startsWith("application/json"));
        assertEquals(Verdicts.id("07"), request.json().get("certificateId").asText());
    }

    @Test
    void abandoningEndsDeliveriesWaitingForARetryAndRefusesNewOnes() {
        receiver.rule(body -> Reply.status(503));
        WebhookTarget target = new WebhookTarget("ops", receiver.url("/hook"), WebhookFormat.GENERIC, null, null);
        Future<Delivery> waiting = sender(new RetryPolicy(8, Duration.ofMinutes(1), Duration.ofMinutes(5), 0), Duration.ofSeconds(5))
                .send(target, message("08"));
        Await.until(() -> count("ocspwatch_alerts_retried", "target", "ops", "reason", "http-503") == 1, WAIT, () -> "no first attempt");

        sender.abandon();

        Delivery abandoned = Await.result(waiting, WAIT);
        assertEquals(Delivery.Status.ABANDONED, abandoned.status());
        assertFalse(abandoned.finished(), "abandoned is not final: its offset stays uncommitted");
        assertEquals(Delivery.Status.ABANDONED, deliver(target, "09").status());
        assertEquals(1, receiver.received().size(), "nothing sent after abandoning");
        assertEquals(2, count("ocspwatch_alerts_abandoned", "target", "ops"));
    }

    @Test
    void secretsNeverReachTheLog() {
        String slackPath = "/services/T0SECRET/B0SECRET/XyZsEcReTpAtH";
        String token = "bearer-secret-value";
        String apiKey = "header-secret-value";
        WebhookTarget slack = new WebhookTarget("slack", receiver.url(slackPath), WebhookFormat.SLACK, null, null);
        WebhookTarget bearer = new WebhookTarget("pager", receiver.url("/hooks/bearer-path-secret?key=query-secret"), WebhookFormat.GENERIC,
                token, null);
        WebhookTarget keyed = new WebhookTarget("tickets", receiver.url("/t"), WebhookFormat.GENERIC, null, Map.of("X-Api-Key", apiKey));
        receiver.rule(body -> body.contains("\"blocks\"") ? Reply.status(503) : Reply.status(403));
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            sender(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), 0), Duration.ofSeconds(5));
            assertEquals(Delivery.Status.GAVE_UP, deliver(slack, "0a").status());
            assertEquals(Delivery.Status.REFUSED, deliver(bearer, "0a").status());
            assertEquals(Delivery.Status.REFUSED, deliver(keyed, "0a").status());
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8) + slack + bearer + keyed;
        assertTrue(log.contains("slack") && log.contains("pager") && log.contains("gave up") && log.contains("refused"), log);
        for (String secret : List.of("T0SECRET", "XyZsEcReTpAtH", "bearer-path-secret", "query-secret", token, apiKey)) {
            assertFalse(log.contains(secret), "secret \"" + secret + "\" in:\n" + log);
        }
    }
}
