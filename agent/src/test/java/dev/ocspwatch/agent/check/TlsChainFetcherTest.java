package dev.ocspwatch.agent.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ocspwatch.agent.testing.TestPki;
import dev.ocspwatch.common.ocsp.CertId;
import dev.ocspwatch.common.ocsp.CertIdHash;
import dev.ocspwatch.lab.peers.OpenSslOcspResponder;
import dev.ocspwatch.lab.peers.OpenSslTlsServer;
import dev.ocspwatch.lab.pki.CertificateProfile;
import dev.ocspwatch.lab.pki.OcspAnswer;
import dev.ocspwatch.lab.pki.SimulatedCa;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real TLS handshake with OpenSSL's s_server, which sends a chain and staples a fixed OCSP response. */
class TlsChainFetcherTest {
    static TestPki pki;
    static SimulatedCa.Issued server;
    static byte[] stapled;

    @BeforeAll
    static void issue() {
        assumeTrue(OpenSslOcspResponder.available(), "openssl is not installed");
        pki = TestPki.shared();
        server = pki.issuing.issueWithKey(new CertificateProfile(List.of("localhost"), TestPki.NOW.minus(Duration.ofDays(1)),
                Duration.ofDays(30), List.of("http://ocsp.test/"), List.of(), List.of(), false), TestPki.serial(0x5150));
        stapled = pki.issuing.signer().sign(CertId.of(pki.issuing.asIssuer(), server.certificate().getSerialNumber(), CertIdHash.SHA1),
                OcspAnswer.good(TestPki.NOW.minus(Duration.ofHours(1)), Duration.ofDays(4)));
    }

    @Test
    void keepsTheChainTheServerSentAndItsStapledResponse(@TempDir Path directory) throws Exception {
        try (OpenSslTlsServer tls = OpenSslTlsServer.start(directory, server.certificate(), server.keyPair().getPrivate(),
                List.of(pki.issuing.certificate()), stapled)) {
            TlsChainFetcher.Handshake handshake = TlsChainFetcher.fetch("localhost", tls.port(), Duration.ofSeconds(10));

            assertEquals(2, handshake.chain().size());
            assertEquals(server.certificate(), handshake.chain().get(0));
            assertEquals(pki.issuing.certificate(), handshake.chain().get(1));
            assertArrayEquals(stapled, handshake.stapled());
            assertTrue(handshake.endpoint().stapled());
            assertTrue(handshake.endpoint().protocol().startsWith("TLS"), handshake.endpoint().protocol());
        }
    }

    @Test
    void reportsNoStapleWhenTheServerSendsNone(@TempDir Path directory) throws Exception {
        try (OpenSslTlsServer tls = OpenSslTlsServer.start(directory, server.certificate(), server.keyPair().getPrivate(),
                List.of(), null)) {
            TlsChainFetcher.Handshake handshake = TlsChainFetcher.fetch("localhost", tls.port(), Duration.ofSeconds(10));

            assertEquals(1, handshake.chain().size(), "a server may send only its leaf");
            assertNull(handshake.stapled());
        }
    }

    @Test
    void failsWithExitThreeWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int closedPort = port;
        CheckInputException error = assertThrows(CheckInputException.class,
                () -> TlsChainFetcher.fetch("127.0.0.1", closedPort, Duration.ofSeconds(5)));
        assertEquals(CheckExitCode.UNREACHABLE, error.exitCode());
        assertTrue(error.getMessage().contains("cannot connect to 127.0.0.1:" + closedPort), error.getMessage());
    }
}
