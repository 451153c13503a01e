package dev.ocspwatch.collector.api;

import dev.ocspwatch.collector.evidence.EvidenceBundle;
import dev.ocspwatch.collector.evidence.EvidenceReport;
import dev.ocspwatch.collector.evidence.EvidenceTimeline;
import dev.ocspwatch.collector.query.CertificateEvidence;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A certificate's evidence for a bug report: {@code evidence.zip} (report, timeline, raw DER,
 * JSON, reproduce.sh), {@code evidence.md} and {@code timeline.svg}, rendered on a worker by the
 * instance that holds the certificate (another instance forwards to it).
 */
final class EvidenceRoutes {
    private final CertificateRouting routing;
    private final String generator;

    EvidenceRoutes(CertificateRouting routing, String generator) {
        this.routing = routing;
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
        routing.answer(ctx, id, evidence -> evidence.map(e -> new Rendered(renderer.apply(e), disposition.apply(e))).orElse(null),
                (c, rendered) -> {
                    if (rendered == null) {
                        JsonReplies.error(c, 404, "the collector holds nothing of certificate " + id);
                    } else if (!c.response().ended()) {
                        if (rendered.disposition() != null) {
                            c.response().putHeader("Content-Disposition", rendered.disposition());
                        }
                        c.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(Buffer.buffer(rendered.body()));
                    }
                });
    }
}
