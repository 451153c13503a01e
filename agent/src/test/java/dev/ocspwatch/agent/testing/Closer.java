package dev.ocspwatch.agent.testing;

import io.vertx.core.Vertx;

/** Closes a test class's resources in order, skipping the ones a failed setup never made. */
public final class Closer {
    private Closer() {
    }

    public static void closeAll(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** A Vert.x instance as a resource whose close waits until Vert.x has stopped. */
    public static AutoCloseable vertx(Vertx vertx) {
        return vertx == null ? null : () -> vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
