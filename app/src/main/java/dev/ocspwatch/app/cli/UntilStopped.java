package dev.ocspwatch.app.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Keeps a long-running command alive until the process is asked to stop (SIGTERM, Ctrl-C),
 * then closes what it runs, in order, before the JVM exits: a prober flushes its observations,
 * the collector commits its transaction.
 */
public final class UntilStopped {
    private UntilStopped() {
    }

    /**
     * Blocks the command's thread; {@code resources} close in the order given when the JVM shuts
     * down, then {@code stoppedLine} is printed (the exit status after SIGTERM is 143 whatever
     * happens, so the line is what says the stop was clean).
     */
    public static void await(java.io.PrintWriter out, String stoppedLine, AutoCloseable... resources) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception e) {
                    System.err.println("ocspwatch: while stopping: " + e.getMessage());
                }
            }
            out.println(stoppedLine);
            out.flush();
            closed.countDown();
        }, "ocspwatch-shutdown"));
        closed.await();
    }
}
