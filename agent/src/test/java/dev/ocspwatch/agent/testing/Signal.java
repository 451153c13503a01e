package dev.ocspwatch.agent.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting without sleeping: test fixtures {@link #fire()} on every event (a batch handed over, a
 * request seen), and {@link #await} re-checks its condition on each event, up to a deadline.
 */
public final class Signal {
    private static final Object LOCK = new Object();

    private Signal() {
    }

    public static void fire() {
        synchronized (LOCK) {
            LOCK.notifyAll();
        }
    }

    /** Waits until {@code condition} holds; fails with {@code message} after {@code within}. */
    public static void await(BooleanSupplier condition, Duration within, Supplier<String> message) {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (LOCK) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("not within " + within.toMillis() + " ms: " + message.get());
                }
                try {
                    // Woken by fire(); the bound only re-checks conditions that change without an event.
                    LOCK.wait(Math.max(1, Math.min(Duration.ofNanos(left).toMillis(), 25)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting: " + message.get(), e);
                }
            }
        }
    }

    public static void await(BooleanSupplier condition, Duration within, String message) {
        await(condition, within, () -> message);
    }
}
