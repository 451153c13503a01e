package dev.ocspwatch.collector.service;

import dev.ocspwatch.collector.metrics.CollectorMetrics;
import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.collector.query.CollectorHealth;
import dev.ocspwatch.collector.query.CollectorView;
import dev.ocspwatch.collector.query.VerdictFilter;
import dev.ocspwatch.collector.query.VerdictPage;
import dev.ocspwatch.collector.query.VerdictQuery;
import dev.ocspwatch.collector.state.CertificateState;
import dev.ocspwatch.collector.topology.StoreNames;
import dev.ocspwatch.collector.topology.StoreQueries;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.VerdictRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The API's reads, by interactive queries. Lists and statistics come from the global
 * {@code verdicts-view} store, a copy of the compacted verdicts topic on every instance: any
 * instance answers them whole, and they outlive the per-certificate state. A certificate's
 * observations come from the task stores this instance holds (with several instances, the one
 * that owns the certificate's partition has them).
 */
final class StreamsCollectorView implements CollectorView {
    private final KafkaStreams streams;
    private final CollectorMetrics metrics;

    StreamsCollectorView(KafkaStreams streams, CollectorMetrics metrics) {
        this.streams = streams;
        this.metrics = metrics;
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }

    @Override
    public VerdictPage verdicts(VerdictQuery query) {
        List<VerdictRecord> matches = new ArrayList<>();
        forEachVerdict(v -> {
            if (VerdictFilter.matches(query, v)) {
                matches.add(v);
            }
        });
        return VerdictFilter.page(matches, query);
    }

    @Override
    public void forEachVerdict(Consumer<VerdictRecord> action) {
        ReadOnlyKeyValueStore<String, VerdictRecord> view = store(StoreNames.VERDICTS);
        try (KeyValueIterator<String, VerdictRecord> it = view.all()) {
            while (it.hasNext()) {
                VerdictRecord v = it.next().value;
                if (v != null) {
                    action.accept(v);
                }
            }
        }
    }

    @Override
    public Optional<CertificateEvidence> certificate(String certificateId) {
        VerdictRecord verdict = this.<VerdictRecord>store(StoreNames.VERDICTS).get(certificateId);
        CertificateState state = this.<CertificateState>store(StoreNames.CERTIFICATES).get(certificateId);
        List<Observation> observations = state == null ? List.of()
                : StoreQueries.evidence(this.<byte[]>store(StoreNames.EVIDENCE), certificateId);
        if (verdict == null && state == null) {
            return Optional.empty();
        }
        return Optional.of(new CertificateEvidence(certificateId, verdict, state == null ? null
                : StoreQueries.certificate(this.<byte[]>store(StoreNames.CERTIFICATE_RECORDS), certificateId), observations));
    }

    @Override
    public CollectorHealth health() {
        KafkaStreams.State state = streams.state();
        Map<String, Long> details = new LinkedHashMap<>();
        details.put("certificatesInFlight", (long) certificatesInFlight());
        details.put("rejectedRecords", (long) metrics.registry().find("ocspwatch_collector_rejected").counters().stream()
                .mapToDouble(c -> c.count()).sum());
        return new CollectorHealth(state.name(), state == KafkaStreams.State.RUNNING, details);
    }

    double certificatesInFlight() {
        try {
            return store(StoreNames.CERTIFICATES).approximateNumEntries();
        } catch (InvalidStateStoreException e) {
            return Double.NaN; // rebalancing or not started: no number rather than a wrong one
        }
    }
}
