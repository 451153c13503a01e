package dev.ocspwatch.agent.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bounded memory of what was published lately. */
class RecentIdsTest {
    @Test
    void remembersOnlyWhatWasPublished() {
        RecentIds recent = new RecentIds(10);
        assertTrue(recent.worthPublishing("a", 100));
        assertTrue(recent.worthPublishing("a", 100), "asking does not remember: only an acknowledged publish does");
        assertEquals(0, recent.size());
        recent.published("a", 100);
        assertFalse(recent.worthPublishing("a", 100), "the same timestamp again");
        assertFalse(recent.worthPublishing("a", 150), "a later timestamp");
        assertTrue(recent.worthPublishing("a", 99), "an earlier timestamp moves the deadline back: worth publishing");
        assertTrue(recent.worthPublishing("b", 100));
    }

    @Test
    void keepsTheEarliestTimestampPublished() {
        RecentIds recent = new RecentIds(10);
        recent.published("a", 100);
        recent.published("a", 200);
        assertFalse(recent.worthPublishing("a", 150));
        recent.published("a", 50);
        assertFalse(recent.worthPublishing("a", 60));
        assertTrue(recent.worthPublishing("a", 40));
        assertEquals(1, recent.size());
    }

    @Test
    void forgetsTheOldestBeyondItsCapacity() {
        RecentIds recent = new RecentIds(3);
        for (String id : new String[] {"a", "b", "c", "d", "e"}) {
            recent.published(id, 1);
        }
        assertEquals(3, recent.size());
        assertTrue(recent.worthPublishing("a", 1), "forgotten: published again, which the collector tolerates");
        assertTrue(recent.worthPublishing("b", 1));
        assertFalse(recent.worthPublishing("c", 1));
        assertFalse(recent.worthPublishing("d", 1));
        assertFalse(recent.worthPublishing("e", 1));
        for (int i = 0; i < 10_000; i++) {
            recent.published("id-" + i, i);
        }
        assertEquals(3, recent.size());
    }
}
