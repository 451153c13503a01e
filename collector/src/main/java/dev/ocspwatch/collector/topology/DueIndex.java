package dev.ocspwatch.collector.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Certificates by the time their next step is due (store {@code decisions-due}): keys
 * {@code <13-digit epoch ms>|<certificate id>} sort by time in RocksDB's byte order, so what
 * is due is one range scan from the start, however many certificates are in flight.
 */
final class DueIndex {
    private static final String AFTER_EVERY_ID = "|\uffff";
    private final KeyValueStore<String, String> store;

    DueIndex(KeyValueStore<String, String> store) {
        this.store = store;
    }

    static String key(Instant due, String certificateId) {
        return millis(due) + "|" + certificateId;
    }

    /** 13 digits, zero-padded (by hand: {@code String.format} showed in profiles of the stream thread). */
    private static String millis(Instant t) {
        String ms = Long.toString(Math.max(0, t.toEpochMilli()));
        return "0".repeat(Math.max(0, 13 - ms.length())) + ms;
    }

    static String certificateId(String key) {
        return key.substring(key.indexOf('|') + 1);
    }

    static Instant due(String key) {
        return Instant.ofEpochMilli(Long.parseLong(key.substring(0, key.indexOf('|'))));
    }

    void schedule(Instant previous, Instant due, String certificateId) {
        if (previous != null) {
            store.delete(key(previous, certificateId));
        }
        if (due != null) {
            store.put(key(due, certificateId), certificateId);
        }
    }

    /** Keys due at or before {@code now}, earliest first, at most {@code limit}. */
    List<String> dueBy(Instant now, int limit) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, String> it = store.range(null, millis(now) + AFTER_EVERY_ID)) {
            while (it.hasNext() && keys.size() < limit) {
                KeyValue<String, String> next = it.next();
                keys.add(next.key);
            }
        }
        return keys;
    }

    long size() {
        return store.approximateNumEntries();
    }
}
