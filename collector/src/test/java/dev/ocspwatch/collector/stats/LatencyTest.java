package dev.ocspwatch.collector.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LatencyTest {
    @Test
    void takesTheValueAtRankCeilingOfPTimesNOverAHundred() {
        // 1..10 shuffled: p50 rank ceil(5) = 5, p90 rank ceil(9) = 9, p99 rank ceil(9.9) = 10.
        long[] values = {7, 3, 10, 1, 9, 2, 8, 5, 4, 6};
        assertEquals(new Latency(10, 5L, 9L, 10L), Latency.of(values, values.length));
    }

    @Test
    void neverInterpolatesBetweenTwoValues() {
        // Linear interpolation would give 55 for the median; nearest rank gives a value that occurred.
        long[] values = {100, 10};
        assertEquals(new Latency(2, 10L, 100L, 100L), Latency.of(values, 2));
    }

    @Test
    void reachesTheNinetyNinthRankOnlyWithAHundredValues() {
        long[] values = new long[200];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i + 1) * 1000L;
        }
        // n = 200: p50 rank 100, p90 rank 180, p99 rank 198.
        assertEquals(new Latency(200, 100_000L, 180_000L, 198_000L), Latency.of(values, 200));
        assertEquals(new Latency(100, 50_000L, 90_000L, 99_000L), Latency.of(values, 100));
    }

    @Test
    void oneValueIsEveryPercentile() {
        assertEquals(new Latency(1, 42L, 42L, 42L), Latency.of(new long[] {42, 7, 7}, 1));
    }

    @Test
    void noValuesGiveNoPercentiles() {
        assertSame(Latency.NONE, Latency.of(new long[4], 0));
        assertEquals(0, Latency.NONE.count());
        assertEquals(null, Latency.NONE.p50Ms());
    }

    @Test
    void leavesTheCallersArrayAsItWas() {
        long[] values = {3, 1, 2};
        Latency.of(values, 3);
        assertArrayEquals(new long[] {3, 1, 2}, values);
    }

    @Test
    void refusesALengthBeyondTheArray() {
        assertThrows(IllegalArgumentException.class, () -> Latency.of(new long[2], 3));
        assertThrows(IllegalArgumentException.class, () -> Latency.nearestRank(new long[] {1}, 0));
    }
}
