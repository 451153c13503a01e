package dev.ocspwatch.lab.status;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.ocsp.CertStatus;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class StatusDatabaseTest {
    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static final BigInteger A = BigInteger.valueOf(0xA1);
    private static final BigInteger B = BigInteger.valueOf(0xB2);

    static SignedResponse response(BigInteger serial, CertStatus status, Instant at) {
        return new SignedResponse(serial, status, at, at.plus(Duration.ofDays(4)), new byte[] {(byte) serial.intValue(), (byte) status.ordinal()});
    }

    @Test
    void anEmptyDatabaseHasNothing() {
        StatusDatabase database = new StatusDatabase();
        assertEquals(0, database.size());
        assertEquals(0, database.lastLsnCommittedBy(T));
        assertEquals(0, database.lastLsnCommittedBy(T.plus(Duration.ofDays(36500))));
        assertEquals(Optional.empty(), database.lookup(A, 0));
        assertEquals(Optional.empty(), database.lookup(A, 100));
        assertTrue(database.serialsWithResponses().isEmpty());
    }

    @Test
    void commitsGetConsecutiveLsnsFromOne() {
        StatusDatabase database = new StatusDatabase();
        assertEquals(1, database.commit(response(A, CertStatus.GOOD, T), T));
        assertEquals(2, database.commit(response(B, CertStatus.GOOD, T), T.plusSeconds(1)));
        assertEquals(3, database.commit(response(A, CertStatus.REVOKED, T), T.plusSeconds(2)));
        assertEquals(3, database.size());
    }

    @Test
    void lastLsnCommittedByIncludesTheInstantItself() {
        StatusDatabase database = new StatusDatabase();
        database.commit(response(A, CertStatus.GOOD, T), T.plusSeconds(10));
        database.commit(response(B, CertStatus.GOOD, T), T.plusSeconds(20));
        assertEquals(0, database.lastLsnCommittedBy(T.plusSeconds(10).minusMillis(1)));
        assertEquals(1, database.lastLsnCommittedBy(T.plusSeconds(10)));
        assertEquals(1, database.lastLsnCommittedBy(T.plusSeconds(20).minusMillis(1)));
        assertEquals(2, database.lastLsnCommittedBy(T.plusSeconds(20)));
        assertEquals(2, database.lastLsnCommittedBy(T.plus(Duration.ofDays(365))));
    }

    @Test
    void aFutureCommitInstantIsInvisibleUntilItArrives() {
        // The signer's output commits signerDelay after issuance: the commit is recorded now, dated later.
        StatusDatabase database = new StatusDatabase();
        long lsn = database.commit(response(A, CertStatus.GOOD, T.plusSeconds(120)), T.plusSeconds(120));
        assertEquals(1, lsn);
        assertEquals(1, database.size(), "recorded at once");
        assertEquals(0, database.lastLsnCommittedBy(T), "but not committed by now");
        assertEquals(Optional.empty(), database.lookup(A, database.lastLsnCommittedBy(T)));
        assertEquals(0, database.lastLsnCommittedBy(T.plusSeconds(119)));
        assertEquals(1, database.lastLsnCommittedBy(T.plusSeconds(120)));
        assertEquals(CertStatus.GOOD, database.lookup(A, database.lastLsnCommittedBy(T.plusSeconds(120))).orElseThrow().status());
    }

    @Test
    void aCommitInstantEarlierThanThePreviousIsClampedToIt() {
        StatusDatabase database = new StatusDatabase();
        database.commit(response(A, CertStatus.GOOD, T), T.plusSeconds(50));
        database.commit(response(B, CertStatus.GOOD, T), T.plusSeconds(30)); // asks for an earlier instant
        assertEquals(0, database.lastLsnCommittedBy(T.plusSeconds(30)), "B does not become visible before A");
        assertEquals(0, database.lastLsnCommittedBy(T.plusSeconds(49)));
        assertEquals(2, database.lastLsnCommittedBy(T.plusSeconds(50)), "both become visible together");
        assertEquals(Optional.empty(), database.lookup(B, database.lastLsnCommittedBy(T.plusSeconds(40))));
        database.commit(response(A, CertStatus.REVOKED, T), T.plusSeconds(60));
        assertEquals(2, database.lastLsnCommittedBy(T.plusSeconds(59)));
        assertEquals(3, database.lastLsnCommittedBy(T.plusSeconds(60)));
    }

    @Test
    void lookupSeesTheNewestVersionAtOrBelowTheAppliedLsn() {
        StatusDatabase database = new StatusDatabase();
        SignedResponse good = response(A, CertStatus.GOOD, T);
        SignedResponse other = response(B, CertStatus.GOOD, T);
        SignedResponse revoked = response(A, CertStatus.REVOKED, T.plusSeconds(5));
        database.commit(good, T);
        database.commit(other, T.plusSeconds(1));
        database.commit(revoked, T.plusSeconds(2));
        assertEquals(Optional.empty(), database.lookup(A, 0));
        assertEquals(good, database.lookup(A, 1).orElseThrow());
        assertEquals(good, database.lookup(A, 2).orElseThrow(), "LSN 2 is another serial's");
        assertEquals(revoked, database.lookup(A, 3).orElseThrow());
        assertEquals(revoked, database.lookup(A, 99).orElseThrow());
        assertEquals(Optional.empty(), database.lookup(B, 1));
        assertArrayEquals(other.der(), database.lookup(B, 2).orElseThrow().der());
        assertEquals(Optional.empty(), database.lookup(BigInteger.TEN, 3));
        assertEquals(Set.of(A, B), new HashSet<>(database.serialsWithResponses()));
    }

    @Test
    void issuanceIsRecordedOnceWhetherOrNotSigned() {
        StatusDatabase database = new StatusDatabase();
        assertEquals(Optional.empty(), database.issuedAt(A));
        database.issued(A, T);
        database.issued(A, T.plusSeconds(99));
        assertEquals(Optional.of(T), database.issuedAt(A), "the first issuance instant stays");
        assertEquals(0, database.size(), "issuance is not a commit");
        assertEquals(Optional.empty(), database.lookup(A, 0));
        assertTrue(database.serialsWithResponses().isEmpty());
    }
}
