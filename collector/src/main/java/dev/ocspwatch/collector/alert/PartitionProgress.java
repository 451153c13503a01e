package dev.ocspwatch.collector.alert;

import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * What has been done in one partition of {@code ocspwatch.verdicts}, and so what may be committed.
 *
 * <p>The committed offset is the first alert still being delivered (or the end of what was read,
 * when none is): a restart starts there and loses nothing. Alerts finish out of order, though
 * (one receiver down, another answering), so alerts already finished above that offset are
 * listed in the commit's metadata, as distances from it; the next owner of the partition reads
 * the list back and skips them instead of sending them twice. The list is bounded to fit Kafka's
 * metadata limit (4,096 bytes by default); alerts beyond it would be sent again after a restart,
 * which their idempotency key lets receivers drop. Used only on the consumer's thread.
 */
final class PartitionProgress {
    static final String METADATA_PREFIX = "alerts-done:";
    private static final int MAX_METADATA = 3_000;

    private final TreeSet<Long> pending = new TreeSet<>();
    private final TreeSet<Long> finished = new TreeSet<>();
    private long next = -1;
    private OffsetAndMetadata lastCommitted;

    private PartitionProgress() {
    }

    /** Progress as the group's committed offset left it (null for a partition never committed). */
    static PartitionProgress resume(OffsetAndMetadata committed) {
        PartitionProgress progress = new PartitionProgress();
        progress.lastCommitted = committed;
        if (committed != null && committed.metadata() != null && committed.metadata().startsWith(METADATA_PREFIX)) {
            String list = committed.metadata().substring(METADATA_PREFIX.length());
            for (String delta : list.isEmpty() ? new String[0] : list.split(",")) {
                try {
                    progress.finished.add(committed.offset() + Long.parseLong(delta, 36));
                } catch (NumberFormatException e) {
                    // not ours or damaged: at worst an alert is sent twice
                }
            }
        }
        return progress;
    }

    /** Every record read, alert or not. */
    void read(long offset) {
        next = Math.max(next, offset + 1);
    }

    /** An alert finished already (before a restart, or as the repeat of one delivered): not to be sent again. */
    boolean finishedBefore(long offset) {
        return finished.contains(offset);
    }

    void started(long offset) {
        pending.add(offset);
    }

    /** Delivered or given up: nothing holds the commit back for it any more. */
    void finished(long offset) {
        pending.remove(offset);
        finished.add(offset);
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** The offset and metadata to commit, or null if nothing changed since the last commit. */
    OffsetAndMetadata commitPoint() {
        if (next < 0) {
            return null; // nothing read since assignment: the committed offset stands
        }
        long at = pending.isEmpty() ? next : pending.first();
        finished.headSet(at).clear(); // below the committed offset: never read again
        StringBuilder metadata = new StringBuilder(METADATA_PREFIX);
        for (long offset : finished) {
            String delta = Long.toString(offset - at, 36);
            if (metadata.length() + delta.length() + 1 > MAX_METADATA) {
                break;
            }
            metadata.append(delta).append(',');
        }
        if (metadata.charAt(metadata.length() - 1) == ',') {
            metadata.setLength(metadata.length() - 1);
        }
        OffsetAndMetadata point = new OffsetAndMetadata(at, metadata.toString());
        if (lastCommitted != null && lastCommitted.offset() == at && metadata.toString().equals(lastCommitted.metadata())) {
            return null;
        }
        return point;
    }

    void committed(OffsetAndMetadata point) {
        lastCommitted = point;
    }

    /** A commit failed: the next commit point is sent even if unchanged. */
    void commitFailed() {
        lastCommitted = null;
    }
}
