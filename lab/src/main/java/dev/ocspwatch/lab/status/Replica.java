package dev.ocspwatch.lab.status;

import java.time.Duration;
import java.time.Instant;

/**
 * A read replica of a status database. It has applied everything committed up to {@code lag}
 * ago; while stalled it has applied only what it had when the stall began. Its state is a pure
 * function of time, so what it holds at any instant is reproducible.
 */
public final class Replica {
    private final String site;
    private final int index;

    public Replica(String site, int index) {
        this.site = site;
        this.index = index;
    }

    public String site() {
        return site;
    }

    public int index() {
        return index;
    }

    /**
     * @param stalledSince when this replica stopped applying changes, or null if it is healthy
     */
    public long appliedLsn(StatusDatabase primary, Instant now, Duration lag, Instant stalledSince) {
        Instant horizon = now.minus(lag);
        if (stalledSince != null && stalledSince.minus(lag).isBefore(horizon)) {
            horizon = stalledSince.minus(lag);
        }
        return primary.lastLsnCommittedBy(horizon);
    }

    @Override
    public String toString() {
        return site + "#" + index;
    }
}
