package dev.ocspwatch.lab.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.ocsp.CertStatus;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplicaTest {
    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** Commits at T, T+1m, ..., T+9m: LSN n was committed at T+(n-1)m. */
    private static StatusDatabase tenCommits() {
        StatusDatabase database = new StatusDatabase();
        for (int i = 0; i < 10; i++) {
            database.commit(StatusDatabaseTest.response(BigInteger.valueOf(100 + i), CertStatus.GOOD, T), T.plus(MINUTE.multipliedBy(i)));
        }
        return database;
    }

    @Test
    void withoutLagAReplicaHasEverythingCommittedByNow() {
        StatusDatabase database = tenCommits();
        Replica replica = new Replica("east", 0);
        assertEquals(0, replica.appliedLsn(database, T.minusMillis(1), Duration.ZERO, null));
        assertEquals(1, replica.appliedLsn(database, T, Duration.ZERO, null));
        assertEquals(4, replica.appliedLsn(database, T.plus(MINUTE.multipliedBy(3)).plusSeconds(30), Duration.ZERO, null));
        assertEquals(10, replica.appliedLsn(database, T.plus(Duration.ofHours(2)), Duration.ZERO, null));
    }

    @Test
    void aLaggingReplicaHasWhatWasCommittedLagAgo() {
        StatusDatabase database = tenCommits();
        Replica replica = new Replica("east", 1);
        Duration lag = Duration.ofSeconds(90);
        assertEquals(0, replica.appliedLsn(database, T.plus(lag).minusMillis(1), lag, null), "the first commit is not there yet");
        assertEquals(1, replica.appliedLsn(database, T.plus(lag), lag, null));
        assertEquals(5, replica.appliedLsn(database, T.plus(MINUTE.multipliedBy(5)).plus(lag).minusMillis(1), lag, null));
        assertEquals(6, replica.appliedLsn(database, T.plus(MINUTE.multipliedBy(5)).plus(lag), lag, null));
        BigInteger sixth = BigInteger.valueOf(105);
        assertTrue(database.lookup(sixth, replica.appliedLsn(database, T.plus(MINUTE.multipliedBy(6)), lag, null)).isEmpty());
        assertTrue(database.lookup(sixth, replica.appliedLsn(database, T.plus(MINUTE.multipliedBy(7)), lag, null)).isPresent());
    }

    @Test
    void aStalledReplicaIsFrozenAtStallStartMinusLag() {
        StatusDatabase database = tenCommits();
        Replica replica = new Replica("manchester", 2);
        Duration lag = MINUTE;
        Instant stalledSince = T.plus(MINUTE.multipliedBy(4)); // it had applied up to T+3m: LSN 4
        for (Duration later : new Duration[] {Duration.ZERO, MINUTE, Duration.ofMinutes(30), Duration.ofDays(3)}) {
            assertEquals(4, replica.appliedLsn(database, stalledSince.plus(later), lag, stalledSince), "at stall start + " + later);
        }
        // A commit it would have fetched a moment after the stall began never arrives.
        assertTrue(database.lookup(BigInteger.valueOf(104), replica.appliedLsn(database, T.plus(Duration.ofHours(1)), lag, stalledSince)).isEmpty());
        assertTrue(database.lookup(BigInteger.valueOf(103), replica.appliedLsn(database, T.plus(Duration.ofHours(1)), lag, stalledSince)).isPresent());
    }

    @Test
    void beforeItsStallBeginsAReplicaIsNormal() {
        StatusDatabase database = tenCommits();
        Replica replica = new Replica("manchester", 0);
        Instant stalledSince = T.plus(MINUTE.multipliedBy(8));
        assertEquals(3, replica.appliedLsn(database, T.plus(MINUTE.multipliedBy(3)), MINUTE, stalledSince));
        assertEquals(8, replica.appliedLsn(database, stalledSince, MINUTE, stalledSince));
    }

    @Test
    void whenTheStallEndsTheReplicaCatchesUp() {
        // The stall is a function of time: once no stall is in force, the replica is at now - lag again.
        StatusDatabase database = tenCommits();
        Replica replica = new Replica("manchester", 0);
        Instant stalledSince = T.plus(MINUTE);
        Instant later = T.plus(Duration.ofMinutes(20));
        assertEquals(1, replica.appliedLsn(database, later, MINUTE, stalledSince));
        assertEquals(10, replica.appliedLsn(database, later, MINUTE, null));
    }

    @Test
    void namesItsSiteAndIndex() {
        Replica replica = new Replica("secaucus", 5);
        assertEquals("secaucus", replica.site());
        assertEquals(5, replica.index());
        assertEquals("secaucus#5", replica.toString());
    }
}
