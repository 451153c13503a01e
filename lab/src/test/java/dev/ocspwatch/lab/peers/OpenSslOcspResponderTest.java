package dev.ocspwatch.lab.peers;

import static dev.ocspwatch.lab.testing.OpenSslCli.assumeAvailable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.ocsp.CertId;
import dev.ocspwatch.common.ocsp.CertIdHash;
import dev.ocspwatch.common.ocsp.OcspRequest;
import dev.ocspwatch.common.ocsp.OcspResponseChecker;
import dev.ocspwatch.common.ocsp.ResponseCheck;
import dev.ocspwatch.common.ocsp.ResponseExpectation;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.lab.peers.OpenSslOcspResponder.IndexEntry;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.pki.SimulatedCa;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * OpenSSL's responder signs with its own (wall) clock, so responses here are judged at the
 * moment they arrive; everything the test chooses (certificates, index times) is fixed.
 */
class OpenSslOcspResponderTest {
    private static final Instant CA_NOT_BEFORE = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant LEAF_NOT_AFTER = Instant.parse("2034-01-01T00:00:00Z");
    private static final Instant REVOKED_AT = Instant.parse("2025-05-31T10:15:30Z");
    private static final Duration VALIDITY = Duration.ofMinutes(10);
    private static final BigInteger VALID = new BigInteger("0a1b2c3d4e5f60718293a4b5c6d7e8f9", 16);
    private static final BigInteger KEY_COMPROMISE = new BigInteger("7fedcba9876543210fedcba987654321", 16);
    private static final BigInteger SUPERSEDED = BigInteger.valueOf(0x0501);
    private static final BigInteger NOT_IN_INDEX = new BigInteger("1111222233334444", 16);

    @TempDir
    static Path sharedDir;

    private static SimulatedCa issuing;
    private static OpenSslOcspResponder responder;

    @BeforeAll
    static void startResponder() {
        assumeAvailable();
        SimulatedCa root = SimulatedCa.root("Responder Test Root", KeyKind.ECDSA_P256, CA_NOT_BEFORE, new Random(5019));
        issuing = root.intermediate("Responder Test Issuing CA", KeyKind.RSA_2048, CA_NOT_BEFORE, List.of(), List.of());
        responder = OpenSslOcspResponder.start(sharedDir, issuing, List.of(
                IndexEntry.valid(VALID, LEAF_NOT_AFTER, "valid.responder.test"),
                IndexEntry.revoked(KEY_COMPROMISE, LEAF_NOT_AFTER, "compromised.responder.test", REVOKED_AT, "keyCompromise"),
                IndexEntry.revoked(SUPERSEDED, LEAF_NOT_AFTER, "superseded.responder.test", REVOKED_AT, "superseded")),
                VALIDITY);
    }

    @AfterAll
    static void stopResponder() {
        if (responder != null) {
            responder.close();
        }
    }

    private static CertId certId(BigInteger serial, CertIdHash hash) {
        return CertId.of(issuing.asIssuer(), serial, hash);
    }

    private static byte[] post(String url, OcspRequest request) throws Exception {
        HttpResponse<byte[]> response = client().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.der()))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), responder.log());
        return response.body();
    }

    private static byte[] get(String url) throws Exception {
        HttpResponse<byte[]> response = client().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), responder.log());
        return response.body();
    }

    /** A fresh HTTP/1.1 client per exchange: OpenSSL's responder serves one connection at a time. */
    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static ResponseCheck exchange(String method, BigInteger serial, CertIdHash hash) throws Exception {
        CertId id = certId(serial, hash);
        OcspRequest request = OcspRequest.of(id);
        byte[] body = method.equals("GET") ? get(request.getUrl(responder.url())) : post(responder.url(), request);
        return new OcspResponseChecker().check(body, ResponseExpectation.subscriber(issuing.asIssuer(), id),
                Instant.now(), null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"POST", "GET"})
    void validSerialIsGood(String method) throws Exception {
        ResponseCheck check = exchange(method, VALID, CertIdHash.SHA1);

        assertEquals(Outcome.GOOD, check.outcome(), check.reason() + "\n" + responder.log());
        assertEquals("issuer", check.details().signer().role(), "signed by the CA itself (-rsigner is the CA)");
        assertNotNull(check.details().nextUpdate());
        assertEquals(VALIDITY, Duration.between(check.details().thisUpdate(), check.details().nextUpdate()),
                "-nmin sets nextUpdate = thisUpdate + validity");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"POST", "GET"})
    void revokedSerialIsRevokedForKeyCompromise(String method) throws Exception {
        ResponseCheck check = exchange(method, KEY_COMPROMISE, CertIdHash.SHA1);

        assertEquals(Outcome.REVOKED, check.outcome(), check.reason() + "\n" + responder.log());
        assertEquals("keyCompromise", check.details().revocationReason());
        assertEquals(REVOKED_AT, check.details().revocationTime());
    }

    @Test
    void anotherReasonFromTheIndexComesThroughToo() throws Exception {
        ResponseCheck check = exchange("POST", SUPERSEDED, CertIdHash.SHA1);

        assertEquals(Outcome.REVOKED, check.outcome(), check.reason());
        assertEquals("superseded", check.details().revocationReason());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"POST", "GET"})
    void serialOutsideTheIndexIsUnknown(String method) throws Exception {
        ResponseCheck check = exchange(method, NOT_IN_INDEX, CertIdHash.SHA1);

        assertEquals(Outcome.UNKNOWN, check.outcome(), check.reason() + "\n" + responder.log());
    }

    @ParameterizedTest
    @EnumSource(value = CertIdHash.class, names = {"SHA1", "SHA256"})
    void answersUnderTheCertIdHashItWasAskedWith(CertIdHash hash) throws Exception {
        ResponseCheck check = exchange("POST", VALID, hash);

        assertEquals(Outcome.GOOD, check.outcome(), check.reason());
        assertEquals(hash.name().toLowerCase(java.util.Locale.ROOT), check.details().certIdHashAlgorithm());
    }

    @Test
    void urlIsOnLoopbackAtTheChosenPort() throws Exception {
        URI url = URI.create(responder.url());

        assertEquals("http", url.getScheme());
        assertEquals("127.0.0.1", url.getHost());
        assertEquals(responder.port(), url.getPort());
        assertTrue(responder.port() > 0 && responder.port() < 65536, "port " + responder.port());
        assertTrue(responder.log().contains("ACCEPT") && responder.log().contains(":" + responder.port()), responder.log());
        // Reachable there with a real request: OpenSSL 3.0's responder spins forever on a
        // connection that closes without sending one, so no bare connect() probe here.
        assertEquals(Outcome.GOOD, exchange("POST", VALID, CertIdHash.SHA1).outcome());
    }

    @Test
    void closeStopsTheProcess(@TempDir Path dir) throws Exception {
        OpenSslOcspResponder own = OpenSslOcspResponder.start(dir, issuing,
                List.of(IndexEntry.valid(VALID, LEAF_NOT_AFTER, "valid.responder.test")), VALIDITY);
        int port = own.port();
        CertId id = certId(VALID, CertIdHash.SHA1);
        try {
            byte[] body = post(own.url(), OcspRequest.of(id));
            assertEquals(Outcome.GOOD, new OcspResponseChecker()
                    .check(body, ResponseExpectation.subscriber(issuing.asIssuer(), id), Instant.now(), null).outcome());

            // SIGTERM ends openssl at once; close() must not sit out its grace period
            assertTimeout(Duration.ofSeconds(3), own::close);
        } finally {
            own.close();
        }

        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            }
        });
        assertThrows(IOException.class, () -> post(own.url(), OcspRequest.of(id)));
    }
}
