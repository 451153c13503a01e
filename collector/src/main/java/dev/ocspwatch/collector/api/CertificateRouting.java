package dev.ocspwatch.collector.api;

import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.collector.query.CollectorView;
import dev.ocspwatch.collector.query.EvidenceLocation;
import dev.ocspwatch.collector.query.EvidenceUnavailableException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Answers a request about one certificate's evidence wherever that evidence is: from this
 * instance's stores (on a worker, as every store read), from the instance that owns the
 * certificate (forwarded), or not at all for now (503 with Retry-After, while instances
 * rebalance). Any instance thus answers for every certificate.
 */
final class CertificateRouting {
    /** Seconds a client should wait before asking again while ownership settles: a rebalance takes a few. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final Vertx vertx;
    private final CollectorView view;
    private final EvidenceForwarder forwarder;

    CertificateRouting(Vertx vertx, CollectorView view, EvidenceForwarder forwarder) {
        this.vertx = vertx;
        this.view = view;
        this.forwarder = forwarder;
    }

    /**
     * Where a request is answered, given where the evidence is and whether the request was
     * already forwarded once. A forwarded request is never forwarded again: if ownership moved
     * on meanwhile, the client is told to retry rather than sent round a loop.
     */
    static EvidenceLocation decide(EvidenceLocation location, boolean forwarded) {
        if (forwarded && location instanceof EvidenceLocation.Remote remote) {
            return new EvidenceLocation.Unavailable("certificate's evidence was forwarded here, but it moved on to the collector"
                    + " instance at " + remote.authority() + " (rebalancing)");
        }
        return location;
    }

    /**
     * Answers {@code ctx} for certificate {@code id}: if it is held here, {@code render} makes the
     * answer on a worker from what the view holds, and {@code reply} sends it on the event loop.
     */
    <T> void answer(RoutingContext ctx, String id, Function<Optional<CertificateEvidence>, T> render,
                    BiConsumer<RoutingContext, T> reply) {
        boolean forwarded = EvidenceForwarder.isForwarded(ctx);
        vertx.executeBlocking(() -> {
            EvidenceLocation where = decide(view.locate(id), forwarded);
            if (!(where instanceof EvidenceLocation.Local)) {
                return new Step<T>(where, null);
            }
            try {
                return new Step<>(where, render.apply(view.certificate(id)));
            } catch (EvidenceUnavailableException e) {
                return new Step<T>(new EvidenceLocation.Unavailable(e.getMessage()), null);
            }
        }, false).onComplete(done -> {
            if (done.failed()) {
                ctx.fail(500, done.cause());
                return;
            }
            EvidenceLocation where = done.result().where();
            if (where instanceof EvidenceLocation.Remote owner) {
                forwarder.forward(ctx, id, owner);
            } else if (where instanceof EvidenceLocation.Unavailable unavailable) {
                ctx.response().putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
                JsonReplies.error(ctx, 503, "no collector instance can answer for certificate " + id + " right now: "
                        + unavailable.reason() + "; retry in " + RETRY_AFTER_SECONDS + " s");
            } else {
                reply.accept(ctx, done.result().answer());
            }
        });
    }

    /** What the worker found: where to answer, and the answer when it is here. */
    private record Step<T>(EvidenceLocation where, T answer) {
    }
}
