package dev.ocspwatch.collector.stats;

import java.util.Arrays;

/**
 * Percentiles of a set of durations, exact, by the nearest-rank method: the p-th percentile of
 * n sorted values is the value at rank ceil(p / 100 * n) (1-based), so it is always one of the
 * values and never an interpolation. No values: count 0 and null percentiles.
 *
 * @param count how many values the percentiles are over
 */
public record Latency(int count, Long p50Ms, Long p90Ms, Long p99Ms) {
    public static final Latency NONE = new Latency(0, null, null, null);

    /** The percentiles of the first {@code length} values; the array is not changed. */
    public static Latency of(long[] values, int length) {
        if (length < 0 || length > values.length) {
            throw new IllegalArgumentException("length " + length + " outside 0.." + values.length);
        }
        if (length == 0) {
            return NONE;
        }
        long[] sorted = Arrays.copyOf(values, length);
        Arrays.sort(sorted);
        return new Latency(length, nearestRank(sorted, 50), nearestRank(sorted, 90), nearestRank(sorted, 99));
    }

    /** The {@code percent}-th percentile (1 to 100) of values sorted ascending, none of them missing. */
    static long nearestRank(long[] sorted, int percent) {
        if (percent < 1 || percent > 100 || sorted.length == 0) {
            throw new IllegalArgumentException("percentile " + percent + " of " + sorted.length + " values");
        }
        // ceil(percent * n / 100) in integers: no floating-point rounding at exact ranks.
        long rank = ((long) percent * sorted.length + 99) / 100;
        return sorted[(int) rank - 1];
    }
}
