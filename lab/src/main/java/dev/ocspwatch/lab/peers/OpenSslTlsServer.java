package dev.ocspwatch.lab.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
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
            Path leafPem = Files.writeString(directory.resolve("server.pem"), OpenSslOcspResponder.pem(leaf));
            Path keyPem = Files.writeString(directory.resolve("server.key"), OpenSslOcspResponder.pem(key));
            StringBuilder chainText = new StringBuilder();
            for (X509CertificateHolder certificate : chain) {
                chainText.append(OpenSslOcspResponder.pem(certificate));
            }
            List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-accept", "0", "-www",
                    "-cert", leafPem.toString(), "-key", keyPem.toString()));
            if (!chain.isEmpty()) {
                Path chainPem = Files.writeString(directory.resolve("chain.pem"), chainText.toString());
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
