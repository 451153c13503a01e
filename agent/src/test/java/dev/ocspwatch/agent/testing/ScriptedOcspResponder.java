package dev.ocspwatch.agent.testing;

import dev.ocspwatch.common.ocsp.OcspGetUrl;
import dev.ocspwatch.common.ocsp.OcspRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A misbehaving OCSP responder on top of {@link FakeResponder}: each scenario lives under its
 * own path ({@code /NAME/}), decodes the request the way a real responder does (GET from the
 * path per RFC 6960 A.1, POST from the body) and answers whatever its script says, keeping the
 * exact bytes it sent so a test can compare them with what the probe recorded.
 */
public final class ScriptedOcspResponder {
    /** What one scripted answer looks like on the wire. */
    public record Reply(int status, Map<String, String> headers, byte[] body) {
        public static Reply ocsp(byte[] body) {
            return new Reply(200, Map.of("Content-Type", "application/ocsp-response"), body);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, more, body);
        }
    }

    private final FakeResponder fake;
    private final Map<String, List<byte[]>> sent = new ConcurrentHashMap<>();
    private final Map<String, List<OcspRequest>> requests = new ConcurrentHashMap<>();

    public ScriptedOcspResponder(FakeResponder fake) {
        this.fake = fake;
    }

    public FakeResponder fake() {
        return fake;
    }

    /** Serves {@code script} under {@code /name/}; returns that responder URL (with its trailing slash). */
    public String serve(String name, Function<OcspRequest, Reply> script) {
        String prefix = prefix(name);
        sent.put(name, new CopyOnWriteArrayList<>());
        requests.put(name, new CopyOnWriteArrayList<>());
        fake.route(prefix, received -> request -> {
            OcspRequest parsed = decode(received, prefix);
            requests.get(name).add(parsed);
            Reply reply = script.apply(parsed);
            sent.get(name).add(reply.body().clone());
            HttpServerResponse response = request.response().setStatusCode(reply.status());
            reply.headers().forEach(response::putHeader);
            response.end(Buffer.buffer(reply.body()));
        });
        return fake.url(prefix);
    }

    /** A path under which the server reads the request and then never answers. */
    public String silent(String name) {
        String prefix = prefix(name);
        fake.route(prefix, received -> request -> {
            // hold the request open: no status line, no body
        });
        return fake.url(prefix);
    }

    /** A path that answers with {@code reply} only after {@code delayMs}: later than the client waits. */
    public String late(String name, long delayMs, Reply reply) {
        String prefix = prefix(name);
        fake.route(prefix, received -> request -> fake.vertx().setTimer(delayMs, id -> {
            HttpServerResponse response = request.response();
            if (!response.closed() && !response.ended()) {
                response.setStatusCode(reply.status());
                reply.headers().forEach(response::putHeader);
                response.end(Buffer.buffer(reply.body()));
            }
        }));
        return fake.url(prefix);
    }

    /** A path that redirects every request to {@code location} with {@code status}. */
    public String redirect(String name, int status, String location) {
        String prefix = prefix(name);
        fake.route(prefix, received -> request -> request.response().setStatusCode(status)
                .putHeader("Location", location).end());
        return fake.url(prefix);
    }

    /** The bodies this scenario sent, in order. */
    public List<byte[]> sent(String name) {
        return new ArrayList<>(sent.getOrDefault(name, List.of()));
    }

    /** The requests this scenario decoded, in order. */
    public List<OcspRequest> requests(String name) {
        return new ArrayList<>(requests.getOrDefault(name, List.of()));
    }

    /** What reached {@code /name/} on the wire. */
    public List<FakeResponder.Received> received(String name) {
        String prefix = prefix(name);
        return fake.received().stream().filter(r -> r.path().startsWith(prefix)).toList();
    }

    /** The DER OCSP request a GET (path after the prefix) or a POST (body) carried. */
    public static OcspRequest decode(FakeResponder.Received received, String prefix) {
        return OcspRequest.parse(requestDer(received, prefix));
    }

    public static byte[] requestDer(FakeResponder.Received received, String prefix) {
        return received.method().equals("POST")
                ? received.body()
                : OcspGetUrl.parse(received.path().substring(prefix.length()));
    }

    public static String prefix(String name) {
        return "/" + name + "/";
    }
}
