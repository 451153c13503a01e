package dev.ocspwatch.collector.topology;

import dev.ocspwatch.collector.state.ProbeSummary;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.outcome.OutcomeGroup;
import dev.ocspwatch.common.probe.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Every observation of a certificate in flight (store {@code evidence}), keyed
 * {@code <certificate id>|<13-digit send time ms>|<observation id>} so one prefix scan reads a
 * certificate's probes in send order. The raw request and response, the response details and
 * lints are kept only where a bug report needs them: every answer that was not authoritative,
 * and each region's earliest authoritative one (the contrast); for the rest the headers,
 * timings and addresses suffice, and state stays small.
 */
final class EvidenceStore {
    private static final StringSerializer KEYS = new StringSerializer();
    private final KeyValueStore<String, Observation> store;

    EvidenceStore(KeyValueStore<String, Observation> store) {
        this.store = store;
    }

    static String key(String certificateId, long sentAtMs, String observationId) {
        return certificateId + "|" + String.format("%013d", Math.max(0, sentAtMs)) + "|" + observationId;
    }

    static String key(Observation o) {
        return key(o.certificateId(), o.probe().sentAt() == null ? 0 : o.probe().sentAt().toEpochMilli(), o.observationId());
    }

    static String key(String certificateId, ProbeSummary p) {
        return key(certificateId, p.sentAt() == null ? 0 : p.sentAt().toEpochMilli(), p.observationId());
    }

    /**
     * Adds {@code o}, given the certificate's probes before it: raw bytes kept if it was not
     * authoritative or is now its region's earliest authoritative answer (whose predecessor then
     * loses its raw bytes), so what is kept does not depend on arrival order.
     */
    void add(Observation o, List<ProbeSummary> before) {
        boolean authoritative = o.outcome().group() == OutcomeGroup.AUTHORITATIVE;
        if (!authoritative) {
            store.put(key(o), o);
            return;
        }
        ProbeSummary earliest = null;
        for (ProbeSummary p : before) {
            if (p.region().equals(o.region()) && p.outcome().group() == OutcomeGroup.AUTHORITATIVE) {
                earliest = p;
                break;
            }
        }
        ProbeSummary self = ProbeSummary.of(o);
        if (earliest == null || ProbeSummary.BY_SEND_TIME.compare(self, earliest) < 0) {
            store.put(key(o), o);
            if (earliest != null) {
                String previous = key(o.certificateId(), earliest);
                Observation kept = store.get(previous);
                if (kept != null) {
                    store.put(previous, slim(kept));
                }
            }
        } else {
            store.put(key(o), slim(o));
        }
    }

    static List<Observation> of(ReadOnlyKeyValueStore<String, Observation> store, String certificateId) {
        List<Observation> all = new ArrayList<>();
        try (KeyValueIterator<String, Observation> it = store.prefixScan(certificateId + "|", KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, Observation> next = it.next();
                if (next.value != null) {
                    all.add(next.value);
                }
            }
        }
        return all;
    }

    void deleteAll(String certificateId) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Observation> it = store.prefixScan(certificateId + "|", KEYS)) {
            while (it.hasNext()) {
                keys.add(it.next().key);
            }
        }
        keys.forEach(store::delete);
    }

    /** Without raw bytes, response details and lints. */
    static Observation slim(Observation o) {
        ProbeResult p = o.probe();
        ProbeResult slim = new ProbeResult(p.url(), p.requestUrl(), p.method(), p.kind(), p.certIdHash(), p.serial(), p.sentAt(),
                p.resolvedAddresses(), p.connectedAddress(), p.redirects(), p.timings(), p.httpStatus(), p.headers(), p.bodyBytes(),
                p.outcome(), p.reason(), null, null, null, null);
        return new Observation(o.observationId(), o.certificateId(), o.issuerSpkiSha256(), o.region(), o.agentId(), o.kind(),
                o.publishedAt(), o.deadline(), o.scheduledAt(), o.late(), slim);
    }
}
