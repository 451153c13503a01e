package dev.ocspwatch.app.bench;

import dev.ocspwatch.app.cli.Await;
import dev.ocspwatch.common.ocsp.CertId;
import dev.ocspwatch.common.ocsp.CertIdHash;
import dev.ocspwatch.common.ocsp.OcspGetUrl;
import dev.ocspwatch.common.ocsp.OcspRequest;
import dev.ocspwatch.lab.world.LabCa;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The responder's own latency, as near as a client can see it: one kept-alive Vert.x connection
 * to the lab's point of presence, a request built and sent, the body received; nothing vetted,
 * resolved, checked or recorded. GET and POST per certificate, one at a time.
 */
final class MinimalClient {
    private MinimalClient() {
    }

    static List<Double> sequential(Vertx vertx, String popAddress, int port, LabCa ca, List<LabCa.Issued> certificates) throws Exception {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
        SocketAddress pop = SocketAddress.inetSocketAddress(port, popAddress);
        List<Double> latencies = new ArrayList<>();
        try {
            for (LabCa.Issued certificate : certificates) {
                for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST)) {
                    long start = System.nanoTime();
                    byte[] request = OcspRequest.of(CertId.of(ca.ca().asIssuer(), certificate.serial(), CertIdHash.SHA1)).der();
                    Await.result(exchange(vertx, client, pop, ca.spec().ocspHost(), port, method, request));
                    latencies.add((System.nanoTime() - start) / 1e6);
                }
            }
        } finally {
            Await.result(client.close());
        }
        return latencies;
    }

    /** Runs on an event loop: chaining request, send and body from a plain thread can lose a body. */
    private static Future<Buffer> exchange(Vertx vertx, HttpClient client, SocketAddress pop, String host, int port, HttpMethod method,
                                           byte[] request) {
        Promise<Buffer> promise = Promise.promise();
        vertx.runOnContext(v -> {
            RequestOptions options = new RequestOptions().setServer(pop).setHost(host).setPort(port).setMethod(method)
                    .setURI(method == HttpMethod.GET ? OcspGetUrl.format("/", request) : "/");
            client.request(options)
                    .compose(r -> method == HttpMethod.GET ? r.send() : r.send(Buffer.buffer(request)))
                    .compose(r -> r.body())
                    .onComplete(promise);
        });
        return promise.future();
    }
}
