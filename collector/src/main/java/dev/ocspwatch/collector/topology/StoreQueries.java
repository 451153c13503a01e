package dev.ocspwatch.collector.topology;

import dev.ocspwatch.common.kafka.Observation;
import java.util.List;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads of the topology's stores whose key layout only the topology knows. */
public final class StoreQueries {
    private StoreQueries() {
    }

    /** A certificate's observations from the {@code evidence} store, in send order. */
    public static List<Observation> evidence(ReadOnlyKeyValueStore<String, Observation> store, String certificateId) {
        return EvidenceStore.of(store, certificateId);
    }
}
