package dev.ocspwatch.collector.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {
    @Test
    void commitsUpToTheFirstAlertStillBeingDelivered() {
        PartitionProgress progress = PartitionProgress.resume(null);
        assertNull(progress.commitPoint(), "nothing read, nothing to commit");
        for (long offset = 10; offset <= 15; offset++) {
            progress.read(offset);
        }
        progress.started(12);
        progress.started(14);
        assertEquals(new OffsetAndMetadata(12, "alerts-done:"), progress.commitPoint());

        progress.finished(14);
        assertEquals(new OffsetAndMetadata(12, "alerts-done:2"), progress.commitPoint(), "14 is done: listed as 12 + 2");

        progress.finished(12);
        assertEquals(new OffsetAndMetadata(16, "alerts-done:"), progress.commitPoint());
        assertFalse(progress.hasPending());
    }

    @Test
    void anUnchangedCommitPointIsNotCommittedTwiceUnlessACommitFailed() {
        PartitionProgress progress = PartitionProgress.resume(null);
        progress.read(0);
        OffsetAndMetadata point = progress.commitPoint();
        progress.committed(point);
        assertNull(progress.commitPoint());
        progress.commitFailed();
        assertEquals(point, progress.commitPoint());
    }

    @Test
    void alertsFinishedAboveTheCommitAreSkippedByTheNextReader() {
        PartitionProgress before = PartitionProgress.resume(null);
        for (long offset = 100; offset < 150; offset++) {
            before.read(offset);
        }
        before.started(100);
        before.finished(105);
        before.finished(140);
        OffsetAndMetadata committed = before.commitPoint();
        assertEquals(100, committed.offset());

        PartitionProgress after = PartitionProgress.resume(committed);

        assertFalse(after.finishedBefore(100), "still owed: sent after the restart");
        assertTrue(after.finishedBefore(105));
        assertTrue(after.finishedBefore(140));
        assertFalse(after.finishedBefore(141));
    }

    @Test
    void metadataStaysWithinKafkasLimitAndForeignMetadataIsIgnored() {
        PartitionProgress progress = PartitionProgress.resume(null);
        progress.read(0);
        progress.started(0);
        for (long offset = 1; offset < 100_000; offset++) {
            progress.read(offset);
            progress.started(offset);
            progress.finished(offset);
        }
        assertTrue(progress.commitPoint().metadata().length() <= 3_000);
        assertFalse(PartitionProgress.resume(new OffsetAndMetadata(5, "something else")).finishedBefore(5));
        assertFalse(PartitionProgress.resume(new OffsetAndMetadata(5, "alerts-done:zz!,1")).finishedBefore(5));
        assertTrue(PartitionProgress.resume(new OffsetAndMetadata(5, "alerts-done:zz!,1")).finishedBefore(6));
    }
}
