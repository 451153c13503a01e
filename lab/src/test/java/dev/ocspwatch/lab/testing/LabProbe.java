package dev.ocspwatch.lab.testing;

import dev.ocspwatch.common.ocsp.CertId;
import dev.ocspwatch.common.ocsp.CertIdHash;
import dev.ocspwatch.common.ocsp.OcspRequest;
import dev.ocspwatch.common.ocsp.OcspResponseChecker;
import dev.ocspwatch.common.ocsp.ResponseCheck;
import dev.ocspwatch.common.ocsp.ResponseExpectation;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.lab.world.LabCa;
import dev.ocspwatch.lab.world.World;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;

/**
 * A stand-in for an agent in one region, independent of the lab's own bookkeeping: it resolves
 * the responder's host through the region's view of {@link World#dns()}, talks real HTTP to the
 * address it got (the region's CDN point of presence), and judges the bytes with the OCSP core's
 * {@link OcspResponseChecker}. Transport failures become the transport outcomes, a non-200 status
 * HTTP_ERROR, everything else what the checker says.
 */
public final class LabProbe implements AutoCloseable {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final Context context;

    public LabProbe(Vertx vertx) {
        // No keep-alive: an abandoned (timed-out) exchange must not leave a late answer on a pooled connection.
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
        this.context = vertx.getOrCreateContext();
    }

    /**
     * Runs an exchange on the probe's event loop, so each step's handler is in place before the
     * next event can arrive (chained from a test thread, a response body could end before
     * anyone asked for it).
     */
    private <T> Future<T> onContext(java.util.function.Supplier<Future<T>> exchange) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> exchange.get().onComplete(promise));
        return promise.future();
    }

    /** What came back: the outcome an agent records, and the HTTP exchange it is based on (null fields when none). */
    public record Observation(Outcome outcome, int status, Map<String, String> headers, byte[] body, String detail) {
        public String header(String name) {
            return headers == null ? null : headers.get(name);
        }

        /** X-Cache: HIT, MISS or PASS. */
        public String cache() {
            return header("X-Cache");
        }

        @Override
        public String toString() {
            return outcome + " (HTTP " + status + ", X-Cache " + cache() + "): " + detail;
        }
    }

    /** A plain HTTP answer, for the repository host and other non-OCSP paths. */
    public record HttpAnswer(int status, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    public Observation post(World world, String region, LabCa ca, BigInteger serial) {
        return ocsp(world, region, ca, serial, HttpMethod.POST, DEFAULT_TIMEOUT);
    }

    public Observation get(World world, String region, LabCa ca, BigInteger serial) {
        return ocsp(world, region, ca, serial, HttpMethod.GET, DEFAULT_TIMEOUT);
    }

    /** One OCSP fetch for {@code serial} of {@code ca} from {@code region}, as an agent there would make it. */
    public Observation ocsp(World world, String region, LabCa ca, BigInteger serial, HttpMethod method, Duration timeout) {
        String host = ca.spec().ocspHost();
        Optional<List<InetAddress>> resolved = world.dns().resolve(region, host);
        if (resolved.isEmpty() || resolved.get().isEmpty()) {
            return new Observation(Outcome.DNS_FAILURE, 0, null, null, host + " does not resolve in " + region);
        }
        String address = resolved.get().get(0).getHostAddress();
        CertId certId = CertId.of(ca.ca().asIssuer(), serial, CertIdHash.SHA1);
        OcspRequest request = OcspRequest.of(certId);
        int port = world.cdnPort();
        String base = "http://" + host + ":" + port;
        RequestOptions options = new RequestOptions().setMethod(method)
                .setServer(SocketAddress.inetSocketAddress(port, address)).setHost(host).setPort(port)
                .setURI(method == HttpMethod.GET ? request.getUrl(base + "/").substring(base.length()) : "/")
                .setConnectTimeout(timeout.toMillis()).setIdleTimeout(timeout.toMillis());
        if (method == HttpMethod.POST) {
            options.putHeader("Content-Type", "application/ocsp-request");
        }
        Future<Exchange> exchange = onContext(() -> client.request(options)
                .compose(r -> method == HttpMethod.POST ? r.send(Buffer.buffer(request.der())) : r.send())
                .compose(response -> response.body().map(body -> new Exchange(response.statusCode(), headers(response), body.getBytes()))));
        Exchange done;
        try {
            done = exchange.toCompletionStage().toCompletableFuture().get(timeout.toMillis() + 10_000, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return transportFailure(e.getCause(), address);
        } catch (Exception e) {
            throw new AssertionError("probe did not finish: " + e, e);
        }
        if (done.status() != 200) {
            return new Observation(Outcome.HTTP_ERROR, done.status(), done.headers(), done.body(), "HTTP " + done.status());
        }
        ResponseCheck check = new OcspResponseChecker().check(done.body(),
                ResponseExpectation.subscriber(ca.ca().asIssuer(), certId), world.time().now(), null);
        return new Observation(check.outcome(), done.status(), done.headers(), done.body(), check.reason());
    }

    /** A plain request to {@code host}{@code path} through region {@code region}'s PoP (the CA's repository, unknown hosts). */
    public HttpAnswer http(World world, String region, HttpMethod method, String host, String path) {
        int number = World.regionNumbers(world.scenario()).get(region);
        int port = world.cdnPort();
        RequestOptions options = new RequestOptions().setMethod(method)
                .setServer(SocketAddress.inetSocketAddress(port, dev.ocspwatch.lab.dns.LabDns.popAddress(number).getHostAddress()))
                .setHost(host).setPort(port).setURI(path).setIdleTimeout(10_000);
        return Futures.await(onContext(() -> client.request(options).compose(r -> r.send())
                .compose(response -> response.body().map(body -> new HttpAnswer(response.statusCode(), headers(response), body.getBytes())))));
    }

    private static Observation transportFailure(Throwable failure, String address) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return new Observation(Outcome.CONNECT_FAILURE, 0, null, null, "connection to " + address + " failed: " + cause.getMessage());
            }
            if (cause instanceof TimeoutException) {
                return new Observation(Outcome.TIMEOUT, 0, null, null, "no answer from " + address + ": " + cause.getMessage());
            }
        }
        throw new AssertionError("unexpected transport failure talking to " + address + ": " + failure, failure);
    }

    private record Exchange(int status, Map<String, String> headers, byte[] body) {
    }

    private static Map<String, String> headers(io.vertx.core.http.HttpClientResponse response) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.headers().forEach(entry -> headers.put(entry.getKey(), entry.getValue()));
        return headers;
    }

    @Override
    public void close() {
        Futures.await(client.close());
    }
}
