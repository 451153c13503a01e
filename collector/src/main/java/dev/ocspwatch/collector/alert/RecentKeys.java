package dev.ocspwatch.collector.alert;

import java.util.LinkedHashMap;
import java.util.Map;

/** The last {@code capacity} keys added, oldest forgotten first: a bounded memory of alerts delivered. Not thread-safe. */
final class RecentKeys {
    private final Map<String, Boolean> keys;

    RecentKeys(int capacity) {
        this.keys = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    void add(String key) {
        keys.put(key, Boolean.TRUE);
    }

    boolean contains(String key) {
        return keys.containsKey(key);
    }

    int size() {
        return keys.size();
    }
}
