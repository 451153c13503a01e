package dev.ocspwatch.lab.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import dev.ocspwatch.lab.pki.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * OpenSSL's test TLS server ({@code openssl s_server}) presenting a chain and, when given, a
 * fixed stapled OCSP response ({@code -status_file}): the peer for {@code ocspwatch check --host}.
 */
public final class OpenSslTlsServer implements AutoCloseable {
    private final OpenSslProcess process;

    private OpenSslTlsServer(OpenSslProcess process) {
        this.process = process;
    }

    /**
     * @param chain the certificates after the leaf, sent as the server's chain
     * @param stapled DER OCSP response to staple, or null for none
     */
    public static OpenSslTlsServer start(Path directory, X509CertificateHolder leaf, PrivateKey key,
                                         List<X509CertificateHolder> chain, byte[] stapled) {
        try {
            Path leafPem = Pem.write(directory.resolve("server.pem"), leaf);
            Path keyPem = Pem.write(directory.resolve("server.key"), key);
            List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-accept", "0", "-www",
                    "-cert", leafPem.toString(), "-key", keyPem.toString()));
            if (!chain.isEmpty()) {
                Path chainPem = Pem.write(directory.resolve("chain.pem"), chain.toArray());
                command.addAll(List.of("-cert_chain", chainPem.toString()));
            }
            if (stapled != null) {
                Path status = Files.write(directory.resolve("stapled.der"), stapled);
                command.addAll(List.of("-status_file", status.toString()));
            }
            return new OpenSslTlsServer(OpenSslProcess.start(command, directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return process.port();
    }

    @Override
    public void close() {
        process.close();
    }
}
