package dev.ocspwatch.collector.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecentKeysTest {
    @Test
    void forgetsTheOldestBeyondItsCapacity() {
        RecentKeys keys = new RecentKeys(3);
        for (String key : new String[] {"a#1", "b#1", "c#1", "d#1"}) {
            keys.add(key);
        }
        assertFalse(keys.contains("a#1"));
        assertTrue(keys.contains("b#1") && keys.contains("d#1"));
        assertEquals(3, keys.size());
    }
}
