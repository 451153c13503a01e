package dev.ocspwatch.collector.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ocspwatch.collector.metrics.CollectorMetrics;
import dev.ocspwatch.collector.verdict.DecisionSettings;
import dev.ocspwatch.common.kafka.IssuerRecord;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.x509.DistinguishedNames;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.pki.SimulatedCa;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code issuers-view} global store of the collector's topology, fed from
 * {@code ocspwatch.issuers}: real CA certificates are kept under their SPKI hash; anything that
 * is not one, or is filed under another key, is counted and left out, never thrown.
 */
class IssuerViewUpdaterTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final SimulatedCa ROOT = SimulatedCa.root("Issuer View Root", KeyKind.ECDSA_P256, T0, new Random(3));
    private static final SimulatedCa ISSUING = ROOT.intermediate("Issuer View CA", KeyKind.ECDSA_P256, T0, List.of(), List.of());

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private final CollectorMetrics metrics = new CollectorMetrics(new SimpleMeterRegistry());
    private TestInputTopic<String, byte[]> issuers;
    private KeyValueStore<String, IssuerRecord> view;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "issuer-view-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(CollectorTopology.build(DecisionSettings.DEFAULT, metrics), props, T0);
        issuers = driver.createInputTopic(Topics.ISSUERS.name(), new StringSerializer(), new ByteArraySerializer());
        view = driver.getKeyValueStore(StoreNames.ISSUERS);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static IssuerRecord record(SimulatedCa ca) {
        try {
            byte[] der = ca.certificate().getEncoded();
            return new IssuerRecord(ca.asIssuer().spkiSha256(), DistinguishedNames.display(ca.certificate().getSubject()),
                    Base64.getEncoder().encodeToString(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void send(String key, IssuerRecord record) {
        issuers.pipeInput(key, Topics.ISSUERS.valueSerde().serializer().serialize(Topics.ISSUERS.name(), record));
    }

    @Test
    void anIssuerIsKeptUnderItsSpkiHashForEveryInstanceToRead() {
        IssuerRecord issuing = record(ISSUING);
        IssuerRecord root = record(ROOT);

        send(issuing.issuerSpkiSha256(), issuing);
        send(root.issuerSpkiSha256(), root);
        send(issuing.issuerSpkiSha256(), issuing); // discovery may publish it again: the same value stays

        assertEquals(issuing, view.get(issuing.issuerSpkiSha256()));
        assertEquals(root, view.get(root.issuerSpkiSha256()));
        assertEquals(0, metrics.rejectedCount(IssuerViewUpdater.REJECTED));
    }

    @Test
    void malformedRecordsAreCountedNotKeptAndTheNextGoodOneStillArrives() {
        IssuerRecord issuing = record(ISSUING);
        String key = issuing.issuerSpkiSha256();

        issuers.pipeInput(key, "{not json".getBytes(StandardCharsets.UTF_8));
        send(key, new IssuerRecord(key, "CN=x", "!!! not base64 !!!"));
        send(key, new IssuerRecord(key, "CN=x", Base64.getEncoder().encodeToString("not a certificate".getBytes(StandardCharsets.UTF_8))));
        IssuerRecord root = record(ROOT);
        send(key, new IssuerRecord(key, root.subject(), root.certificate())); // another CA's certificate under this key
        send(root.issuerSpkiSha256(), new IssuerRecord(key, root.subject(), root.certificate())); // key right, field wrong
        issuers.pipeInput((String) null, Topics.ISSUERS.valueSerde().serializer().serialize(Topics.ISSUERS.name(), issuing));

        assertEquals(6, metrics.rejectedCount(IssuerViewUpdater.REJECTED));
        assertNull(view.get(key));
        assertNull(view.get(root.issuerSpkiSha256()));

        send(key, issuing);
        assertEquals(issuing, view.get(key));
    }

    @Test
    void aTombstoneRemovesTheIssuer() {
        IssuerRecord issuing = record(ISSUING);
        send(issuing.issuerSpkiSha256(), issuing);

        issuers.pipeInput(issuing.issuerSpkiSha256(), (byte[]) null);

        assertNull(view.get(issuing.issuerSpkiSha256()));
        assertEquals(0, metrics.rejectedCount(IssuerViewUpdater.REJECTED));
    }
}
