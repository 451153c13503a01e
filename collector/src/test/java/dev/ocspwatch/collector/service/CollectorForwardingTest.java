package dev.ocspwatch.collector.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.collector.api.ApiServer;
import dev.ocspwatch.collector.api.ApiSettings;
import dev.ocspwatch.collector.api.TestHttp;
import dev.ocspwatch.collector.metrics.CollectorMetrics;
import dev.ocspwatch.collector.query.EvidenceLocation;
import dev.ocspwatch.collector.verdict.DecisionSettings;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.probe.ProbeResult;
import dev.ocspwatch.lab.kafka.InProcessKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two collector instances sharing one application id on a real broker, each with its API: each
 * owns some certificates' partitions, yet both answer every certificate's evidence, the same
 * bytes, by forwarding to the owner; a request already forwarded is not forwarded again.
 */
class CollectorForwardingTest {
    private static final String ISSUER = "e".repeat(64);
    private static final String URL = "http://ocsp.forwarding.test/";
    private static final String TOKEN = "b25lLXRva2VuLWZvci1ldmVyeS1pbnN0YW5jZQ";
    private static final int PARTITIONS = 4;
    /** A deadline far off: nothing is decided while the test runs, so every answer stays the same. */
    private static final DecisionSettings SETTINGS = DecisionSettings.DEFAULT.withRegions(List.of("north", "south"));

    /** One collector instance: its API bound first, its port then announced as application.server. */
    private record Instance(CollectorService service, ApiServer api, int port) {
        static Instance start(Vertx vertx, InProcessKafka kafka, String app, Path state) {
            LateView view = new LateView();
            ApiServer api = ApiServer.create(vertx, view, new ApiSettings("127.0.0.1", 0, TOKEN, null), null);
            int port = TestHttp.await(api.start());
            CollectorService service = new CollectorService(new CollectorStreamsSettings(app, state, 1, 1, 0, null)
                    .withApplicationServer("127.0.0.1:" + port), KafkaSettings.of(kafka.bootstrapServers()), SETTINGS,
                    new CollectorMetrics(new SimpleMeterRegistry()));
            view.set(service.view());
            service.start();
            return new Instance(service, api, port);
        }

        HttpResponse<String> get(String path, String... headers) {
            List<String> all = new ArrayList<>(List.of("Authorization", "Bearer " + TOKEN));
            all.addAll(List.of(headers));
            return TestHttp.get(port, path, all.toArray(String[]::new));
        }

        EvidenceLocation locate(String id) {
            return service.view().locate(id);
        }
    }

    @Test
    void bothInstancesAnswerEveryCertificatesEvidenceByForwardingToItsOwner(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        List<String> ids = new ArrayList<>();
        try (InProcessKafka kafka = InProcessKafka.startTemporary();
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaSettings.of(kafka.bootstrapServers())
                     .producer("forwarding-test"), new ByteArraySerializer(), new ByteArraySerializer())) {
            kafka.createTopics(Topics.collector().stream().map(t -> t.spec(PARTITIONS)).toList());
            Instant published = Instant.now();
            for (int i = 0; i < 16; i++) {
                String id = ISSUER + ":" + Integer.toHexString(0x2000 + i);
                ids.add(id);
                producer.send(Topics.CERTIFICATES.record(id, new CertificateRecord(id, id.substring(65), ISSUER, "CN=f" + i + ".test",
                        "CN=Forwarding CA", false, published.toEpochMilli(), "bG9n", "log", i, null, null, List.of(), List.of(URL),
                        List.of(), published))).get(30, TimeUnit.SECONDS);
                for (String region : List.of("north", "south")) {
                    producer.send(Topics.OBSERVATIONS.record(id, observation(id, published, region))).get(30, TimeUnit.SECONDS);
                }
            }
            Instance a = Instance.start(vertx, kafka, "collector-forwarding", dir.resolve("a"));
            Instance b = Instance.start(vertx, kafka, "collector-forwarding", dir.resolve("b"));
            try {
                assertTrue(a.service().awaitRunning(Duration.ofSeconds(60)), "a: " + a.service().state());
                assertTrue(b.service().awaitRunning(Duration.ofSeconds(60)), "b: " + b.service().state());
                // Ownership settles when both instances name the same owner for every certificate, and each owns some.
                until(() -> settled(a, b, ids), Duration.ofSeconds(60), () -> "ownership not settled: " + owners(a, b, ids));
                for (String id : ids) {
                    Instance owner = a.locate(id) instanceof EvidenceLocation.Local ? a : b;
                    Instance other = owner == a ? b : a;
                    assertEquals(new EvidenceLocation.Remote("127.0.0.1", owner.port()), other.locate(id), id);
                    // Until it had read both probes, the owner would not have them all: wait for that, asking the other.
                    until(() -> observations(other.get("/api/certificates/" + id)) == 2, Duration.ofSeconds(60),
                            () -> id + " via the non-owner: " + other.get("/api/certificates/" + id).body());
                    assertEquals(Optional.empty(), other.service().view().certificate(id), "the non-owner holds nothing of " + id);
                    for (String suffix : List.of("", "/evidence.md", "/timeline.svg")) {
                        HttpResponse<String> fromA = a.get("/api/certificates/" + id + suffix);
                        HttpResponse<String> fromB = b.get("/api/certificates/" + id + suffix);
                        assertEquals(200, fromA.statusCode(), id + suffix + " from a: " + fromA.body());
                        assertEquals(200, fromB.statusCode(), id + suffix + " from b: " + fromB.body());
                        assertEquals(fromA.body(), fromB.body(), id + suffix);
                        assertEquals(TestHttp.header(fromA, "content-type"), TestHttp.header(fromB, "content-type"), id + suffix);
                    }
                    // Marked as forwarded: the owner answers from its stores, the other refuses rather than forward again.
                    assertEquals(200, owner.get("/api/certificates/" + id, "X-Ocspwatch-Forwarded", "1").statusCode());
                    HttpResponse<String> again = other.get("/api/certificates/" + id, "X-Ocspwatch-Forwarded", "1");
                    assertEquals(503, again.statusCode(), again.body());
                    assertTrue(again.body().contains("127.0.0.1:" + owner.port()), again.body());
                }
            } finally {
                b.service().close();
                a.service().close();
                TestHttp.await(vertx.close());
            }
        }
    }

    private static boolean settled(Instance a, Instance b, List<String> ids) {
        boolean aOwns = false;
        boolean bOwns = false;
        for (String id : ids) {
            EvidenceLocation atA = a.locate(id);
            EvidenceLocation atB = b.locate(id);
            boolean ownedByA = atA instanceof EvidenceLocation.Local && atB.equals(new EvidenceLocation.Remote("127.0.0.1", a.port()));
            boolean ownedByB = atB instanceof EvidenceLocation.Local && atA.equals(new EvidenceLocation.Remote("127.0.0.1", b.port()));
            if (!ownedByA && !ownedByB) {
                return false;
            }
            aOwns |= ownedByA;
            bOwns |= ownedByB;
        }
        return aOwns && bOwns;
    }

    private static String owners(Instance a, Instance b, List<String> ids) {
        StringBuilder text = new StringBuilder();
        ids.forEach(id -> text.append('\n').append(id).append(": a says ").append(a.locate(id)).append(", b says ").append(b.locate(id)));
        return text.toString();
    }

    private static int observations(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return -1;
        }
        int count = 0;
        for (var region : TestHttp.json(response).get("observations")) {
            count += region.size();
        }
        return count;
    }

    private static Observation observation(String id, Instant published, String region) {
        ProbeResult probe = new ProbeResult(URL, URL, "GET", "standard", "sha1", id.substring(65), published.plusSeconds(5),
                List.of("192.0.2.9"), "192.0.2.9:80", List.of(), null, 200, Map.of(), 400, Outcome.GOOD, "test", null, List.of(),
                "MEUw", "MIIB");
        return new Observation(id + "/" + region, id, ISSUER, region, region + "-1", ProbeKind.DISCOVERY, published,
                published.plus(SETTINGS.deadline()), published.plusSeconds(5), false, probe);
    }

    /** Re-checks {@code condition} every few milliseconds until it holds or {@code within} passes. */
    private static void until(BooleanSupplier condition, Duration within, Supplier<String> message) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Object lock = new Object();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within.toSeconds() + " s: " + message.get());
            }
            synchronized (lock) {
                lock.wait(20); // nothing notifies: a bounded re-check, as CollectorService.awaitRunning does
            }
        }
    }
}
