package dev.ocspwatch.agent.probe;

import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.probe.ProbeTimings;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fetches one URL of untrusted origin (an OCSP responder, a CRL, an issuer certificate) the way
 * DESIGN.md's "Untrusted input" requires: only http and https; the name resolved by the agent's
 * own {@link NameResolver}; every address vetted by the {@link AddressPolicy}; the connection
 * made to the vetted address with the original Host header and SNI, so DNS rebinding cannot
 * slip in a second answer; redirects followed by hand, each hop vetted the same way; one
 * deadline for the whole exchange; the body streamed against a size cap. Each step is timed.
 *
 * <p>The returned future always succeeds: a failure is an {@link HttpFetch} carrying a
 * {@link FetchFailure} with its vocabulary outcome.
 */
public final class HttpFetcher implements AutoCloseable {
    private static final Set<String> RECORDED_HEADERS = Set.of(
            "content-type", "content-length", "age", "cache-control", "expires", "last-modified", "etag",
            "date", "x-cache", "x-cache-status", "cf-cache-status", "via", "server", "location");
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final Vertx vertx;
    private final HttpClientAgent client;
    private final NameResolver resolver;
    private final AddressPolicy policy;
    private final Clock clock;

    public HttpFetcher(Vertx vertx, NameResolver resolver, AddressPolicy policy, Clock clock, int connectionsPerHost) {
        this.vertx = vertx;
        this.resolver = resolver;
        this.policy = policy;
        this.clock = clock;
        // Verification stays on for https responders: a TLS failure is itself an outcome. Bodies
        // are not decompressed: an OCSP or CRL body must arrive as the responder sent it.
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setForceSni(true)
                        .setVerifyHost(true)
                        .setDecompressionSupported(false)
                        .setMaxRedirects(0),
                new PoolOptions().setHttp1MaxSize(connectionsPerHost));
    }

    public AddressPolicy policy() {
        return policy;
    }

    /**
     * @param headers request headers beyond User-Agent (e.g. Content-Type for an OCSP POST)
     * @param body request body, or null
     */
    public Future<HttpFetch> fetch(HttpMethod method, String url, byte[] body, Map<String, String> headers,
                                   FetchLimits limits) {
        Promise<HttpFetch> promise = Promise.promise();
        // One context for the whole exchange: the deadline timer and every I/O callback run on
        // the same event loop, so the exchange's state needs no locking.
        vertx.getOrCreateContext().runOnContext(v ->
                new Exchange(method, url, body, headers, limits, promise).start());
        return promise.future();
    }

    @Override
    public void close() {
        client.close();
    }

    /** The mutable state of one fetch, touched only on its context's event loop. */
    private final class Exchange {
        private final HttpMethod method;
        private final String url;
        private final byte[] body;
        private final Map<String, String> headers;
        private final FetchLimits limits;
        private final Promise<HttpFetch> promise;
        private final List<String> redirects = new ArrayList<>();
        private Instant startedAt;
        private long startNanos;
        private long timerId;
        private String currentUrl;
        private List<String> resolved = List.of();
        private String connected;
        private Double dnsMs;
        private Double connectMs;
        private Double firstByteMs;
        private HttpClientRequest request;

        Exchange(HttpMethod method, String url, byte[] body, Map<String, String> headers, FetchLimits limits,
                 Promise<HttpFetch> promise) {
            this.method = method;
            this.url = url;
            this.body = body;
            this.headers = headers;
            this.limits = limits;
            this.promise = promise;
        }

        void start() {
            startedAt = clock.instant();
            startNanos = System.nanoTime();
            timerId = vertx.setTimer(limits.timeout().toMillis(), id -> fail(Outcome.TIMEOUT,
                    "no complete answer within " + limits.timeout().toMillis() + " ms"));
            hop(url, 0);
        }

        private void hop(String target, int redirectCount) {
            currentUrl = target;
            URI uri;
            try {
                uri = new URI(target);
            } catch (URISyntaxException e) {
                fail(Outcome.BLOCKED, "unparsable URL \"" + abbreviate(target) + "\": " + e.getReason());
                return;
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                fail(Outcome.BLOCKED, "unsupported URL scheme \"" + scheme + "\" in " + abbreviate(target)
                        + " (only http and https)");
                return;
            }
            String host = uri.getHost();
            if (host == null || host.isEmpty()) {
                fail(Outcome.BLOCKED, "URL has no host: " + abbreviate(target));
                return;
            }
            if (uri.getPort() == 0 || uri.getPort() > 65535) {
                fail(Outcome.BLOCKED, "invalid port " + uri.getPort() + " in URL " + abbreviate(target));
                return;
            }
            String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            long dnsStart = System.nanoTime();
            resolver.resolve(bareHost).onComplete(ar -> {
                if (done()) {
                    return;
                }
                dnsMs = ProbeTimings.millis(dnsStart, System.nanoTime());
                if (ar.failed()) {
                    fail(Outcome.DNS_FAILURE, bareHost + " does not resolve: " + describe(ar.cause()));
                    return;
                }
                resolved = ar.result().stream().map(InetAddress::getHostAddress).toList();
                List<InetAddress> allowed = new ArrayList<>();
                List<String> refusals = new ArrayList<>();
                for (InetAddress address : ar.result()) {
                    Optional<String> refusal = policy.refusal(address);
                    if (refusal.isPresent()) {
                        refusals.add(refusal.get());
                    } else {
                        allowed.add(address);
                    }
                }
                if (allowed.isEmpty()) {
                    fail(Outcome.BLOCKED, "refused to connect to " + bareHost + ": " + String.join("; ", refusals)
                            + " (allow with --allow-private / allowPrivateAddresses)");
                    return;
                }
                connect(uri, bareHost, scheme.equals("https"), allowed, 0, redirectCount);
            });
        }

        private void connect(URI uri, String host, boolean tls, List<InetAddress> candidates, int index, int redirectCount) {
            InetAddress address = candidates.get(index);
            int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (uri.getRawQuery() != null) {
                path = path + "?" + uri.getRawQuery();
            }
            long remaining = Math.max(1, limits.timeout().toMillis() - (System.nanoTime() - startNanos) / 1_000_000);
            RequestOptions options = new RequestOptions()
                    .setMethod(method)
                    .setHost(host)
                    .setPort(port)
                    .setSsl(tls)
                    .setURI(path)
                    .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)))
                    .setConnectTimeout(remaining)
                    .putHeader("User-Agent", limits.userAgent());
            headers.forEach(options::putHeader);
            long connectStart = System.nanoTime();
            client.request(options).onComplete(ar -> {
                if (done()) {
                    if (ar.succeeded()) {
                        ar.result().reset();
                    }
                    return;
                }
                if (ar.failed()) {
                    FetchFailure failure = classify(ar.cause());
                    if (failure.outcome() == Outcome.CONNECT_FAILURE && index + 1 < candidates.size()) {
                        connect(uri, host, tls, candidates, index + 1, redirectCount);
                    } else {
                        connected = address.getHostAddress() + ":" + port;
                        fail(failure.outcome(), failure.message());
                    }
                    return;
                }
                connectMs = ProbeTimings.millis(connectStart, System.nanoTime());
                connected = address.getHostAddress() + ":" + port;
                request = ar.result();
                send(uri, redirectCount);
            });
        }

        private void send(URI uri, int redirectCount) {
            long sendStart = System.nanoTime();
            Future<HttpClientResponse> sent = body == null ? request.send() : request.send(Buffer.buffer(body));
            sent.onComplete(ar -> {
                if (done()) {
                    return;
                }
                if (ar.failed()) {
                    FetchFailure failure = classify(ar.cause());
                    fail(failure.outcome(), failure.message());
                    return;
                }
                firstByteMs = ProbeTimings.millis(sendStart, System.nanoTime());
                HttpClientResponse response = ar.result();
                String location = response.getHeader("location");
                if (REDIRECTS.contains(response.statusCode()) && location != null) {
                    request.reset();
                    if (redirectCount >= limits.maxRedirects()) {
                        fail(Outcome.HTTP_ERROR, "more than " + limits.maxRedirects() + " redirects (last to "
                                + abbreviate(location) + ")");
                        return;
                    }
                    String next;
                    try {
                        next = uri.resolve(new URI(location.trim())).toString();
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        fail(Outcome.HTTP_ERROR, "redirect to an unparsable Location \"" + abbreviate(location) + "\"");
                        return;
                    }
                    redirects.add(next);
                    hop(next, redirectCount + 1);
                    return;
                }
                readBody(response);
            });
        }

        private void readBody(HttpClientResponse response) {
            Map<String, String> recorded = recordedHeaders(response);
            String declared = response.getHeader("content-length");
            if (declared != null) {
                try {
                    if (Long.parseLong(declared.trim()) > limits.maxBodyBytes()) {
                        fail(Outcome.MALFORMED_RESPONSE, "Content-Length " + declared.trim() + " exceeds the cap of "
                                + limits.maxBodyBytes() + " bytes");
                        request.reset();
                        return;
                    }
                } catch (NumberFormatException e) {
                    // a bogus Content-Length is the server's problem; the streaming cap still applies
                }
            }
            Buffer collected = Buffer.buffer();
            response.handler(chunk -> {
                if (done()) {
                    return;
                }
                if (collected.length() + chunk.length() > limits.maxBodyBytes()) {
                    // fail before reset: reset() fires the exception handler synchronously
                    fail(Outcome.MALFORMED_RESPONSE, "body exceeds the cap of " + limits.maxBodyBytes() + " bytes");
                    request.reset();
                    return;
                }
                collected.appendBuffer(chunk);
            });
            response.exceptionHandler(e -> {
                FetchFailure failure = classify(e);
                fail(failure.outcome(), "while reading the body: " + failure.message());
            });
            response.endHandler(v -> succeed(response.statusCode(), recorded, collected.getBytes()));
        }

        private boolean done() {
            return promise.future().isComplete();
        }

        private void succeed(int status, Map<String, String> recorded, byte[] bytes) {
            if (done()) {
                return;
            }
            vertx.cancelTimer(timerId);
            promise.complete(new HttpFetch(url, currentUrl, redirects, resolved, connected, startedAt, timings(),
                    status, recorded, bytes, null));
        }

        private void fail(Outcome outcome, String message) {
            if (done()) {
                return;
            }
            vertx.cancelTimer(timerId);
            promise.complete(new HttpFetch(url, currentUrl, redirects, resolved, connected, startedAt, timings(),
                    null, Map.of(), null, new FetchFailure(outcome, message)));
            // Reset only after completing: reset() fails the pending send synchronously, and that
            // callback must find the exchange done rather than report the reset as the outcome.
            if (request != null && outcome == Outcome.TIMEOUT) {
                request.reset();
            }
        }

        private ProbeTimings timings() {
            return new ProbeTimings(dnsMs, connectMs, firstByteMs, ProbeTimings.millis(startNanos, System.nanoTime()));
        }
    }

    private static Map<String, String> recordedHeaders(HttpClientResponse response) {
        Map<String, String> recorded = new TreeMap<>();
        for (Map.Entry<String, String> header : response.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (RECORDED_HEADERS.contains(name)) {
                recorded.merge(name, header.getValue(), (a, b) -> a + ", " + b);
            }
        }
        return recorded;
    }

    /** Maps a Netty/Vert.x/JDK exception to the transport outcome it means. */
    static FetchFailure classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException
                    || t instanceof io.netty.channel.ConnectTimeoutException
                    || t instanceof java.net.SocketTimeoutException) {
                return new FetchFailure(Outcome.TIMEOUT, "timed out: " + describe(t));
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return new FetchFailure(Outcome.TLS_FAILURE, "TLS failed: " + describe(t));
            }
            if (t instanceof java.net.UnknownHostException) {
                return new FetchFailure(Outcome.DNS_FAILURE, "does not resolve: " + describe(t));
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return new FetchFailure(Outcome.CONNECT_FAILURE, "connection failed: " + describe(t));
            }
            if (t instanceof io.vertx.core.http.HttpClosedException) {
                return new FetchFailure(Outcome.CONNECT_FAILURE, "connection closed before a complete answer");
            }
        }
        return new FetchFailure(Outcome.CONNECT_FAILURE, describe(error));
    }

    static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
