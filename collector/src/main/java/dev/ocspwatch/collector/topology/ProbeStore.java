package dev.ocspwatch.collector.topology;

import dev.ocspwatch.collector.state.ProbeSummary;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The summary of every probe of a certificate in flight (store {@code probe-summaries}, keyed as
 * {@link ProbeKeys}): what the verdict is made of. One entry per probe, so taking an observation
 * in writes only its own summary; the whole list is read when a decision is made.
 */
final class ProbeStore {
    private static final StringSerializer KEYS = new StringSerializer();
    private final KeyValueStore<String, ProbeSummary> store;

    ProbeStore(KeyValueStore<String, ProbeSummary> store) {
        this.store = store;
    }

    private static String key(String certificateId, ProbeSummary p) {
        return ProbeKeys.key(certificateId, p.sentAt(), p.observationId());
    }

    /** Whether this probe (same observation id, same send time) is already kept: a redelivery. */
    boolean has(String certificateId, ProbeSummary p) {
        ProbeSummary kept = store.get(key(certificateId, p));
        return kept != null && ProbeSummary.BY_SEND_TIME.compare(kept, p) == 0;
    }

    void add(String certificateId, ProbeSummary p) {
        store.put(key(certificateId, p), p);
    }

    /** The certificate's probes sorted by send time, then id, as every decision reads them (keys hold milliseconds, times may hold more). */
    List<ProbeSummary> of(String certificateId) {
        List<ProbeSummary> all = new ArrayList<>();
        try (KeyValueIterator<String, ProbeSummary> it = store.prefixScan(ProbeKeys.prefix(certificateId), KEYS)) {
            while (it.hasNext()) {
                ProbeSummary p = it.next().value;
                if (p != null) {
                    all.add(p);
                }
            }
        }
        all.sort(ProbeSummary.BY_SEND_TIME);
        return all;
    }

    void deleteAll(String certificateId) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, ProbeSummary> it = store.prefixScan(ProbeKeys.prefix(certificateId), KEYS)) {
            while (it.hasNext()) {
                keys.add(it.next().key);
            }
        }
        keys.forEach(store::delete);
    }
}
