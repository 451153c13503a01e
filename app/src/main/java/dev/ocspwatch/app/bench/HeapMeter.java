package dev.ocspwatch.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Heap in use once collections stop freeing anything, for the benchmarks' memory figures. */
final class HeapMeter {
    private HeapMeter() {
    }

    /** One System.gc() can leave garbage a concurrent phase still holds, so collect until the figure settles. */
    static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50); // a benchmark command, not a test
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used - (1 << 20)) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }
}
