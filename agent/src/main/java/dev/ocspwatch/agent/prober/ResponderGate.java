package dev.ocspwatch.agent.prober;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Collections;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Politeness toward responders: at most {@code perHostConcurrency} probes in flight and
 * {@code perHostPerSecond} started per second for one host, at most {@code globalConcurrency}
 * in flight in all. A probe that may not start yet waits in its host's queue, in order; its
 * observation then shows it was sent late. Touched only on the scheduler's context.
 */
final class ResponderGate {
    private final Vertx vertx;
    private final PolitenessSettings settings;
    private final LongSupplier nanoTime;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private int inFlight;
    private int waiting;
    private long cursor;
    private boolean draining;
    private boolean drainAgain;

    ResponderGate(Vertx vertx, PolitenessSettings settings, LongSupplier nanoTime) {
        this.vertx = vertx;
        this.settings = settings;
        this.nanoTime = nanoTime;
    }

    /** Runs {@code task} once the host's and the global limits allow; its future's completion frees the slot. */
    void submit(String host, Supplier<Future<?>> task) {
        Host h = hosts.computeIfAbsent(host, name -> new Host(capacity(), nanoTime.getAsLong()));
        h.queue.add(task);
        waiting++;
        drain();
    }

    int inFlight() {
        return inFlight;
    }

    /** Probes waiting for a slot or a token. */
    int waiting() {
        return waiting;
    }

    /**
     * Starts what the limits allow. A task whose future is already complete frees its slot while
     * this runs: that nested call only asks for another pass, so the host map is never changed
     * under the iteration and a long queue of such tasks does not nest one call per task.
     */
    private void drain() {
        if (draining) {
            drainAgain = true;
            return;
        }
        draining = true;
        try {
            do {
                drainAgain = false;
                drainOnce();
            } while (drainAgain);
        } finally {
            draining = false;
        }
    }

    /**
     * Starts what the limits allow, one probe per host per round, beginning each drain one host
     * further on: when the global cap binds, every host gets its turn instead of the first-seen
     * ones taking every freed slot. Iterates a copy, so a task that submits to a new host is safe.
     */
    private void drainOnce() {
        long now = nanoTime.getAsLong();
        List<Host> order = new ArrayList<>(hosts.values());
        if (order.isEmpty()) {
            return;
        }
        Collections.rotate(order, -(int) (cursor++ % order.size()));
        for (Host h : order) {
            h.refill(now, settings.perHostPerSecond(), capacity());
        }
        boolean progress = true;
        while (progress && inFlight < settings.globalConcurrency()) {
            progress = false;
            for (Host h : order) {
                if (inFlight >= settings.globalConcurrency()) {
                    break;
                }
                if (!h.queue.isEmpty() && h.inFlight < settings.perHostConcurrency() && h.tokens >= 1) {
                    start(h, h.queue.poll());
                    progress = true;
                }
            }
        }
        for (Iterator<Host> it = hosts.values().iterator(); it.hasNext(); ) {
            Host h = it.next();
            if (!h.queue.isEmpty() && h.tokens < 1 && h.timer < 0) {
                long waitNanos = (long) Math.ceil((1 - h.tokens) / settings.perHostPerSecond() * 1e9);
                h.timer = vertx.setTimer(Math.max(1, waitNanos / 1_000_000), id -> {
                    h.timer = -1;
                    drain();
                });
            }
            if (h.queue.isEmpty() && h.inFlight == 0 && h.timer < 0 && h.tokens >= capacity()) {
                it.remove(); // an idle host with a full bucket holds nothing worth keeping
            }
        }
    }

    /** A second's worth of tokens, and at least one, so a rate below one per second still lets probes through. */
    private double capacity() {
        return Math.max(1.0, settings.perHostPerSecond());
    }

    private void start(Host h, Supplier<Future<?>> task) {
        waiting--;
        h.tokens -= 1;
        h.inFlight++;
        inFlight++;
        Future<?> running;
        try {
            running = task.get();
        } catch (RuntimeException e) {
            running = Future.failedFuture(e); // a task that throws still frees its slot
        }
        running.onComplete(done -> {
            h.inFlight--;
            inFlight--;
            drain();
        });
    }

    private static final class Host {
        final ArrayDeque<Supplier<Future<?>>> queue = new ArrayDeque<>();
        int inFlight;
        double tokens;
        long refilledAt;
        long timer = -1;

        Host(double capacity, long now) {
            this.tokens = capacity; // a full bucket: a second's worth may start at once
            this.refilledAt = now;
        }

        void refill(long now, double perSecond, double capacity) {
            tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
        }
    }
}
