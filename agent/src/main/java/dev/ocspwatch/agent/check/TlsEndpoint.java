package dev.ocspwatch.agent.check;

import java.util.List;

/**
 * What a TLS handshake with {@code --host} showed: the chain the server sent (kept, not
 * trusted), the negotiated protocol and cipher, and the stapled OCSP response, if any.
 */
public record TlsEndpoint(String host, int port, String address, String protocol, String cipherSuite,
                          List<String> chainSubjects, boolean stapled) {
    public TlsEndpoint {
        chainSubjects = List.copyOf(chainSubjects);
    }
}
