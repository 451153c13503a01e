package dev.ocspwatch.agent.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Politeness per responder host and in all. Time is a hand-moved nanoTime; every gate call runs
 * on one Vert.x context (the gate is single-threaded by design), and the test waits for each.
 */
@ExtendWith(VertxExtension.class)
class ResponderGateTest {
    private static final long MS = 1_000_000;

    private final AtomicLong nanos = new AtomicLong(5_000 * MS);
    /** Touched on the context only. */
    private final List<String> started = new ArrayList<>();
    private final Map<String, Promise<Void>> running = new HashMap<>();
    private Vertx vertx;
    private Context context;
    private ResponderGate gate;

    @BeforeEach
    void setUp(Vertx vertx) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
    }

    private void gate(int perHost, double perSecond, int global) {
        gate = new ResponderGate(vertx, new PolitenessSettings(perHost, perSecond, global), nanos::get);
    }

    private <T> T on(Callable<T> action) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                done.complete(action.call());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(10, TimeUnit.SECONDS);
    }

    /** Submits a probe named {@code name} that runs until {@link #finish} or {@link #fail}. */
    private void submit(String host, String... names) throws Exception {
        on(() -> {
            for (String name : names) {
                gate.submit(host, () -> {
                    started.add(name);
                    Promise<Void> promise = Promise.promise();
                    running.put(name, promise);
                    return promise.future();
                });
            }
            return null;
        });
    }

    private void finish(String... names) throws Exception {
        on(() -> {
            for (String name : names) {
                running.get(name).complete();
            }
            return null;
        });
    }

    private List<String> started() throws Exception {
        return on(() -> List.copyOf(started));
    }

    private void assertCounts(int inFlight, int waiting) throws Exception {
        assertEquals(List.of(inFlight, waiting), on(() -> List.of(gate.inFlight(), gate.waiting())), "in flight, waiting");
    }

    @Test
    void capsTheProbesInFlightToOneHost() throws Exception {
        gate(2, 1000, 100);
        submit("a", "a1", "a2", "a3", "a4");
        assertEquals(List.of("a1", "a2"), started());
        assertCounts(2, 2);

        submit("b", "b1");
        assertEquals(List.of("a1", "a2", "b1"), started(), "another host is not held up");
        finish("a1");
        assertEquals(List.of("a1", "a2", "b1", "a3"), started(), "a finished probe frees its host's slot");
        assertCounts(3, 1);
    }

    @Test
    void startsOneHostsProbesInTheOrderTheyCame() throws Exception {
        gate(1, 1000, 100);
        submit("a", "a1", "a2", "a3", "a4", "a5");
        for (String name : List.of("a1", "a2", "a3", "a4")) {
            finish(name);
        }
        assertEquals(List.of("a1", "a2", "a3", "a4", "a5"), started());
        assertCounts(1, 0);
    }

    @Test
    void capsTheProbesInFlightAcrossHosts() throws Exception {
        gate(2, 1000, 3);
        submit("a", "a1", "a2");
        submit("b", "b1", "b2");
        submit("c", "c1");
        assertEquals(List.of("a1", "a2", "b1"), started());
        assertCounts(3, 2);

        finish("a1");
        assertEquals(4, started().size(), "one slot freed, one probe started");
        assertCounts(3, 1);
        assertEquals("c1", started().get(3), "a freed slot goes to the next host in turn, not to the first-seen ones");
        finish("a2", "b1");
        assertEquals(List.of("a1", "a2", "b1", "c1", "b2"), started());
        assertCounts(2, 0);
    }

    @Test
    void limitsTheProbesStartedPerSecondToOneHost() throws Exception {
        gate(10, 2, 100);
        submit("a", "a1", "a2", "a3", "a4");
        assertEquals(List.of("a1", "a2"), started(), "a second's worth passes at once");
        finish("a1", "a2");
        assertCounts(0, 2);

        nanos.addAndGet(499 * MS);
        submit("b", "b1"); // looks at every host
        assertEquals(List.of("a1", "a2", "b1"), started(), "not yet a whole token");
        nanos.addAndGet(MS);
        submit("b", "b2");
        assertEquals(List.of("a1", "a2", "b1"), started().subList(0, 3));
        assertEquals(Set.of("a3", "b2"), Set.copyOf(started().subList(3, 5)), "half a second later a has a token again");
        assertCounts(3, 1);
    }

    @Test
    void startsAWaitingProbeByItselfOnceATokenHasGrown() throws Exception {
        gate(200, 100, 200);
        CompletableFuture<Void> last = new CompletableFuture<>();
        on(() -> {
            for (int i = 0; i < 100; i++) {
                gate.submit("a", () -> Promise.<Void>promise().future());
            }
            gate.submit("a", () -> {
                last.complete(null);
                return Promise.<Void>promise().future();
            });
            return null;
        });
        assertCounts(100, 1);
        nanos.addAndGet(10 * MS); // one token at 100 per second; the gate's own timer finds it
        last.get(10, TimeUnit.SECONDS);
        assertCounts(101, 0);
    }

    @Test
    void letsProbesThroughAtARateBelowOnePerSecond() throws Exception {
        gate(10, 0.5, 100);
        submit("slow", "s1", "s2");
        assertEquals(List.of("s1"), started(), "the bucket holds one token even below one per second");
        finish("s1");

        nanos.addAndGet(1_999 * MS);
        submit("x", "x1"); // looks at every host
        assertEquals(List.of("s1", "x1"), started());
        nanos.addAndGet(MS);
        submit("y", "y1");
        assertEquals(List.of("s1", "x1"), started().subList(0, 2));
        assertEquals(Set.of("s2", "y1"), Set.copyOf(started().subList(2, 4)), "two seconds make a token at 0.5 per second");
    }

    @Test
    void freesTheSlotOfATaskThatThrows() throws Exception {
        gate(1, 1000, 1);
        on(() -> {
            gate.submit("a", () -> {
                throw new IllegalStateException("a broken task");
            });
            return null;
        });
        assertCounts(0, 0);
        submit("a", "a1");
        assertEquals(List.of("a1"), started());
        assertCounts(1, 0);
    }

    @Test
    void freesTheSlotOfATaskWhoseFutureFails() throws Exception {
        gate(1, 1000, 1);
        submit("a", "a1", "a2");
        assertCounts(1, 1);
        on(() -> {
            running.get("a1").fail(new IllegalStateException("refused"));
            return null;
        });
        assertEquals(List.of("a1", "a2"), started());
        assertCounts(1, 0);
    }

    @Test
    void aTaskAnsweredAtOnceLeavesTheOtherHostsIntact() throws Exception {
        gate(10, 1000, 100);
        submit("a", "a1");
        on(() -> {
            gate.submit("b", () -> Future.succeededFuture());
            return null;
        });
        nanos.addAndGet(1_000 * MS); // b's bucket is full again: b may be forgotten while a's answer is handled
        on(() -> {
            gate.submit("a", () -> Future.succeededFuture());
            return null;
        });
        assertCounts(1, 0);
        submit("b", "b1");
        submit("a", "a2");
        assertEquals(List.of("a1", "b1", "a2"), started());
    }

    @Test
    void runsALongQueueOfTasksAnsweredAtOnceWithoutNesting() throws Exception {
        gate(1, 1_000_000, 1);
        on(() -> {
            Promise<Void> first = Promise.promise();
            gate.submit("a", first::future); // holds the only slot while the others queue
            for (int i = 0; i < 20_000; i++) {
                gate.submit("a", () -> Future.succeededFuture());
            }
            first.complete();
            return null;
        });
        assertCounts(0, 0);
    }
}
