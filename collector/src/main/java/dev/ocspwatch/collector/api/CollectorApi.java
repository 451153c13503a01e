package dev.ocspwatch.collector.api;

import dev.ocspwatch.collector.dashboard.DashboardAssets;
import dev.ocspwatch.collector.query.CollectorHealth;
import dev.ocspwatch.collector.query.CollectorView;
import dev.ocspwatch.collector.query.VerdictQuery;
import dev.ocspwatch.collector.stats.IssuerStatistics;
import dev.ocspwatch.collector.stats.VerdictStatistics;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's HTTP API and dashboard as one Vert.x Web {@link Router}, over a
 * {@link CollectorView}. Every call to the view runs on a worker ({@code executeBlocking}), as
 * does JSON encoding, so a slow state store never stalls the event loop.
 *
 * <p>Order of handlers: security headers on everything; {@code GET /health} (always open); the
 * bearer token check when one is configured; the caller's extra routes (so they are protected
 * like {@code /api} and win over ours); the API; the dashboard at {@code /}.
 *
 * <p>A certificate's evidence ({@code /api/certificates/:id} and its downloads) is answered
 * wherever the view {@linkplain CollectorView#locate locates} it: here, forwarded to the
 * collector instance that owns it, or 503 while instances rebalance ({@link CertificateRouting}).
 */
public final class CollectorApi {
    /** Same-origin only, no inline script or style: an injected string can never run. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Logger LOG = LoggerFactory.getLogger(CollectorApi.class);

    private final Vertx vertx;
    private final CollectorView view;
    private final ApiSettings settings;
    private final Handler<Router> extraRoutes;
    private final CertificateRouting certificates;

    public CollectorApi(Vertx vertx, CollectorView view, ApiSettings settings) {
        this(vertx, view, settings, null);
    }

    /**
     * @param extraRoutes mounts more routes (metrics, evidence downloads such as
     *     {@code /api/certificates/:id/evidence.zip}) behind the same token check; may be null
     */
    public CollectorApi(Vertx vertx, CollectorView view, ApiSettings settings, Handler<Router> extraRoutes) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.view = Objects.requireNonNull(view, "view");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.extraRoutes = extraRoutes;
        this.certificates = new CertificateRouting(vertx, view,
                new EvidenceForwarder(vertx, settings.bearerToken(), EvidenceForwarder.DEFAULT_TIMEOUT));
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.route().handler(CollectorApi::securityHeaders);
        router.get("/health").handler(this::health);
        if (settings.tokenRequired()) {
            router.route().handler(new BearerAuth(settings.bearerToken()));
        }
        if (extraRoutes != null) {
            extraRoutes.handle(router);
        }
        router.get("/api/verdicts").handler(this::verdicts);
        router.get("/api/certificates/:id").handler(this::certificate);
        new EvidenceRoutes(certificates, generator()).mount(router);
        router.get("/api/issuers").handler(this::issuers);
        router.get("/api/regions").handler(this::regions);
        router.route("/api/*").handler(ctx -> JsonReplies.error(ctx, 404, "no endpoint " + ctx.request().method() + " "
                + ApiParams.quote(ctx.request().path()) + "; the API answers GET /api/verdicts, /api/certificates/:id,"
                + " /api/certificates/:id/evidence.zip, .../evidence.md, .../timeline.svg, /api/issuers, /api/regions"));
        DashboardAssets.load().mount(router);
        router.errorHandler(500, ctx -> {
            LOG.warn("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
            JsonReplies.error(ctx, 500, "internal error; see the collector's log");
        });
        return router;
    }

    /** Names the tool and version in evidence, so a report says what produced it. */
    static String generator() {
        String version = CollectorApi.class.getPackage().getImplementationVersion();
        return "ocspwatch " + (version == null ? "(development build)" : version);
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                // Verdicts change by the minute and may be private: no cache keeps them. Assets relax this.
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        ctx.next();
    }

    private void health(RoutingContext ctx) {
        answer(ctx, () -> {
            CollectorHealth health = view.health();
            return new Reply(health.ready() ? 200 : 503, health);
        });
    }

    private void verdicts(RoutingContext ctx) {
        VerdictQuery query;
        try {
            query = ApiParams.verdictQuery(ctx.queryParams());
        } catch (ApiParams.BadParameter e) {
            JsonReplies.error(ctx, 400, e.getMessage());
            return;
        }
        answer(ctx, () -> new Reply(200, view.verdicts(query)));
    }

    private void certificate(RoutingContext ctx) {
        String id;
        try {
            id = ApiParams.certificateId(ctx.pathParam("id"));
        } catch (ApiParams.BadParameter e) {
            JsonReplies.error(ctx, 400, e.getMessage());
            return;
        }
        Map<String, String> missing = Map.of("error", "the collector holds nothing of certificate " + id);
        certificates.answer(ctx, id, evidence -> evidence
                        .map(e -> new Encoded(200, JsonReplies.encode(CertificateDocument.of(e))))
                        .orElseGet(() -> new Encoded(404, JsonReplies.encode(missing))),
                (c, encoded) -> JsonReplies.send(c, encoded.status(), encoded.body()));
    }

    private void issuers(RoutingContext ctx) {
        answer(ctx, () -> new Reply(200, new IssuerList(VerdictStatistics.of(view).issuers())));
    }

    private void regions(RoutingContext ctx) {
        answer(ctx, () -> new Reply(200, VerdictStatistics.of(view).regionMatrix()));
    }

    /** Runs {@code work} and its JSON encoding on a worker, unordered so slow requests do not queue behind each other. */
    private void answer(RoutingContext ctx, Callable<Reply> work) {
        vertx.executeBlocking(() -> {
            Reply reply = work.call();
            return new Encoded(reply.status(), JsonReplies.encode(reply.body()));
        }, false).onComplete(done -> {
            if (done.succeeded()) {
                JsonReplies.send(ctx, done.result().status(), done.result().body());
            } else {
                ctx.fail(500, done.cause());
            }
        });
    }

    /** {@code GET /api/issuers}: worst issuer first. */
    public record IssuerList(List<IssuerStatistics> items) {
    }

    private record Reply(int status, Object body) {
    }

    private record Encoded(int status, Buffer body) {
    }
}
