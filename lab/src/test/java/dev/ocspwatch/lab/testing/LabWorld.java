package dev.ocspwatch.lab.testing;

import dev.ocspwatch.lab.scenario.Fault;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.world.ManualClock;
import dev.ocspwatch.lab.world.World;
import io.vertx.core.Vertx;
import java.time.Instant;

/**
 * A test's world: Vert.x, a manual clock, a started {@link World} and a {@link LabProbe}, closed
 * together; {@link #reset()} switches every fault off and purges the CDN between tests.
 */
public record LabWorld(Vertx vertx, ManualClock clock, World world, LabProbe probe) implements AutoCloseable {

    public static LabWorld start(Scenario scenario, Instant start) {
        Vertx vertx = Vertx.vertx();
        ManualClock clock = new ManualClock(start);
        World world = Futures.await(World.start(vertx, scenario, clock), 60);
        return new LabWorld(vertx, clock, world, new LabProbe(vertx));
    }

    /** Every fault switch off, every PoP's cache empty. */
    public void reset() {
        for (Class<?> kind : Fault.class.getPermittedSubclasses()) {
            world.faults().clear(kind.asSubclass(Fault.class));
        }
        world.cdn().purge();
    }

    @Override
    public void close() {
        probe.close();
        world.close();
        Futures.await(vertx.close());
    }
}
