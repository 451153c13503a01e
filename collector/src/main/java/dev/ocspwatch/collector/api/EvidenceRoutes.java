package dev.ocspwatch.collector.api;

import dev.ocspwatch.collector.evidence.EvidenceBundle;
import dev.ocspwatch.collector.evidence.EvidenceReport;
import dev.ocspwatch.collector.evidence.EvidenceTimeline;
import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.collector.query.CollectorView;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * A certificate's evidence for a bug report: {@code evidence.zip} (report, timeline, raw DER,
 * JSON, reproduce.sh), {@code evidence.md} and {@code timeline.svg}, rendered on a worker.
 */
final class EvidenceRoutes {
    private final Vertx vertx;
    private final CollectorView view;
    private final String generator;

    EvidenceRoutes(Vertx vertx, CollectorView view, String generator) {
        this.vertx = vertx;
        this.view = view;
        this.generator = generator;
    }

    void mount(Router router) {
        router.get("/api/certificates/:id/evidence.zip").handler(ctx -> render(ctx, "application/zip", e -> EvidenceBundle.zip(e, generator),
                e -> "attachment; filename=\"" + EvidenceBundle.fileName(e) + "\""));
        router.get("/api/certificates/:id/evidence.md").handler(ctx -> render(ctx, "text/markdown; charset=utf-8",
                e -> EvidenceReport.markdown(e, generator).getBytes(StandardCharsets.UTF_8), e -> null));
        router.get("/api/certificates/:id/timeline.svg").handler(ctx -> render(ctx, "image/svg+xml",
                e -> EvidenceTimeline.svg(e).getBytes(StandardCharsets.UTF_8), e -> null));
    }

    private record Rendered(byte[] body, String disposition) {
    }

    private void render(RoutingContext ctx, String contentType, Function<CertificateEvidence, byte[]> renderer,
                        Function<CertificateEvidence, String> disposition) {
        String id;
        try {
            id = ApiParams.certificateId(ctx.pathParam("id"));
        } catch (ApiParams.BadParameter e) {
            JsonReplies.error(ctx, 400, e.getMessage());
            return;
        }
        vertx.executeBlocking(() -> {
            Optional<CertificateEvidence> evidence = view.certificate(id);
            return evidence.map(e -> new Rendered(renderer.apply(e), disposition.apply(e))).orElse(null);
        }, false).onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
            } else if (done.result() == null) {
                JsonReplies.error(ctx, 404, "the collector holds nothing of certificate " + id);
            } else if (!ctx.response().ended()) {
                if (done.result().disposition() != null) {
                    ctx.response().putHeader("Content-Disposition", done.result().disposition());
                }
                ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(Buffer.buffer(done.result().body()));
            }
        });
    }
}
