package dev.ocspwatch.agent.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Serves an agent's metrics to Prometheus: {@code GET /metrics} in the text exposition format
 * (version 0.0.4, what every Prometheus scrapes), anything else 404. Counters carry Prometheus'
 * {@code _total} suffix, as Micrometer names them for this registry.
 */
public final class MetricsServer extends VerticleBase {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final String host;
    private final int port;
    private HttpServer server;

    /** Port 0 picks a free one; {@link #port()} tells which once started. */
    public MetricsServer(PrometheusMeterRegistry registry, String host, int port) {
        this.registry = registry;
        this.host = host;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer().requestHandler(this::handle).listen(port, host).onSuccess(s -> server = s);
    }

    private void handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD || !"/metrics".equals(request.path())) {
            request.response().setStatusCode(404).putHeader("content-type", "text/plain").end("try GET /metrics\n");
            return;
        }
        // Scraping walks every meter: small, but not the event loop's business.
        vertx.executeBlocking(registry::scrape, false).onComplete(scraped -> {
            if (scraped.failed()) {
                request.response().setStatusCode(500).end(String.valueOf(scraped.cause().getMessage()));
                return;
            }
            request.response().putHeader("content-type", CONTENT_TYPE).end(scraped.result());
        });
    }

    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
