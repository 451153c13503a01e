package dev.ocspwatch.app.collector;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * {@code GET /metrics} on the collector's API server, in Prometheus' text format (0.0.4): the
 * collector's, and in one JVM the agents', meters. Scraping walks every meter, so it runs on a
 * worker, not the event loop.
 */
public final class MetricsRoute {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsRoute() {
    }

    /** For {@code ApiServer.create}'s extra routes. */
    public static Handler<Router> of(Vertx vertx, PrometheusMeterRegistry registry) {
        return router -> router.get("/metrics").handler(ctx -> vertx.executeBlocking(registry::scrape, false)
                .onSuccess(text -> ctx.response().putHeader("Content-Type", CONTENT_TYPE).end(text))
                .onFailure(ctx::fail));
    }
}
