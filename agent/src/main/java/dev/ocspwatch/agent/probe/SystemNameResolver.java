package dev.ocspwatch.agent.probe;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.util.List;

/**
 * The operating system's resolver (hosts file, then DNS), called on a worker thread because
 * {@link InetAddress#getAllByName} blocks. The JVM caches answers for 30 s
 * ({@code networkaddress.cache.ttl}), which suits a prober asking for the same few responder
 * hosts thousands of times a minute.
 */
public final class SystemNameResolver implements NameResolver {
    private final Vertx vertx;

    public SystemNameResolver(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public Future<List<InetAddress>> resolve(String host) {
        return vertx.executeBlocking(() -> List.of(InetAddress.getAllByName(host)), false);
    }
}
