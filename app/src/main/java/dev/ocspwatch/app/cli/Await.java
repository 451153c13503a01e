package dev.ocspwatch.app.cli;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;

/** Blocks the command's own (non-Vert.x) thread on a future and rethrows its failure unwrapped. */
public final class Await {
    private Await() {
    }

    public static <T> T result(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
