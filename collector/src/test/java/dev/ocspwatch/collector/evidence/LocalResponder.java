package dev.ocspwatch.collector.evidence;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OCSP responder on 127.0.0.1 (the JDK's HTTP server) that answers every request with one
 * fixed body and remembers what it was asked: enough to run the generated openssl and curl
 * commands for real and see what reached the wire.
 */
final class LocalResponder implements AutoCloseable {
    /** One request as it arrived. */
    record Received(String method, String path, byte[] body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    LocalResponder(byte[] answer) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestBody().readAllBytes()));
            exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            exchange.getResponseHeaders().add("X-Cache", "HIT from local-test");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** The responder URL, with a path as real ones have. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp/";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
