package dev.ocspwatch.collector.topology;

import dev.ocspwatch.collector.state.EarliestProbe;
import dev.ocspwatch.collector.state.ProbeSummary;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.outcome.OutcomeGroup;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Every observation of a certificate in flight (store {@code evidence}), keyed as
 * {@link ProbeKeys} so one prefix scan reads a certificate's probes in send order. Values are the
 * observation's JSON as it arrived on {@code ocspwatch.observations} (not written again), or its
 * {@link SlimEvidence slim} copy: the raw request and response, the response details and lints
 * are kept only where a bug report needs them, every answer that was not authoritative and each
 * region's earliest authoritative one (the contrast); for the rest the headers, timings and
 * addresses suffice, and state stays small.
 */
final class EvidenceStore {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EvidenceStore.class);
    private static final StringSerializer KEYS = new StringSerializer();
    private final KeyValueStore<String, byte[]> store;

    EvidenceStore(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /**
     * Adds the observation from its input bytes, given its region's earliest
     * authoritative probe before it (or null): raw bytes kept if it was not authoritative or is now
     * that earliest (whose predecessor then loses its raw bytes), so what is kept does not depend
     * on arrival order.
     */
    void add(ObservationInput o, EarliestProbe earliest) {
        String certificateId = o.certificateId();
        ProbeSummary self = o.summary();
        String key = ProbeKeys.key(certificateId, self.sentAt(), self.observationId());
        if (self.outcome().group() != OutcomeGroup.AUTHORITATIVE) {
            store.put(key, o.json());
            return;
        }
        if (EarliestAuthoritative.replaces(self, earliest)) {
            store.put(key, o.json());
            if (earliest != null) {
                String previous = ProbeKeys.key(certificateId, earliest.sentAt(), earliest.observationId());
                byte[] kept = store.get(previous);
                if (kept != null) {
                    store.put(previous, SlimEvidence.of(kept));
                }
            }
        } else {
            store.put(key, o.slim());
        }
    }

    static List<Observation> of(ReadOnlyKeyValueStore<String, byte[]> store, String certificateId) {
        List<Observation> all = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(ProbeKeys.prefix(certificateId), KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> next = it.next();
                if (next.value != null) {
                    try {
                        all.add(Topics.OBSERVATIONS.value(next.value));
                    } catch (RuntimeException e) {
                        // Intake checks only the fields deciding needs; a record whose other fields have the wrong type
                        // (not one our agents write) is decided on, but cannot be shown: say so rather than fail the page.
                        LOG.warn("evidence {} of {} is not a readable observation, left out of the evidence: {}", next.key, certificateId,
                                e.getMessage());
                    }
                }
            }
        }
        return all;
    }

    void deleteAll(String certificateId) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(ProbeKeys.prefix(certificateId), KEYS)) {
            while (it.hasNext()) {
                keys.add(it.next().key);
            }
        }
        keys.forEach(store::delete);
    }
}
