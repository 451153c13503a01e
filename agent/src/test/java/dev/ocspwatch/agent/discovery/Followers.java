package dev.ocspwatch.agent.discovery;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Starts followers on their own Vert.x contexts, as the agent does, and stops them all at the end of a test. */
final class Followers implements AutoCloseable {
    private final Vertx vertx;
    private final List<Runnable> stops = new ArrayList<>();

    Followers(Vertx vertx) {
        this.vertx = vertx;
    }

    static FollowerSettings settings(int batchSize, int parallelFetches, Duration partialTileMaxAge, int maxRetriesPerIndex) {
        return new FollowerSettings(Duration.ofMillis(20), batchSize, parallelFetches, partialTileMaxAge, maxRetriesPerIndex);
    }

    LogFollower start(CtLog log, FollowerSettings settings, long start, BatchSink sink) {
        return start(log, settings, start, sink, Duration.ofSeconds(5));
    }

    LogFollower start(CtLog log, FollowerSettings settings, long start, BatchSink sink, Duration timeout) {
        return start(log, settings, start, sink, timeout, 16 * 1024 * 1024);
    }

    /** With {@code maxBytes} the most a log's answer may hold. */
    LogFollower start(CtLog log, FollowerSettings settings, long start, BatchSink sink, Duration timeout, int maxBytes) {
        CtHttp http = new CtHttp(vertx, timeout, maxBytes, "ocspwatch-discovery-test", 8);
        LogFollower follower = LogFollower.of(vertx, http, log, settings, Clock.systemUTC(), sink, start);
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> follower.start());
        stops.add(() -> {
            context.runOnContext(v -> follower.stop());
            http.close();
        });
        return follower;
    }

    @Override
    public void close() {
        stops.forEach(Runnable::run);
        stops.clear();
    }
}
