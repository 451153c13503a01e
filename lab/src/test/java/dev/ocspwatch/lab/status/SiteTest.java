package dev.ocspwatch.lab.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiteTest {
    private static List<Integer> picks(Site site, int count) {
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            picked.add(site.pick().index());
        }
        return picked;
    }

    @Test
    void hasItsReplicasNumberedFromZero() {
        Site site = new Site("manchester", 6, 1);
        assertEquals("manchester", site.name());
        assertEquals(6, site.replicas().size());
        for (int i = 0; i < 6; i++) {
            assertEquals(i, site.replicas().get(i).index());
            assertEquals("manchester", site.replicas().get(i).site());
        }
    }

    @Test
    void theSameSeedPicksTheSameReplicasInTheSameOrder() {
        assertEquals(picks(new Site("east", 6, 2025), 200), picks(new Site("east", 6, 2025), 200));
    }

    @Test
    void anotherSeedPicksOtherwise() {
        assertNotEquals(picks(new Site("east", 6, 2025), 200), picks(new Site("east", 6, 2026), 200));
    }

    @Test
    void picksSpreadOverEveryReplica() {
        Site site = new Site("east", 6, 7);
        int[] counts = new int[6];
        for (int index : picks(site, 6000)) {
            counts[index]++;
        }
        for (int i = 0; i < 6; i++) {
            // Expected 1000 each; the bounds are over 8 standard deviations wide.
            assertTrue(counts[i] > 750 && counts[i] < 1250, "replica " + i + " picked " + counts[i] + " times of 6000");
        }
    }

    @Test
    void aSingleReplicaSiteAlwaysPicksIt() {
        Site site = new Site("solo", 1, 9);
        assertTrue(picks(site, 50).stream().allMatch(i -> i == 0));
    }
}
