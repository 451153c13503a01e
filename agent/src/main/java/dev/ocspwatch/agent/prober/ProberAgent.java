package dev.ocspwatch.agent.prober;

import dev.ocspwatch.agent.probe.HttpFetcher;
import dev.ocspwatch.agent.probe.NameResolver;
import dev.ocspwatch.agent.probe.OcspProbe;
import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.ocsp.OcspResponseChecker;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The prober role: reads every certificate discovery found (the region's consumer group shares
 * them among the region's agents), probes each responder on the deadline-aware schedule, and
 * publishes one observation per probe to {@code ocspwatch.observations}. Wiring only: the
 * schedule is {@link ProbeScheduler}, reading {@link CertificateFeed}, politeness
 * {@link ResponderGate}, sending {@link ObservationPublisher}.
 */
public final class ProberAgent extends VerticleBase {
    private final ProberSettings settings;
    private final KafkaSettings kafka;
    private final NameResolver resolver;
    private final MeterRegistry registry;
    private final Clock clock;
    private HttpFetcher fetcher;
    private ObservationPublisher publisher;
    private ProbeScheduler scheduler;
    private CertificateFeed feed;
    private long ticker = -1;
    private ProberMetrics metrics;

    public ProberAgent(ProberSettings settings, KafkaSettings kafka, NameResolver resolver, MeterRegistry registry, Clock clock) {
        this.settings = settings;
        this.kafka = kafka;
        this.resolver = resolver;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        fetcher = new HttpFetcher(vertx, resolver, settings.addressPolicy(), clock, settings.politeness().perHostConcurrency());
        OcspProbe probe = new OcspProbe(fetcher, new OcspResponseChecker(), settings.limits(), clock);
        metrics = new ProberMetrics(registry, settings.region());
        IssuerDirectory issuers = new IssuerDirectory();
        ResponderGate gate = new ResponderGate(vertx, settings.politeness(), System::nanoTime);
        return vertx.executeBlocking(() -> new KafkaProducer<>(kafka.producer("ocspwatch-prober-" + settings.agentId()),
                new ByteArraySerializer(), new ByteArraySerializer()), false).compose(producer -> {
                    publisher = new ObservationPublisher(producer, settings.maxBufferedObservations());
                    scheduler = new ProbeScheduler(settings, gate, (url, method, expected) -> probe.probe(url, method, expected, "standard"),
                            publisher, issuers, metrics, clock);
                    feed = new CertificateFeed(kafka, settings, scheduler, context, issuers, metrics, clock);
                    registerGauges(metrics, gate, issuers);
                    ticker = vertx.setPeriodic(settings.tick().toMillis(), id -> scheduler.tick());
                    return feed.start();
                });
    }

    private void registerGauges(ProberMetrics metrics, ResponderGate gate, IssuerDirectory issuers) {
        metrics.gauge("ocspwatch_prober_watched_certificates", "certificates on the schedule", scheduler::watched);
        metrics.gauge("ocspwatch_prober_due_probes", "schedule steps due and not started", scheduler::dueNow);
        metrics.gauge("ocspwatch_prober_waiting_on_issuer", "certificates waiting for their issuer", scheduler::waitingOnIssuer);
        metrics.gauge("ocspwatch_prober_probes_waiting", "probes waiting on per-host or global limits", gate::waiting);
        metrics.gauge("ocspwatch_prober_probes_in_flight", "probes in flight", gate::inFlight);
        metrics.gauge("ocspwatch_prober_observations_held", "observations waiting for Kafka's acknowledgement", publisher::held);
        metrics.gauge("ocspwatch_prober_observations_capacity", "bound on observations held", publisher::capacity);
        metrics.gauge("ocspwatch_prober_paused", "1 while reading certificates is paused by backpressure", () -> feed.paused() ? 1 : 0);
        metrics.gauge("ocspwatch_prober_lag_records", "certificate records not yet read on this agent's partitions", feed::lag);
        metrics.gauge("ocspwatch_prober_issuers", "issuing CAs known", issuers::size);
    }

    /** Certificates on the schedule (status pages and tests). */
    public int watched() {
        return scheduler == null ? 0 : scheduler.watched();
    }

    /** Observations not yet acknowledged by Kafka. */
    public int observationsHeld() {
        return publisher == null ? 0 : publisher.held();
    }

    @Override
    public Future<?> stop() {
        if (ticker >= 0) {
            vertx.cancelTimer(ticker);
        }
        if (metrics != null) {
            metrics.removeGauges();
        }
        return vertx.executeBlocking(() -> {
            if (feed != null) {
                feed.close();
            }
            if (publisher != null) {
                publisher.close(Duration.ofSeconds(10));
            }
            return null;
        }, false).onComplete(v -> fetcher.close());
    }
}
