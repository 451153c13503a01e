package dev.ocspwatch.agent.probe;

import io.vertx.core.Future;
import java.net.InetAddress;
import java.util.List;

/**
 * Turns a host name into addresses. The agent resolves names itself, so a DNS failure is told
 * apart from a connect failure, and the address it vetted is the address it connects to (no
 * second lookup for a rebinding attacker to answer differently). An IP literal resolves to itself.
 * A failed future carries an {@link java.net.UnknownHostException}.
 */
public interface NameResolver {
    Future<List<InetAddress>> resolve(String host);
}
