package dev.ocspwatch.lab.status;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A CA's primary status database: an append-only change log of signed responses, each with a log
 * sequence number (LSN) and the instant it was committed. A replica that has applied up to LSN
 * {@code n} sees, for each serial, the newest response committed at or before {@code n}.
 *
 * <p>Commits may carry a future commit instant (the signer's output becomes visible
 * {@code signerDelay} after issuance): lookups only ever see what is committed by the time asked
 * about. Commit instants must not go backwards; a later one is clamped to the previous.
 */
public final class StatusDatabase {
    private final Map<BigInteger, List<Version>> bySerial = new ConcurrentHashMap<>();
    private final Map<BigInteger, Instant> issuedAt = new ConcurrentHashMap<>();
    /** Commit instants by LSN - 1, replaced whole on each commit so readers need no lock. */
    private volatile long[] commitMillis = new long[0];

    private record Version(long lsn, SignedResponse response) {
    }

    /** Records that {@code serial} was issued: the responder knows of it, whether or not it has signed yet. */
    public void issued(BigInteger serial, Instant at) {
        issuedAt.putIfAbsent(serial, at);
    }

    public Optional<Instant> issuedAt(BigInteger serial) {
        return Optional.ofNullable(issuedAt.get(serial));
    }

    /** Appends a signed response committed at {@code at}; returns its LSN (1, 2, ...). */
    public synchronized long commit(SignedResponse response, Instant at) {
        long[] current = commitMillis;
        long millis = at.toEpochMilli();
        if (current.length > 0 && millis < current[current.length - 1]) {
            millis = current[current.length - 1];
        }
        long[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = millis;
        long lsn = next.length;
        bySerial.computeIfAbsent(response.serial(), s -> new CopyOnWriteArrayList<>()).add(new Version(lsn, response));
        commitMillis = next;
        return lsn;
    }

    /** The highest LSN committed at or before {@code at}; 0 when none. */
    public long lastLsnCommittedBy(Instant at) {
        long[] times = commitMillis;
        long millis = at.toEpochMilli();
        int low = 0;
        int high = times.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (times[mid] <= millis) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** What a replica that has applied up to {@code appliedLsn} holds for {@code serial}. */
    public Optional<SignedResponse> lookup(BigInteger serial, long appliedLsn) {
        List<Version> versions = bySerial.get(serial);
        if (versions == null) {
            return Optional.empty();
        }
        SignedResponse best = null;
        for (Version version : versions) {
            if (version.lsn() <= appliedLsn) {
                best = version.response();
            }
        }
        return Optional.ofNullable(best);
    }

    /** Serials with at least one committed response, for faults that serve another certificate's answer. */
    public List<BigInteger> serialsWithResponses() {
        return new ArrayList<>(bySerial.keySet());
    }

    public long size() {
        return commitMillis.length;
    }
}
