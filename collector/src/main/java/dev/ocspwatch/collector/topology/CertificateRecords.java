package dev.ocspwatch.collector.topology;

import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.Topics;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The earliest certificate record of each certificate in flight (store
 * {@code certificate-records}), kept as the JSON it arrived as on {@code ocspwatch.certificates}:
 * written when a certificate record comes, read when a verdict or a query needs it, so the state
 * every observation rewrites does not carry it.
 */
final class CertificateRecords {
    private final KeyValueStore<String, byte[]> store;

    CertificateRecords(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    void put(String certificateId, byte[] json) {
        store.put(certificateId, json);
    }

    CertificateRecord get(String certificateId) {
        return of(store, certificateId);
    }

    void delete(String certificateId) {
        store.delete(certificateId);
    }

    static CertificateRecord of(ReadOnlyKeyValueStore<String, byte[]> store, String certificateId) {
        byte[] json = store.get(certificateId);
        return json == null ? null : Topics.CERTIFICATES.value(json);
    }
}
