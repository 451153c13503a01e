package dev.ocspwatch.collector.service;

import dev.ocspwatch.collector.metrics.CollectorMetrics;
import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.collector.query.CollectorHealth;
import dev.ocspwatch.collector.query.CollectorView;
import dev.ocspwatch.collector.query.EvidenceLocation;
import dev.ocspwatch.collector.query.EvidenceUnavailableException;
import dev.ocspwatch.collector.query.VerdictFilter;
import dev.ocspwatch.collector.query.VerdictPage;
import dev.ocspwatch.collector.query.VerdictQuery;
import dev.ocspwatch.collector.state.CertificateState;
import dev.ocspwatch.collector.topology.StoreNames;
import dev.ocspwatch.collector.topology.StoreQueries;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.IssuerRecord;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.kafka.VerdictRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The API's reads, by interactive queries. Lists and statistics come from the global
 * {@code verdicts-view} store, a copy of the compacted verdicts topic on every instance: any
 * instance answers them whole, and they outlive the per-certificate state. A certificate's
 * observations come from the task stores this instance holds (with several instances, the one
 * that owns the certificate's partition has them; {@link #locate(String)} names it from the
 * {@code application.server} every instance announces).
 */
final class StreamsCollectorView implements CollectorView {
    /** The serializer producers key observations with: the owner is found by the same partitioning. */
    private static final Serializer<String> KEYS = Topics.OBSERVATIONS.keySerde().serializer();
    private final KafkaStreams streams;
    private final CollectorMetrics metrics;
    private final HostInfo self;

    /** @param self this instance's {@code application.server}, or null when it has none (it then answers for everything itself) */
    StreamsCollectorView(KafkaStreams streams, CollectorMetrics metrics, HostInfo self) {
        this.streams = streams;
        this.metrics = metrics;
        this.self = self;
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
    public EvidenceLocation locate(String certificateId) {
        if (self == null) {
            // Without application.server no instance can point to another: each answers from what it holds, as before.
            return EvidenceLocation.local();
        }
        KeyQueryMetadata owner;
        try {
            owner = streams.queryMetadataForKey(StoreNames.CERTIFICATES, certificateId, KEYS);
        } catch (StreamsException | IllegalStateException e) {
            return new EvidenceLocation.Unavailable("the collector is " + streams.state() + ", not answering for certificates");
        }
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            return new EvidenceLocation.Unavailable("collector instances are rebalancing: certificate " + certificateId
                    + " has no owner at the moment");
        }
        HostInfo active = owner.activeHost();
        return active.equals(self) ? EvidenceLocation.local() : new EvidenceLocation.Remote(active.host(), active.port());
    }

    @Override
    public Optional<CertificateEvidence> certificate(String certificateId) {
        try {
            return read(certificateId);
        } catch (InvalidStateStoreException e) {
            throw new EvidenceUnavailableException("the stores holding certificate " + certificateId
                    + " are being restored or moved (" + streams.state() + ")", e);
        }
    }

    private Optional<CertificateEvidence> read(String certificateId) {
        VerdictRecord verdict = this.<VerdictRecord>store(StoreNames.VERDICTS).get(certificateId);
        CertificateState state = this.<CertificateState>store(StoreNames.CERTIFICATES).get(certificateId);
        List<Observation> observations = state == null ? List.of()
                : StoreQueries.evidence(this.<byte[]>store(StoreNames.EVIDENCE), certificateId);
        if (verdict == null && state == null) {
            return Optional.empty();
        }
        CertificateRecord certificate = state == null ? null
                : StoreQueries.certificate(this.<byte[]>store(StoreNames.CERTIFICATE_RECORDS), certificateId);
        return Optional.of(new CertificateEvidence(certificateId, verdict, certificate, observations, issuer(verdict, certificate)));
    }

    /** From the global {@code issuers-view}; null while discovery's issuer record has not been read. */
    private IssuerRecord issuer(VerdictRecord verdict, CertificateRecord certificate) {
        String key = CertificateEvidence.issuerKey(verdict, certificate);
        return key == null ? null : this.<IssuerRecord>store(StoreNames.ISSUERS).get(key);
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
