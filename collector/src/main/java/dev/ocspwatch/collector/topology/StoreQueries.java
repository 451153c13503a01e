package dev.ocspwatch.collector.topology;

import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.Observation;
import java.util.List;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads of the topology's stores whose key layout and value form only the topology knows. */
public final class StoreQueries {
    private StoreQueries() {
    }

    /** A certificate's earliest certificate record from the {@code certificate-records} store, or null. */
    public static CertificateRecord certificate(ReadOnlyKeyValueStore<String, byte[]> store, String certificateId) {
        return CertificateRecords.of(store, certificateId);
    }

    /** A certificate's observations from the {@code evidence} store (observation JSON by probe key), in send order. */
    public static List<Observation> evidence(ReadOnlyKeyValueStore<String, byte[]> store, String certificateId) {
        return EvidenceStore.of(store, certificateId);
    }
}
