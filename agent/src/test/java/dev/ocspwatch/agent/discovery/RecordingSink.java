package dev.ocspwatch.agent.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ocspwatch.agent.testing.Signal;
import dev.ocspwatch.common.ct.LoggedCertificate;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A sink that records what a follower hands over (batches, entry rejects, tree-head rejects) and
 * can hold or refuse batches. Checks the follower's contract against the log's own ledger.
 */
final class RecordingSink implements BatchSink {
    private final List<Batch> batches = new ArrayList<>();
    private final List<Reject> rejects = new ArrayList<>();
    private volatile Function<Batch, Future<Void>> gate = batch -> Future.succeededFuture();

    /** What {@link #accept} answers (default: accepted at once). */
    void gate(Function<Batch, Future<Void>> answer) {
        gate = answer;
    }

    @Override
    public Future<Void> accept(Batch batch) {
        synchronized (this) {
            batches.add(batch);
        }
        Signal.fire();
        return gate.apply(batch);
    }

    @Override
    public void reject(Reject reject) {
        synchronized (this) {
            rejects.add(reject);
        }
        Signal.fire();
    }

    synchronized List<Batch> batches() {
        return List.copyOf(batches);
    }

    /** Rejects of tree heads and checkpoints (through {@link #reject}). */
    synchronized List<Reject> treeRejects() {
        return List.copyOf(rejects);
    }

    synchronized long treeRejects(String reason) {
        return rejects.stream().filter(r -> r.reason().equals(reason)).count();
    }

    /** The end of the last batch handed over; -1 before the first. */
    synchronized long end() {
        return batches.isEmpty() ? -1 : batches.get(batches.size() - 1).end();
    }

    synchronized List<Reject> entryRejects() {
        return batches.stream().flatMap(b -> b.rejects().stream()).toList();
    }

    synchronized Map<Long, LoggedCertificate> certificates() {
        Map<Long, LoggedCertificate> byIndex = new TreeMap<>();
        for (Batch batch : batches) {
            for (LoggedCertificate certificate : batch.certificates()) {
                if (byIndex.put(certificate.logIndex(), certificate) != null) {
                    fail("index " + certificate.logIndex() + " handed over twice");
                }
            }
        }
        return byIndex;
    }

    void awaitEnd(long end, Duration within) {
        Signal.await(() -> end() >= end, within, () -> "handed over up to " + end() + ", expected " + end + "; tree rejects "
                + treeRejects());
    }

    /**
     * The follower's contract: batches are contiguous from {@code from} to {@code to}, in order,
     * and each index in between is in exactly one batch, exactly once, as a certificate or a reject.
     */
    synchronized void assertExactlyOnce(long from, long to) {
        assertTrue(!batches.isEmpty() || from == to, "no batch handed over, expected [" + from + ", " + to + ")");
        long expected = from;
        for (Batch batch : batches) {
            assertEquals(expected, batch.start(), "batch " + batch.start() + ".." + batch.end() + " does not follow " + expected);
            assertTrue(batch.end() > batch.start(), "empty batch at " + batch.start());
            Map<Long, Integer> seen = new TreeMap<>();
            batch.certificates().forEach(c -> seen.merge(c.logIndex(), 1, Integer::sum));
            batch.rejects().forEach(r -> seen.merge(r.index(), 1, Integer::sum));
            for (long index = batch.start(); index < batch.end(); index++) {
                assertEquals(1, seen.getOrDefault(index, 0), "index " + index + " in batch " + batch.start() + ".." + batch.end());
            }
            assertEquals(batch.end() - batch.start(), seen.size(), "batch " + batch.start() + ".." + batch.end()
                    + " holds indexes outside its range: " + seen.keySet());
            expected = batch.end();
        }
        assertEquals(to, expected, "handed over up to");
    }

    /** Every certificate handed over is the one the lab logged at that index, with the log's timestamp. */
    synchronized void assertMatches(LabLog log) {
        for (LoggedCertificate certificate : certificates().values()) {
            LabLog.Submitted truth = log.at(certificate.logIndex());
            assertEquals(truth.certificateId(), certificate.certificateId().toString(), "id at " + certificate.logIndex());
            assertEquals(truth.serial(), certificate.serial(), "serial at " + certificate.logIndex());
            assertEquals(truth.precert(), certificate.precertificate(), "precert at " + certificate.logIndex());
            assertEquals(truth.timestamp(), certificate.timestamp(), "timestamp at " + certificate.logIndex());
        }
    }
}
