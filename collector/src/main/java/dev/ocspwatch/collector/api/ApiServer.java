package dev.ocspwatch.collector.api;

import dev.ocspwatch.collector.query.CollectorView;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a router (normally {@link CollectorApi#router()}) on the configured address. The
 * settings were validated when made, so a public address always comes with a token.
 */
public final class ApiServer {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Vertx vertx;
    private final ApiSettings settings;
    private final Router router;
    private HttpServer server;

    public ApiServer(Vertx vertx, ApiSettings settings, Router router) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.router = Objects.requireNonNull(router, "router");
    }

    /** The API and dashboard over {@code view}, with {@code extraRoutes} (may be null) mounted behind the token. */
    public static ApiServer create(Vertx vertx, CollectorView view, ApiSettings settings, Handler<Router> extraRoutes) {
        return new ApiServer(vertx, settings, new CollectorApi(vertx, view, settings, extraRoutes).router());
    }

    /** Listens; completes with the port actually bound (the chosen one when configured 0). */
    public synchronized Future<Integer> start() {
        if (server != null) {
            return Future.failedFuture(new IllegalStateException("API server already started on port " + port()));
        }
        HttpServerOptions options = new HttpServerOptions().setHost(settings.host()).setPort(settings.port());
        HttpServer created = vertx.createHttpServer(options).requestHandler(router);
        server = created;
        return created.listen().map(listening -> {
            LOG.info("collector API and dashboard on http://{}:{}/ ({})", urlHost(settings.host()), listening.actualPort(),
                    settings.tokenRequired() ? "bearer token required except for /health" : "no token: loopback only");
            return listening.actualPort();
        }).onFailure(e -> {
            synchronized (this) {
                server = null;
            }
        });
    }

    /** The bound port, or -1 before {@link #start()} succeeded. */
    public synchronized int port() {
        return server == null || server.actualPort() == 0 ? -1 : server.actualPort();
    }

    public synchronized Future<Void> close() {
        HttpServer closing = server;
        server = null;
        return closing == null ? Future.succeededFuture() : closing.close();
    }

    private static String urlHost(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
