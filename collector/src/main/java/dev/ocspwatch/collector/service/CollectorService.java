package dev.ocspwatch.collector.service;

import dev.ocspwatch.collector.metrics.CollectorMetrics;
import dev.ocspwatch.collector.query.CollectorView;
import dev.ocspwatch.collector.topology.CollectorTopology;
import dev.ocspwatch.collector.verdict.DecisionSettings;
import dev.ocspwatch.common.kafka.KafkaSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's Kafka Streams application: exactly-once processing (each input record changes
 * state, the due index and the verdicts topic in one transaction, so a crash never half-decides
 * or emits twice), RocksDB state with changelogs, and the view the API reads.
 */
public final class CollectorService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorService.class);
    private final KafkaStreams streams;
    private final StreamsCollectorView view;
    private final KafkaStreamsMetrics streamsMetrics;

    public CollectorService(CollectorStreamsSettings settings, KafkaSettings kafka, DecisionSettings decisions, CollectorMetrics metrics) {
        this.streams = new KafkaStreams(CollectorTopology.build(decisions, metrics), properties(settings, kafka));
        this.view = new StreamsCollectorView(streams, metrics, settings.applicationServerInfo());
        // A stream thread that throws is replaced, not lost: records that made it throw are a bug to see in the log, not a stop.
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("a collector stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics.registry());
        Gauge.builder("ocspwatch_collector_certificates_in_flight", view, StreamsCollectorView::certificatesInFlight)
                .description("certificates whose state this instance holds (approximate)").register(metrics.registry());
        Gauge.builder("ocspwatch_collector_running", streams, s -> s.state() == KafkaStreams.State.RUNNING ? 1 : 0)
                .description("1 while Kafka Streams is RUNNING").register(metrics.registry());
    }

    static Properties properties(CollectorStreamsSettings settings, KafkaSettings kafka) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDirectory().toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, settings.replicationFactor());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
        // Exactly-once commits every 100 ms by default: a verdict is visible to readers within that of its decision.
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // Changelogs carry every state write, evidence most (the observations' JSON): lz4 makes them a third as large (broker
        // and disk work, measured with bench collector), and larger batches mean fewer produce requests and sender wake-ups.
        // A commit flushes the producer anyway, so batching adds no delay to a verdict.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        // Announced to the other instances, so each can tell where a certificate's evidence lives (StreamsCollectorView.locate).
        if (settings.applicationServer() != null) {
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, settings.applicationServer());
        }
        // SASL, TLS and other client settings pass through to every client Streams creates.
        kafka.properties().forEach(p::put);
        return p;
    }

    public void start() {
        streams.start();
    }

    /** Whether Streams reached RUNNING within {@code timeout}. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        Object lock = new Object();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > until || streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                return streams.state() == KafkaStreams.State.RUNNING;
            }
            synchronized (lock) {
                lock.wait(20);
            }
        }
        return true;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public CollectorView view() {
        return view;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /** Stops; {@code Duration.ZERO} abandons the work in progress as a crash would (its transaction is aborted). */
    public void close(Duration timeout) {
        streams.close(timeout);
        streamsMetrics.close();
    }
}
