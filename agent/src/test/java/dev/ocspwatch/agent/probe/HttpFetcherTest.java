package dev.ocspwatch.agent.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.agent.testing.Closer;
import dev.ocspwatch.agent.testing.FakeResponder;
import dev.ocspwatch.agent.testing.Ports;
import dev.ocspwatch.agent.testing.StaticNameResolver;
import dev.ocspwatch.common.outcome.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.NetServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The vetted-address HTTP client against a loopback server: caps, redirects, schemes, addresses. */
class HttpFetcherTest {
    private static final AddressPolicy LOOPBACK_ONLY = new AddressPolicy(false, List.of(Cidr.parse("127.0.0.1/32")));
    private static final AddressPolicy ALL_LOOPBACK = new AddressPolicy(false, List.of(Cidr.parse("127.0.0.0/8")));
    private static final FetchLimits LIMITS = new FetchLimits(Duration.ofSeconds(5), 64 * 1024, 2, "ocspwatch-test");

    static Vertx vertx;
    static FakeResponder fake;
    static StaticNameResolver resolver;
    static HttpFetcher fetcher;
    static final AtomicLong endlessBytesWritten = new AtomicLong();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        fake = FakeResponder.start(vertx);
        resolver = new StaticNameResolver()
                .map("two.test", "127.0.0.2", "127.0.0.1")
                .map("mixed.test", "10.9.9.9", "127.0.0.1");
        fetcher = new HttpFetcher(vertx, resolver, LOOPBACK_ONLY, Clock.systemUTC(), 4);

        fake.route("/endless", r -> request -> {
            HttpServerResponse response = request.response().setChunked(true).putHeader("Content-Type", "application/pkix-crl");
            pump(response, Buffer.buffer(new byte[8192]));
        });
        fake.route("/declared-large", r -> request -> request.response()
                .putHeader("Content-Length", "200000").end(Buffer.buffer(new byte[200_000])));
        fake.route("/exact-declared", r -> request -> request.response().end(Buffer.buffer(filled(1000))));
        fake.route("/exact-chunked", r -> request -> {
            HttpServerResponse response = request.response().setChunked(true);
            response.write(Buffer.buffer(Arrays.copyOfRange(filled(1000), 0, 600)));
            response.end(Buffer.buffer(Arrays.copyOfRange(filled(1000), 600, 1000)));
        });
        fake.route("/loop", r -> request -> request.response().setStatusCode(302).putHeader("Location", "/loop").end());
        fake.route("/rel/a/start", r -> request -> request.response().setStatusCode(301)
                .putHeader("Location", "../b/end?x=1").end());
        fake.route("/rel/b/end", r -> request -> request.response().end("arrived"));
        fake.route("/ok", r -> request -> request.response().putHeader("Content-Type", "text/plain").end("ok"));
        fake.route("/headers", r -> request -> request.response()
                .putHeader("Content-Type", "application/ocsp-response")
                .putHeader("Cache-Control", "max-age=600")
                .putHeader("X-Cache", "HIT")
                .putHeader("CF-Cache-Status", "HIT")
                .putHeader("ETag", "\"abc\"")
                .putHeader("Age", "17")
                .end("h"));
        fake.route("/to-ftp", r -> request -> request.response().setStatusCode(302)
                .putHeader("Location", "ftp://127.0.0.1/issuer.crt").end());
    }

    @AfterAll
    static void stop() throws Exception {
        Closer.closeAll(fetcher, fake, Closer.vertx(vertx));
    }

    /** Writes for as long as the client reads: a body with no end and no Content-Length. */
    private static void pump(HttpServerResponse response, Buffer chunk) {
        while (!response.closed() && !response.writeQueueFull()) {
            response.write(chunk);
            if (endlessBytesWritten.addAndGet(chunk.length()) > 256L * 1024 * 1024) {
                response.end();
                return;
            }
        }
        if (!response.closed()) {
            response.drainHandler(v -> pump(response, chunk));
        }
    }

    // ---- body caps ----

    @Test
    void reportsMalformedResponseWhenAStreamedBodyExceedsTheCapWithoutReadingItAll() throws Exception {
        long start = System.nanoTime();
        HttpFetch fetch = get(fetcher.fetch(HttpMethod.GET, fake.url("/endless"), null, Map.of(), LIMITS));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertFailure(fetch, Outcome.MALFORMED_RESPONSE, "exceeds the cap of 65536 bytes");
        assertNull(fetch.body(), "nothing buffered is handed out");
        assertTrue(tookMs < 4_000, "stopped at the cap, not at the deadline: " + tookMs + " ms");
    }

    @Test
    void reportsMalformedResponseWhenContentLengthDeclaresMoreThanTheCap() throws Exception {
        HttpFetch fetch = get(fetcher.fetch(HttpMethod.GET, fake.url("/declared-large"), null, Map.of(),
                LIMITS.withMaxBodyBytes(1000)));

        assertFailure(fetch, Outcome.MALFORMED_RESPONSE, "Content-Length 200000 exceeds the cap of 1000 bytes");
        assertNull(fetch.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/exact-declared", "/exact-chunked"})
    void acceptsABodyOfExactlyTheCap(String path) throws Exception {
        HttpFetch fetch = get(fetcher.fetch(HttpMethod.GET, fake.url(path), null, Map.of(), LIMITS.withMaxBodyBytes(1000)));

        assertTrue(fetch.succeeded(), String.valueOf(fetch.failure()));
        assertArrayEquals(filled(1000), fetch.body());
    }

    // ---- redirects ----

    @Test
    void reportsHttpErrorAfterTooManyRedirects() throws Exception {
        int before = countReceived("/loop");
        HttpFetch fetch = get(fetcher.fetch(HttpMethod.GET, fake.url("/loop"), null, Map.of(), LIMITS));

        assertFailure(fetch, Outcome.HTTP_ERROR, "more than 2 redirects");
        assertEquals(List.of(fake.url("/loop"), fake.url("/loop")), fetch.redirects());
        assertEquals(3, countReceived("/loop") - before, "the first request and two redirects, no more");
    }

    @Test
    void followsARelativeRedirectAndRecordsIt() throws Exception {
        HttpFetch fetch = get(fetcher.fetch(HttpMethod.GET, fake.url("/rel/a/start"), null, Map.of(), LIMITS));

        assertTrue(fetch.succeeded(), String.valueOf(fetch.failure()));
        assertEquals(200, fetch.status());
        assertEquals("arrived", new String(fetch.body(), StandardCharsets.US_ASCII));
        String target = fake.url("/rel/b/end?x=1");
        assertEquals(List.of(target), fetch.redirects());
        assertEquals(target, fetch.finalUrl());
        assertEquals(fake.url("/rel/a/start"), fetch.url());
    }

    @Test
    void blocksARedirectToAnUnsupportedScheme() throws Exception {
        HttpFetch fetch = get(fetcher.fetch(HttpMethod.GET, fake.url("/to-ftp"), null, Map.of(), LIMITS));

        assertFailure(fetch, Outcome.BLOCKED, "unsupported URL scheme \"ftp\"");
        assertEquals(List.of("ftp://127.0.0.1/issuer.crt"), fetch.redirects());
    }

    // ---- URLs the fetcher refuses to use ----

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1/ocsp", "ldap://127.0.0.1/cn=CA?cACertificate", "file:///etc/passwd",
        "gopher://127.0.0.1:70/"})
    void blocksUnsupportedSchemesWithoutConnecting(String url) throws Exception {
        int before = fake.received().size();
        HttpFetch fetch = get(fetcher.fetch(HttpMethod.GET, url, null, Map.of(), LIMITS));

        assertFailure(fetch, Outcome.BLOCKED, "unsupported URL scheme");
        assertNull(fetch.connectedAddress());
        assertEquals(before, fake.received().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://exa mple.test/ocsp", "http://", "http:///no-host", "http://[::1/ocsp",
        "http://127.0.0.1:99999/ocsp", "http://127.0.0.1:0/ocsp", "not a url at all"})
    void blocksUnusableUrlsPromptly(String url) throws Exception {
        long start = System.nanoTime();
        HttpFetch fetch = get(fetcher.fetch(HttpMethod.GET, url, null, Map.of(), LIMITS.withTimeout(Duration.ofSeconds(3))));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(Outcome.BLOCKED, fetch.failure() == null ? null : fetch.failure().outcome(),
                url + " -> " + fetch.failure());
        assertNull(fetch.connectedAddress());
        assertTrue(tookMs < 2_000, "decided without waiting for the deadline: " + tookMs + " ms");
    }

    // ---- addresses ----

    @Test
    void triesTheNextAddressWhenTheFirstRefusesTheConnection() throws Exception {
        // the fake listens on 127.0.0.1 only, so its port is closed on 127.0.0.2 (all of 127/8 is loopback on Linux)
        try (HttpFetcher both = new HttpFetcher(vertx, resolver, ALL_LOOPBACK, Clock.systemUTC(), 1)) {
            String url = "http://two.test:" + fake.port() + "/ok";
            int before = fake.received().size();

            HttpFetch fetch = get(both.fetch(HttpMethod.GET, url, null, Map.of(), LIMITS));

            assertTrue(fetch.succeeded(), String.valueOf(fetch.failure()));
            assertEquals("ok", new String(fetch.body(), StandardCharsets.US_ASCII));
            assertEquals(List.of("127.0.0.2", "127.0.0.1"), fetch.resolvedAddresses());
            assertEquals("127.0.0.1:" + fake.port(), fetch.connectedAddress());
            FakeResponder.Received received = fake.received().get(before);
            assertEquals("two.test:" + fake.port(), received.headers().get("host"), "the original Host header is kept");
        }
    }

    @Test
    void reportsConnectFailureNamingTheLastAddressWhenEveryAddressRefuses() throws Exception {
        int port = Ports.closed("127.0.0.1");
        try (HttpFetcher both = new HttpFetcher(vertx, resolver, ALL_LOOPBACK, Clock.systemUTC(), 1)) {
            HttpFetch fetch = get(both.fetch(HttpMethod.GET, "http://two.test:" + port + "/", null, Map.of(), LIMITS));

            assertFailure(fetch, Outcome.CONNECT_FAILURE, "127.0.0.1:" + port);
            assertEquals(List.of("127.0.0.2", "127.0.0.1"), fetch.resolvedAddresses());
        }
    }

    @Test
    void connectsOnlyToTheAllowedAddressesOfAName() throws Exception {
        HttpFetch fetch = get(fetcher.fetch(HttpMethod.GET, "http://mixed.test:" + fake.port() + "/ok", null, Map.of(), LIMITS));

        assertTrue(fetch.succeeded(), String.valueOf(fetch.failure()));
        assertEquals(List.of("10.9.9.9", "127.0.0.1"), fetch.resolvedAddresses());
        assertEquals("127.0.0.1:" + fake.port(), fetch.connectedAddress());
    }

    @Test
    void neverConnectsToARefusedRedirectTarget() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        NetServer listener = vertx.createNetServer().connectHandler(socket -> {
            connections.incrementAndGet();
            socket.close();
        });
        listener.listen(0, "127.0.0.2").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        try {
            StaticNameResolver names = new StaticNameResolver().map("inside.test", "127.0.0.2");
            String target = "http://inside.test:" + listener.actualPort() + "/";
            fake.route("/to-inside", r -> request -> request.response().setStatusCode(307).putHeader("Location", target).end());

            try (HttpFetcher strict = new HttpFetcher(vertx, names, LOOPBACK_ONLY, Clock.systemUTC(), 1)) {
                HttpFetch fetch = get(strict.fetch(HttpMethod.GET, fake.url("/to-inside"), null, Map.of(), LIMITS));
                assertFailure(fetch, Outcome.BLOCKED, "127.0.0.2 is loopback");
                assertEquals(List.of(target), fetch.redirects());
            }
            assertEquals(0, connections.get(), "the refused address saw no connection");

            // control: the same redirect under a policy that allows 127.0.0.2 does reach the listener
            try (HttpFetcher lenient = new HttpFetcher(vertx, names, ALL_LOOPBACK, Clock.systemUTC(), 1)) {
                HttpFetch fetch = get(lenient.fetch(HttpMethod.GET, fake.url("/to-inside"), null, Map.of(), LIMITS));
                assertFalse(fetch.succeeded(), "the listener closes without answering");
            }
            assertEquals(1, connections.get(), "the listener does notice connections");
        } finally {
            listener.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    // ---- what is recorded ----

    @Test
    void recordsCachingHeadersUnderLowerCaseNames() throws Exception {
        HttpFetch fetch = get(fetcher.fetch(HttpMethod.GET, fake.url("/headers"), null, Map.of(), LIMITS));

        assertTrue(fetch.succeeded(), String.valueOf(fetch.failure()));
        assertEquals("max-age=600", fetch.headers().get("cache-control"));
        assertEquals("HIT", fetch.headers().get("x-cache"));
        assertEquals("HIT", fetch.headers().get("cf-cache-status"));
        assertEquals("\"abc\"", fetch.headers().get("etag"));
        assertEquals("17", fetch.headers().get("age"));
        assertEquals("application/ocsp-response", fetch.headers().get("content-type"));
        for (String name : fetch.headers().keySet()) {
            assertEquals(name.toLowerCase(Locale.ROOT), name, "header names are lower-case");
        }
        assertNotNull(fetch.timings().dnsMs());
        assertNotNull(fetch.timings().connectMs());
        assertNotNull(fetch.timings().firstByteMs());
        assertNotNull(fetch.timings().totalMs());
        assertNotNull(fetch.startedAt());
    }

    @Test
    void sendsTheBodyAndHeadersGiven() throws Exception {
        byte[] body = {0x30, 0x03, 0x02, 0x01, 0x07};
        int before = fake.received().size();

        HttpFetch fetch = get(fetcher.fetch(HttpMethod.POST, fake.url("/ok"), body,
                Map.of("Content-Type", "application/ocsp-request"), LIMITS));

        assertTrue(fetch.succeeded(), String.valueOf(fetch.failure()));
        FakeResponder.Received received = fake.received().get(before);
        assertEquals("POST", received.method());
        assertArrayEquals(body, received.body());
        assertEquals("application/ocsp-request", received.headers().get("content-type"));
        assertEquals("ocspwatch-test", received.headers().get("user-agent"));
    }

    @Test
    void neverFailsTheFuture() throws Exception {
        int closedPort = Ports.closed("127.0.0.1");
        List<String> urls = List.of(
                "", "http://", "::::", "http://unmapped.test/", "http://127.0.0.1:" + closedPort + "/",
                "http://10.0.0.1/", "https://[::1]/", "HTTP://127.0.0.1:" + fake.port() + "/ok",
                fake.url("/loop"), fake.url("/endless"), "javascript:alert(1)", "http://127.0.0.1:65536/");
        FetchLimits quick = LIMITS.withTimeout(Duration.ofSeconds(3));
        for (String url : urls) {
            HttpFetch fetch = fetcher.fetch(HttpMethod.GET, url, null, Map.of(), quick)
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertNotNull(fetch, url);
            assertEquals(url, fetch.url());
            assertTrue(fetch.succeeded() || fetch.failure().outcome() != null, url);
            assertTrue(fetch.succeeded() == (fetch.status() != null), url + ": status set exactly when an answer came");
        }
    }

    // ---- helpers ----

    private static void assertFailure(HttpFetch fetch, Outcome outcome, String messagePart) {
        assertNotNull(fetch.failure(), "expected " + outcome + " but the fetch succeeded with HTTP " + fetch.status());
        assertEquals(outcome, fetch.failure().outcome(), fetch.failure().message());
        assertTrue(fetch.failure().message().contains(messagePart), fetch.failure().message());
        assertNull(fetch.status());
    }

    private static int countReceived(String path) {
        return (int) fake.received().stream().filter(r -> r.path().equals(path)).count();
    }

    private static byte[] filled(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    private static HttpFetch get(Future<HttpFetch> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
