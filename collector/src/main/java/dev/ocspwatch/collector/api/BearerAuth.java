package dev.ocspwatch.collector.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>}. The presented token
 * is compared in constant time, over SHA-256 digests so neither its content nor its length
 * shows in the timing. Refusals are 401 with a JSON error and are not logged with the header.
 */
final class BearerAuth implements Handler<RoutingContext> {
    private static final String SCHEME = "Bearer ";
    private final byte[] expectedDigest;

    BearerAuth(String token) {
        this.expectedDigest = sha256(Objects.requireNonNull(token, "token"));
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (accepts(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"ocspwatch\"");
        JsonReplies.error(ctx, 401, "this endpoint needs the header Authorization: Bearer <token>");
    }

    /** True for exactly "Bearer " (any case) followed by the configured token. */
    boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest, sha256(authorization.substring(SCHEME.length()).trim()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
