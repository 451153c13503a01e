package dev.ocspwatch.agent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback ports for transport-failure tests. */
public final class Ports {
    private Ports() {
    }

    /**
     * A port on {@code address} that nothing listens on: bound, read, closed. Another process
     * could take it in between, but on a test machine a connection to it is refused.
     */
    public static int closed(String address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
