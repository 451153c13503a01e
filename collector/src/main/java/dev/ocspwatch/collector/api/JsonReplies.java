package dev.ocspwatch.collector.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ocspwatch.common.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** Writes JSON answers the one way the API writes them. */
final class JsonReplies {
    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private JsonReplies() {
    }

    /** Serialises with {@link Json#mapper()}: a worker's job for large bodies. */
    static Buffer encode(Object body) {
        try {
            return Buffer.buffer(Json.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static void send(RoutingContext ctx, int status, Buffer body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE).end(body);
    }

    static void error(RoutingContext ctx, int status, String message) {
        send(ctx, status, encode(Map.of("error", message)));
    }
}
