package dev.ocspwatch.agent.testing;

import dev.ocspwatch.agent.probe.NameResolver;
import io.vertx.core.Future;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A hosts file for tests: names map to fixed addresses, anything else does not resolve. IP literals resolve to themselves. */
public final class StaticNameResolver implements NameResolver {
    private final Map<String, List<InetAddress>> hosts = new ConcurrentHashMap<>();

    public StaticNameResolver map(String host, String... addresses) {
        try {
            InetAddress[] resolved = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                resolved[i] = InetAddress.getByName(addresses[i]);
            }
            hosts.put(host, List.of(resolved));
            return this;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public Future<List<InetAddress>> resolve(String host) {
        List<InetAddress> addresses = hosts.get(host);
        if (addresses != null) {
            return Future.succeededFuture(addresses);
        }
        if (host.matches("[0-9.]+") || host.contains(":")) {
            try {
                return Future.succeededFuture(List.of(InetAddress.getByName(host)));
            } catch (UnknownHostException e) {
                return Future.failedFuture(e);
            }
        }
        return Future.failedFuture(new UnknownHostException(host + ": not in the test hosts"));
    }
}
