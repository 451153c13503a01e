package dev.ocspwatch.collector.alert;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting on conditions, never on the clock: re-checks every few milliseconds up to a deadline, then fails with a message. */
final class Await {
    private static final Object LOCK = new Object();

    private Await() {
    }

    static void until(BooleanSupplier condition, Duration within, Supplier<String> message) {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (LOCK) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("not within " + within.toMillis() + " ms: " + message.get());
                }
                try {
                    LOCK.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 10))); // nothing notifies: a bounded re-check
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting: " + message.get(), e);
                }
            }
        }
    }

    static <T> T result(Future<T> future, Duration within) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + within.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
