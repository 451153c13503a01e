package dev.ocspwatch.collector.topology;

import dev.ocspwatch.collector.metrics.CollectorMetrics;
import dev.ocspwatch.collector.state.StateSerdes;
import dev.ocspwatch.collector.verdict.DecisionSettings;
import dev.ocspwatch.common.kafka.IssuerRecord;
import dev.ocspwatch.common.kafka.JsonSerde;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.kafka.VerdictRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The collector's topology, built in one place:
 *
 * <pre>
 * ocspwatch.certificates --+
 *                          +--> tracker [certificate-state, certificate-records, probe-summaries, decisions-due, evidence] --> ocspwatch.verdicts
 * ocspwatch.observations --+                                                                                       |
 *                                                  verdicts-view (global) <----------------------------------------+
 * ocspwatch.issuers --> issuers-view (global), for evidence bundles
 * </pre>
 *
 * Both inputs are keyed by certificate id with the same partition count, so one task holds all
 * of a certificate's records and its state. Values arrive as bytes and are parsed in the
 * tracker, which counts what it cannot read.
 */
public final class CollectorTopology {
    private CollectorTopology() {
    }

    public static Topology build(DecisionSettings settings, CollectorMetrics metrics) {
        Topology topology = new Topology();
        topology.addSource("certificates", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), Topics.CERTIFICATES.name());
        topology.addSource("observations", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), Topics.OBSERVATIONS.name());
        topology.addProcessor("tracker", () -> new CertificateTracker(settings, metrics), "certificates", "observations");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CERTIFICATES), Serdes.String(),
                StateSerdes.certificateState()), "tracker");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CERTIFICATE_RECORDS), Serdes.String(),
                Serdes.ByteArray()), "tracker");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.PROBES), Serdes.String(),
                StateSerdes.probeSummary()), "tracker");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.DUE), Serdes.String(), Serdes.String()),
                "tracker");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.EVIDENCE), Serdes.String(),
                Serdes.ByteArray()), "tracker");
        topology.addSink("verdicts", Topics.VERDICTS.name(), Serdes.String().serializer(), Topics.VERDICTS.valueSerde().serializer(),
                "tracker");
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.VERDICTS), Serdes.String(),
                        new JsonSerde<>(VerdictRecord.class)).withLoggingDisabled(), "verdicts-source", Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer(), Topics.VERDICTS.name(), "verdicts-view", () -> new VerdictViewUpdater(metrics));
        // The topic is compacted and read whole on every instance: it is the store's changelog already.
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ISSUERS), Serdes.String(),
                        new JsonSerde<>(IssuerRecord.class)).withLoggingDisabled(), "issuers-source", Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer(), Topics.ISSUERS.name(), "issuers-view", () -> new IssuerViewUpdater(metrics));
        return topology;
    }
}
