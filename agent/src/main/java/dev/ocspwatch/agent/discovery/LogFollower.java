package dev.ocspwatch.agent.discovery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows one CT log from a start index, forever: asks for the tree head, reads what is new in
 * order, hands it to the sink batch by batch, and waits for each to be accepted. Every index is
 * handed over exactly once per run (as a certificate or a reject), in order; a run that crashes
 * resumes from the sink's checkpoint, so the last batch may be handed over again but no index is
 * skipped. Runs on its verticle's context; parsing goes to worker threads.
 */
public abstract class LogFollower {
    /** Start at the log's current head, as a new log does. */
    public static final long AT_HEAD = -1;

    protected final Vertx vertx;
    protected final CtHttp http;
    protected final CtLog log;
    protected final FollowerSettings settings;
    protected final Clock clock;
    protected final BatchSink sink;
    protected final Backoff backoff = new Backoff();
    private final List<Long> timers = new ArrayList<>();
    private volatile boolean stopped;
    protected volatile long next;
    protected volatile long treeSize = -1;
    protected volatile long treeTimestamp;

    protected LogFollower(Vertx vertx, CtHttp http, CtLog log, FollowerSettings settings, Clock clock, BatchSink sink, long start) {
        this.vertx = vertx;
        this.http = http;
        this.log = log;
        this.settings = settings;
        this.clock = clock;
        this.sink = sink;
        this.next = start;
    }

    public static LogFollower of(Vertx vertx, CtHttp http, CtLog log, FollowerSettings settings, Clock clock, BatchSink sink,
                                 long start) {
        return log.api() == CtApi.RFC6962
                ? new Rfc6962Follower(vertx, http, log, settings, clock, sink, start)
                : new TiledFollower(vertx, http, log, settings, clock, sink, start);
    }

    /** Starts following; call on the owning verticle's context. */
    public void start() {
        poll();
    }

    public void stop() {
        stopped = true;
        timers.forEach(vertx::cancelTimer);
    }

    public CtLog log() {
        return log;
    }

    /** The next index to read (everything below has been handed over); -1 before the first tree head when starting at the head. */
    public long nextIndex() {
        return next;
    }

    /** The size of the last tree head that verified; -1 before the first. */
    public long treeSize() {
        return treeSize;
    }

    public long treeTimestamp() {
        return treeTimestamp;
    }

    /**
     * Fetches started for the round after the one being handed over, so that reading the log and
     * publishing to Kafka overlap instead of taking turns; used only if reading goes on exactly at
     * {@code start}, otherwise dropped (at most one round is read ahead).
     */
    protected record Round<T>(long start, List<Future<T>> fetches) {
    }

    /** Fetch and verify the tree head, then {@link #catchUp()}. */
    protected abstract void poll();

    /** Read what lies between {@link #next} and the tree size, then poll again. */
    protected abstract void catchUp();

    /** Accepts a verified tree head: refuses one that shrinks, sets the start on first contact. */
    protected boolean acceptTreeHead(long size, long timestamp) {
        if (treeSize >= 0 && size < treeSize) {
            sink.reject(new Reject(log.name(), -1, "tree-shrank", "tree head size " + size + " is smaller than " + treeSize));
            return false;
        }
        treeSize = size;
        treeTimestamp = timestamp;
        if (next < 0) {
            next = size;
        }
        return true;
    }

    /**
     * Hands the batches over as one: they are contiguous, and one hand-over (one wait for Kafka's
     * acknowledgements) per fetch round instead of one per window is what keeps a follower from
     * being bound by round trips.
     */
    protected Future<Void> handOver(List<Batch> batches) {
        Future<Void> chain = Future.succeededFuture();
        for (Batch batch : merged(batches)) {
            chain = chain.compose(v -> {
                if (stopped) {
                    return Future.failedFuture("stopped");
                }
                return sink.accept(batch).map(accepted -> {
                    next = batch.end();
                    return null;
                });
            });
        }
        return chain;
    }

    /** Contiguous batches joined into one (the tree size and timestamp of the last). */
    static List<Batch> merged(List<Batch> batches) {
        if (batches.size() < 2) {
            return batches;
        }
        List<dev.ocspwatch.common.ct.LoggedCertificate> certificates = new ArrayList<>();
        List<Reject> rejects = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            if (i > 0 && batches.get(i).start() != batches.get(i - 1).end()) {
                throw new IllegalStateException("batches not contiguous: " + batches.get(i - 1).end() + " then " + batches.get(i).start());
            }
            certificates.addAll(batches.get(i).certificates());
            rejects.addAll(batches.get(i).rejects());
        }
        Batch first = batches.get(0);
        Batch last = batches.get(batches.size() - 1);
        return List.of(new Batch(first.log(), first.start(), last.end(), certificates, rejects, last.treeSize(), last.treeTimestamp()));
    }

    protected void later(Duration delay, Runnable action) {
        if (stopped) {
            return;
        }
        timers.add(vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
            timers.remove(id);
            if (!stopped) {
                action.run();
            }
        }));
    }

    protected void pollLater() {
        later(settings.pollInterval(), this::poll);
    }

    /** After a refusal or a failure: wait as the log asked, or back off, then poll again. */
    protected void retryLater(String retryAfter) {
        later(backoff.next(retryAfter), this::poll);
    }

    protected boolean stopped() {
        return stopped;
    }
}
