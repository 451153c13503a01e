package dev.ocspwatch.collector.api;

import static dev.ocspwatch.collector.api.SampleData.VIOLATION_ID;
import static dev.ocspwatch.collector.api.TestHttp.await;
import static dev.ocspwatch.collector.api.TestHttp.header;
import static dev.ocspwatch.collector.api.TestHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.collector.query.EvidenceLocation;
import dev.ocspwatch.collector.query.EvidenceUnavailableException;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routing of one certificate's evidence over a fake view: answered here, forwarded to the
 * owner (a second API on loopback, both behind the same token), 503 while nobody owns it or when
 * a forwarded request lands on a non-owner, 502 when the owner is gone.
 */
class CertificateRoutingTest {
    private static final String TOKEN = "c2hhcmVkLWJ5LWV2ZXJ5LWluc3RhbmNl";
    private static final String UNKNOWN_ID = SampleData.ISSUER_A + ":abc";
    private Vertx vertx;
    private ApiServer owner;
    private ApiServer front;
    private InMemoryCollectorView frontView;
    private int ownerPort;
    private int frontPort;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        owner = ApiServer.create(vertx, SampleData.view(), new ApiSettings("127.0.0.1", 0, TOKEN, null), null);
        ownerPort = await(owner.start());
        frontView = new InMemoryCollectorView(List.of()); // holds nothing itself: whatever it answers came from the owner
        frontView.locator(id -> new EvidenceLocation.Remote("127.0.0.1", ownerPort));
        front = ApiServer.create(vertx, frontView, new ApiSettings("127.0.0.1", 0, TOKEN, null), null);
        frontPort = await(front.start());
    }

    @AfterEach
    void stop() {
        await(vertx.close());
    }

    private static HttpResponse<String> get(int port, String path, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + TOKEN;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return TestHttp.get(port, path, all);
    }

    @Test
    void decidesLocalAndRemoteAsLocatedButNeverForwardsAForwardedRequestAgain() {
        EvidenceLocation remote = new EvidenceLocation.Remote("::1", 8081);
        EvidenceLocation unavailable = new EvidenceLocation.Unavailable("rebalancing");
        assertEquals(EvidenceLocation.local(), CertificateRouting.decide(EvidenceLocation.local(), false));
        assertEquals(EvidenceLocation.local(), CertificateRouting.decide(EvidenceLocation.local(), true));
        assertEquals(remote, CertificateRouting.decide(remote, false));
        assertEquals(unavailable, CertificateRouting.decide(unavailable, false));
        assertEquals(unavailable, CertificateRouting.decide(unavailable, true));
        EvidenceLocation again = CertificateRouting.decide(remote, true);
        assertInstanceOf(EvidenceLocation.Unavailable.class, again);
        assertTrue(((EvidenceLocation.Unavailable) again).reason().contains("[::1]:8081"), again.toString());
    }

    @Test
    void relaysTheOwnersStatusContentTypeAndBodyForEveryEvidenceRoute() {
        for (String suffix : List.of("", "/evidence.md", "/timeline.svg", "/evidence.zip")) {
            String path = "/api/certificates/" + VIOLATION_ID + suffix;
            HttpResponse<String> direct = get(ownerPort, path);
            HttpResponse<String> forwarded = get(frontPort, path);
            assertEquals(200, direct.statusCode(), path);
            assertEquals(200, forwarded.statusCode(), path + ": " + forwarded.body());
            assertEquals(direct.body(), forwarded.body(), path);
            assertEquals(header(direct, "content-type"), header(forwarded, "content-type"), path);
            assertEquals(header(direct, "content-disposition"), header(forwarded, "content-disposition"), path);
            assertEquals(CollectorApi.CONTENT_SECURITY_POLICY, header(forwarded, "content-security-policy"), path);
        }
        HttpResponse<String> missing = get(frontPort, "/api/certificates/" + UNKNOWN_ID);
        assertEquals(404, missing.statusCode());
        assertTrue(json(missing).get("error").asText().contains(UNKNOWN_ID), missing.body());
        // The front only located; it never read evidence, and never on its event loop.
        assertTrue(frontView.calls().stream().allMatch(c -> c.startsWith("locate ")), frontView.calls().toString());
        assertEquals(List.of(), frontView.callsOnEventLoop());
    }

    @Test
    void aForwardedRequestIsAnsweredHereOr503ButNeverForwardedAgain() {
        HttpResponse<String> atOwner = get(ownerPort, "/api/certificates/" + VIOLATION_ID, EvidenceForwarder.HEADER, "1");
        assertEquals(200, atOwner.statusCode());
        HttpResponse<String> atFront = get(frontPort, "/api/certificates/" + VIOLATION_ID, EvidenceForwarder.HEADER, "1");
        assertEquals(503, atFront.statusCode());
        assertEquals(CertificateRouting.RETRY_AFTER_SECONDS, header(atFront, "retry-after"));
        assertEquals(JsonReplies.CONTENT_TYPE, header(atFront, "content-type"));
        assertTrue(json(atFront).get("error").asText().contains("127.0.0.1:" + ownerPort), atFront.body());
    }

    @Test
    void whileNobodyOwnsTheCertificateAnswers503WithRetryAfterAndAJsonError() {
        frontView.locator(id -> new EvidenceLocation.Unavailable("collector instances are rebalancing"));
        for (String suffix : List.of("", "/evidence.zip")) {
            HttpResponse<String> response = get(frontPort, "/api/certificates/" + VIOLATION_ID + suffix);
            assertEquals(503, response.statusCode());
            assertEquals(CertificateRouting.RETRY_AFTER_SECONDS, header(response, "retry-after"));
            String error = json(response).get("error").asText();
            assertTrue(error.contains("rebalancing") && error.contains(VIOLATION_ID), error);
        }
    }

    @Test
    void storesThatCannotBeReadNowAre503NotAnInternalError() {
        InMemoryCollectorView restoring = new InMemoryCollectorView(List.of()) {
            @Override
            public Optional<CertificateEvidence> certificate(String certificateId) {
                throw new EvidenceUnavailableException("the stores are being restored", null);
            }
        };
        ApiServer server = ApiServer.create(vertx, restoring, new ApiSettings("127.0.0.1", 0, TOKEN, null), null);
        HttpResponse<String> response = get(await(server.start()), "/api/certificates/" + VIOLATION_ID + "/evidence.md");
        assertEquals(503, response.statusCode());
        assertEquals(CertificateRouting.RETRY_AFTER_SECONDS, header(response, "retry-after"));
        assertTrue(json(response).get("error").asText().contains("being restored"), response.body());
    }

    @Test
    void anOwnerThatCannotBeReachedIs502NamingIt() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        int gone = closed;
        frontView.locator(id -> new EvidenceLocation.Remote("127.0.0.1", gone));
        HttpResponse<String> response = get(frontPort, "/api/certificates/" + VIOLATION_ID);
        assertEquals(502, response.statusCode());
        assertEquals(JsonReplies.CONTENT_TYPE, header(response, "content-type"));
        String error = json(response).get("error").asText();
        assertTrue(error.contains("127.0.0.1:" + gone) && error.contains("could not be reached"), error);
    }
}
