package dev.ocspwatch.agent.discovery;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The certificate ids published lately, with the earliest CT timestamp published for each: a
 * precertificate, its final certificate and their copies in other logs share an id, and only
 * the first (or an earlier timestamp) needs to travel. Bounded: the oldest ids are forgotten,
 * so a forgotten duplicate is published again, which the collector tolerates.
 */
public final class RecentIds {
    private final Map<String, Long> earliest;

    public RecentIds(int capacity) {
        this.earliest = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True if {@code id} is new, or this timestamp is earlier than any published for it. */
    public synchronized boolean worthPublishing(String id, long timestamp) {
        Long known = earliest.get(id);
        return known == null || timestamp < known;
    }

    /** Remembers that {@code id} was published (acknowledged) with {@code timestamp}. */
    public synchronized void published(String id, long timestamp) {
        earliest.merge(id, timestamp, Math::min);
    }

    public synchronized int size() {
        return earliest.size();
    }
}
