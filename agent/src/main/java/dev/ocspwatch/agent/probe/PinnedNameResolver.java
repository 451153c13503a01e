package dev.ocspwatch.agent.probe;

import io.vertx.core.Future;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names pinned to addresses ahead of another resolver, as {@code curl --resolve} does: a CA
 * probing one point of presence or one origin behind its CDN, or a rehearsal against a lab
 * whose names are not in public DNS. Pinned addresses are still vetted by the address policy.
 */
public final class PinnedNameResolver implements NameResolver {
    private final Map<String, List<InetAddress>> pins;
    private final NameResolver others;

    /** @param pins host name (any case) → addresses; every address an IP literal */
    public PinnedNameResolver(Map<String, List<InetAddress>> pins, NameResolver others) {
        Map<String, List<InetAddress>> lower = new HashMap<>();
        pins.forEach((host, addresses) -> lower.put(host.toLowerCase(Locale.ROOT), List.copyOf(addresses)));
        this.pins = Map.copyOf(lower);
        this.others = others;
    }

    @Override
    public Future<List<InetAddress>> resolve(String host) {
        List<InetAddress> pinned = pins.get(host.toLowerCase(Locale.ROOT)); // names are case-insensitive (RFC 4343)
        return pinned != null ? Future.succeededFuture(pinned) : others.resolve(host);
    }
}
