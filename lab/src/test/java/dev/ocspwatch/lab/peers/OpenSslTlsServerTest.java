package dev.ocspwatch.lab.peers;

import static dev.ocspwatch.lab.testing.OpenSslCli.assumeAvailable;
import static dev.ocspwatch.lab.testing.OpenSslCli.encoded;
import static dev.ocspwatch.lab.testing.OpenSslCli.epochSeconds;
import static dev.ocspwatch.lab.testing.OpenSslCli.run;
import static dev.ocspwatch.lab.testing.OpenSslCli.writePem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.ocsp.CertId;
import dev.ocspwatch.common.ocsp.CertIdHash;
import dev.ocspwatch.lab.pki.CertificateProfile;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.pki.OcspAnswer;
import dev.ocspwatch.lab.pki.SimulatedCa;
import dev.ocspwatch.lab.testing.OpenSslCli;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenSslTlsServerTest {
    private static final Instant CA_NOT_BEFORE = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant ISSUED_AT = Instant.parse("2025-05-31T00:00:00Z");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final BigInteger SERIAL = new BigInteger("51a7e1ed0c5b0a11", 16);

    private static SimulatedCa root;
    private static SimulatedCa issuing;
    private static SimulatedCa.Issued leaf;
    private static byte[] stapled;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildPki() {
        root = SimulatedCa.root("TLS Test Root", KeyKind.ECDSA_P256, CA_NOT_BEFORE, new Random(8446));
        issuing = root.intermediate("TLS Test Issuing CA", KeyKind.ECDSA_P256, CA_NOT_BEFORE, List.of(), List.of());
        leaf = issuing.issueWithKey(new CertificateProfile(List.of("tls.lab.test"), ISSUED_AT, Duration.ofDays(90),
                List.of("http://ocsp.tls.test/"), List.of(), List.of(), false), SERIAL);
        stapled = issuing.signer().sign(CertId.of(issuing.asIssuer(), SERIAL, CertIdHash.SHA1),
                OcspAnswer.good(NOW.minus(Duration.ofHours(1)), Duration.ofDays(4)));
    }

    private OpenSslTlsServer start(byte[] staple) {
        assumeAvailable();
        return OpenSslTlsServer.start(dir, leaf.certificate(), leaf.keyPair().getPrivate(),
                List.of(issuing.certificate()), staple);
    }

    /** What a TLS client that trusts anything saw: the certificates and the stapled responses. */
    private record Seen(Certificate[] chain, List<byte[]> statusResponses, String httpStatusLine) {
    }

    private static Seen connect(int port) throws Exception {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            ExtendedSSLSession session = (ExtendedSSLSession) socket.getSession();
            Certificate[] chain = session.getPeerCertificates();
            List<byte[]> status = session.getStatusResponses();
            // -www: the server answers "GET /" over the TLS connection
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            return new Seen(chain, status, line.toString().trim());
        }
    }

    @Test
    void tlsClientSeesTheLeafAndTheChain() throws Exception {
        try (OpenSslTlsServer server = start(null)) {
            Seen seen = connect(server.port());

            assertEquals(2, seen.chain().length, "leaf and issuing CA");
            assertArrayEquals(encoded(leaf.certificate()), seen.chain()[0].getEncoded());
            assertArrayEquals(encoded(issuing.certificate()), seen.chain()[1].getEncoded());
            assertEquals("HTTP/1.0 200 ok", seen.httpStatusLine());
            assertTrue(seen.statusResponses().isEmpty(), "nothing stapled when none given");
        }
    }

    @Test
    void tlsClientReceivesExactlyTheStapledResponse() throws Exception {
        try (OpenSslTlsServer server = start(stapled)) {
            Seen seen = connect(server.port());

            assertEquals(1, seen.statusResponses().size());
            assertArrayEquals(stapled, seen.statusResponses().get(0));
            assertArrayEquals(encoded(leaf.certificate()), seen.chain()[0].getEncoded());
        }
    }

    @Test
    void openSslClientVerifiesTheChainAndPrintsTheStapledResponse() {
        try (OpenSslTlsServer server = start(stapled)) {
            writePem(dir.resolve("root.pem"), root.certificate());
            OpenSslCli.Result result = run(dir, "s_client", "-connect", "127.0.0.1:" + server.port(), "-status",
                    "-showcerts", "-CAfile", "root.pem", "-attime", epochSeconds(NOW));

            String out = result.output();
            assertTrue(out.contains("OCSP Response Status: successful"), result.describe());
            assertTrue(out.contains("Cert Status: good"), result.describe());
            assertTrue(out.contains(" 0 s:CN = tls.lab.test, O = ocspwatch lab"), result.describe());
            assertTrue(out.contains(" 1 s:CN = TLS Test Issuing CA, O = ocspwatch lab"), result.describe());
            assertTrue(out.contains("Verify return code: 0 (ok)"), result.describe());
        }
    }

    @Test
    void closeStopsTheServer() throws Exception {
        OpenSslTlsServer server = start(null);
        int port = server.port();
        try {
            assertEquals(2, connect(port).chain().length);

            assertTimeout(Duration.ofSeconds(3), server::close);
        } finally {
            server.close();
        }

        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            }
        });
    }

    @Test
    void serverThatCannotStartFailsFastWithOpenSslsOwnWords() {
        assumeAvailable();
        PrivateKey wrongKey = KeyKind.ECDSA_P256.generate().getPrivate();

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> assertTimeout(
                Duration.ofSeconds(8), () -> OpenSslTlsServer.start(dir, leaf.certificate(), wrongKey, List.of(), null).close()));

        assertTrue(failure.getMessage().contains("did not start"), failure.getMessage());
        assertTrue(failure.getMessage().contains("key values mismatch"), failure.getMessage());
    }

    @Test
    void openSslClientSeesNoStapleWhenNoneIsGiven() {
        try (OpenSslTlsServer server = start(null)) {
            OpenSslCli.Result result = run(dir, "s_client", "-connect", "127.0.0.1:" + server.port(), "-status");

            assertTrue(result.output().contains("OCSP response: no response sent"), result.describe());
            assertFalse(result.output().contains("OCSP Response Status"), result.describe());
            assertTrue(result.output().contains("subject=CN = tls.lab.test, O = ocspwatch lab"), result.describe());
        }
    }
}
