package dev.ocspwatch.lab.world;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ocspwatch.common.ocsp.CertId;
import dev.ocspwatch.common.ocsp.CertIdHash;
import dev.ocspwatch.common.ocsp.OcspRequest;
import dev.ocspwatch.common.ocsp.OcspResponseChecker;
import dev.ocspwatch.common.ocsp.ResponseExpectation;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.lab.dns.LabDns;
import dev.ocspwatch.lab.scenario.Scenario;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorldSmokeTest {
    @Test
    void servesUnauthorizedBeforeSigningAndGoodAfterThroughEachRegionsPop() throws Exception {
        Scenario scenario = Scenario.load(Path.of("../config/scenarios/sectigo-2025.yaml"));
        ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
        Vertx vertx = Vertx.vertx();
        try (World world = World.start(vertx, scenario, clock).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS)) {
            LabCa.Issued issued = world.issueNow("healthy-ca", true).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            LabCa ca = world.cas().get("healthy-ca");
            CertId certId = CertId.of(ca.ca().asIssuer(), issued.serial(), CertIdHash.SHA1);
            HttpClient client = vertx.createHttpClient();
            assertEquals(Outcome.UNAUTHORIZED, probe(vertx, client, world, "us-east", ca, certId, clock.instant()));

            clock.advance(scenario.real(Duration.ofMinutes(4)));
            assertEquals(Outcome.GOOD, probe(vertx, client, world, "us-east", ca, certId, clock.instant()));
            assertEquals(Outcome.GOOD, probe(vertx, client, world, "eu-west", ca, certId, clock.instant()));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static Outcome probe(Vertx vertx, HttpClient client, World world, String region, LabCa ca, CertId certId, Instant now) throws Exception {
        int number = World.regionNumbers(world.scenario()).get(region);
        // Chained on an event loop, so the body handler is in place before the body can arrive.
        io.vertx.core.Promise<Buffer> received = io.vertx.core.Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost(ca.spec().ocspHost())
                        .setPort(world.cdnPort()).setURI("/")
                        .setServer(SocketAddress.inetSocketAddress(world.cdnPort(), LabDns.popAddress(number).getHostAddress())))
                .compose(request -> request.send(Buffer.buffer(OcspRequest.of(certId).der())))
                .compose(response -> response.body())
                .onComplete(received));
        byte[] body = received.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).getBytes();
        return new OcspResponseChecker().check(body, ResponseExpectation.subscriber(ca.ca().asIssuer(), certId), now, null).outcome();
    }
}
