package dev.ocspwatch.agent.discovery;

import dev.ocspwatch.common.ct.CtFormatException;
import dev.ocspwatch.common.ct.GetEntriesResponse;
import dev.ocspwatch.common.ct.LoggedCertificate;
import dev.ocspwatch.common.ct.LoggedCertificates;
import dev.ocspwatch.common.ct.RawEntry;
import dev.ocspwatch.common.ct.SignedTreeHead;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows an RFC 6962 log: {@code get-sth} (signature verified, never shrinking), then
 * {@code get-entries} in windows of {@code batchSize}, several in flight when far behind. Logs
 * may answer fewer entries than asked: a short window is handed over as far as it goes, the
 * windows after it are dropped and asked again from where it stopped, and the batch size shrinks
 * to what the log gives, so the same waste does not recur. 429 and 5xx back off, honouring
 * Retry-After. A get-entries answer that does not parse is retried; after
 * {@code maxRetriesPerIndex} failures at one index the follower narrows to one entry and, if that
 * single entry still cannot be read, rejects that index and goes on.
 */
final class Rfc6962Follower extends LogFollower {
    private int batchSize;
    private long failingIndex = -1;
    private Round<Window> ahead;
    private int failures;

    Rfc6962Follower(Vertx vertx, CtHttp http, CtLog log, FollowerSettings settings, Clock clock, BatchSink sink, long start) {
        super(vertx, http, log, settings, clock, sink, start);
        this.batchSize = settings.batchSize();
    }

    @Override
    protected void poll() {
        http.get(log.url() + "ct/v1/get-sth").onComplete(ar -> {
            if (ar.failed() || !ar.result().ok()) {
                retryLater(ar.succeeded() ? ar.result().retryAfter() : null);
                return;
            }
            SignedTreeHead sth;
            try {
                sth = SignedTreeHead.fromGetSthJson(new String(ar.result().body(), StandardCharsets.UTF_8));
            } catch (CtFormatException e) {
                sink.reject(new Reject(log.name(), -1, "malformed-sth", e.getMessage()));
                retryLater(null);
                return;
            }
            if (log.verified() && !sth.verify(log.key())) {
                sink.reject(new Reject(log.name(), -1, "sth-signature", "get-sth for size " + sth.treeSize()
                        + " does not verify with the log's key"));
                retryLater(null);
                return;
            }
            backoff.reset();
            if (acceptTreeHead(sth.treeSize(), sth.timestamp())) {
                catchUp();
            } else {
                pollLater();
            }
        });
    }

    @Override
    protected void catchUp() {
        if (stopped()) {
            return;
        }
        if (next >= treeSize) {
            pollLater();
            return;
        }
        int size = failures >= settings.maxRetriesPerIndex() ? 1 : batchSize;
        List<Future<Window>> windows = ahead != null && ahead.start() == next && size == batchSize ? ahead.fetches() : windows(next, size);
        ahead = null;
        Future.join(windows).onComplete(done -> {
            readAhead(windows, size);
            handOverInOrder(windows);
        });
    }

    private List<Future<Window>> windows(long from, int size) {
        List<Future<Window>> windows = new ArrayList<>();
        for (long start = from; start < treeSize && windows.size() < settings.parallelFetches(); start += size) {
            windows.add(fetch(start, Math.min(start + size, treeSize)));
        }
        return windows;
    }

    /** After a round that came back whole, starts the next one while this one is published. */
    private void readAhead(List<Future<Window>> windows, int size) {
        long after = next;
        for (Future<Window> window : windows) {
            if (window.failed() || window.result().error() != null || window.result().batch().end() < window.result().end()) {
                return;
            }
            after = window.result().end();
        }
        if (size == batchSize && after < treeSize && !stopped()) {
            ahead = new Round<>(after, windows(after, size));
        }
    }

    /** Hands over each window in order; stops at the first failure or short answer and goes again from there. */
    private void handOverInOrder(List<Future<Window>> windows) {
        List<Batch> batches = new ArrayList<>();
        String retryAfter = null;
        boolean failed = false;
        for (Future<Window> future : windows) {
            if (future.failed()) {
                failed = true;
                break;
            }
            Window window = future.result();
            if (window.error() != null) {
                retryAfter = window.retryAfter();
                failed = true;
                if (!window.malformed()) {
                    break; // the log or the network said no: back off, never give up on an index for that
                }
                noteFailure(window);
                if (failures > settings.maxRetriesPerIndex() && window.end() - window.start() == 1) {
                    // One entry the log cannot give us readably: account for it and move on.
                    batches.add(new Batch(log, window.start(), window.start() + 1, List.of(),
                            List.of(new Reject(log.name(), window.start(), "unreadable-entry", window.error())), treeSize, treeTimestamp));
                    failures = 0;
                }
                break;
            }
            batches.add(window.batch());
            if (window.batch().end() < window.end()) {
                batchSize = (int) Math.max(1, window.batch().end() - window.batch().start()); // the log's own cap
                break;
            }
        }
        boolean retry = failed;
        String wait = retryAfter;
        handOver(batches).onComplete(ar -> {
            if (ar.failed()) {
                return; // stopped
            }
            if (retry) {
                later(backoff.next(wait), this::catchUp);
            } else {
                backoff.reset();
                if (!batches.isEmpty()) {
                    failures = 0;
                }
                catchUp();
            }
        });
    }

    private void noteFailure(Window window) {
        if (window.start() == failingIndex) {
            failures++;
        } else {
            failingIndex = window.start();
            failures = 1;
        }
    }

    private Future<Window> fetch(long start, long end) {
        String url = log.url() + "ct/v1/get-entries?start=" + start + "&end=" + (end - 1);
        return http.get(url).compose(answer -> {
            if (!answer.ok()) {
                return Future.succeededFuture(new Window(start, end, null, "HTTP " + answer.status(), answer.retryAfter(), false));
            }
            return vertx.executeBlocking(() -> parse(start, end, answer.body()), false);
        }, error -> Future.succeededFuture(new Window(start, end, null, error.getMessage(), null, error instanceof CtHttp.TooLarge)));
    }

    private Window parse(long start, long end, byte[] body) {
        List<RawEntry> entries;
        try {
            entries = GetEntriesResponse.parse(new String(body, StandardCharsets.UTF_8));
        } catch (CtFormatException e) {
            return new Window(start, end, null, "malformed get-entries answer: " + e.getMessage(), null, true);
        }
        if (entries.isEmpty()) {
            return new Window(start, end, null, "get-entries answered no entries", null, false);
        }
        int count = (int) Math.min(entries.size(), end - start); // more than asked: keep what was asked
        List<LoggedCertificate> certificates = new ArrayList<>(count);
        List<Reject> rejects = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long index = start + i;
            try {
                certificates.add(LoggedCertificates.fromGetEntries(entries.get(i), index));
            } catch (CtFormatException e) {
                rejects.add(new Reject(log.name(), index, "malformed-entry", e.getMessage()));
            }
        }
        return new Window(start, end, new Batch(log, start, start + count, certificates, rejects, treeSize, treeTimestamp), null, null,
                false);
    }

    /**
     * One get-entries request: what it covered and what came back.
     *
     * @param malformed the log answered, but not readably (counts toward giving up on an index)
     */
    private record Window(long start, long end, Batch batch, String error, String retryAfter, boolean malformed) {
    }
}
