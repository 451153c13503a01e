package dev.ocspwatch.app.standalone;

import dev.ocspwatch.agent.discovery.DiscoverySettings;
import dev.ocspwatch.agent.probe.NameResolver;
import dev.ocspwatch.agent.probe.SystemNameResolver;
import dev.ocspwatch.app.agent.AgentNode;
import dev.ocspwatch.app.cli.Await;
import dev.ocspwatch.app.collector.CollectorNode;
import dev.ocspwatch.app.config.MetricsConfig;
import dev.ocspwatch.app.config.StandaloneConfig;
import dev.ocspwatch.app.config.StreamsConfig;
import dev.ocspwatch.app.topics.TopicCheck;
import dev.ocspwatch.app.topics.TopicPolicy;
import dev.ocspwatch.collector.verdict.DecisionSettings;
import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.Topic;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.lab.kafka.InProcessKafka;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything of {@code ocspwatch standalone} in one JVM: the in-process broker keeping its log in
 * the configured directory (so a restart carries on), topics created as a cluster would need
 * them, discovery, one region's prober, and the collector with its dashboard. Blocking methods
 * are for a command's own thread.
 */
public final class StandaloneNode implements AutoCloseable {
    /** One machine, one broker: 6 partitions leave room for the collector's threads without a thousand files. */
    static final int PARTITIONS = 6;

    private final InProcessKafka kafka;
    private final Vertx vertx;
    private final AgentNode agent;
    private final CollectorNode collector;

    private StandaloneNode(InProcessKafka kafka, Vertx vertx, AgentNode agent, CollectorNode collector) {
        this.kafka = kafka;
        this.vertx = vertx;
        this.agent = agent;
        this.collector = collector;
    }

    /**
     * @param resolver how the prober resolves names outside {@code prober.hosts}: the system's in
     *     the command, the lab's in tests; null for the system's
     */
    public static StandaloneNode start(StandaloneConfig config, PrometheusMeterRegistry registry, NameResolver resolver) throws Exception {
        Path directory = config.directory().toAbsolutePath();
        Files.createDirectories(directory);
        InProcessKafka kafka = InProcessKafka.start(directory.resolve("kafka"), config.brokerPort(), Map.of());
        Vertx vertx = Vertx.vertx();
        AgentNode agent = null;
        CollectorNode collector = null;
        try {
            KafkaSettings settings = KafkaSettings.of(kafka.bootstrapServers());
            TopicPolicy policy = new TopicPolicy(true, PARTITIONS, 1, TopicPolicy.DEFAULT_RETENTION);
            TopicCheck.ensure(settings, topics(), policy, config.watch().lifetime());
            DecisionSettings decisions = config.decision().settings(config.watch(), List.of(config.prober().region()));
            collector = CollectorNode.start(vertx, registry, settings,
                    new StreamsConfig("ocspwatch-standalone", directory.resolve("collector"), 1, 1, 0), decisions, config.api(),
                    config.alerts(), Duration.ofMinutes(2));
            DiscoverySettings discovery = withCache(config.discovery(), directory.resolve("log-list.json"));
            agent = AgentNode.start(vertx, registry, settings, config.watch(), discovery, config.prober(), new MetricsConfig(null, -1),
                    resolver != null ? resolver : new SystemNameResolver(vertx));
            return new StandaloneNode(kafka, vertx, agent, collector);
        } catch (Exception e) {
            new StandaloneNode(kafka, vertx, agent, collector).close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public CollectorNode collector() {
        return collector;
    }

    /** The prober stops first (its observations flushed), then the collector, then the broker. */
    @Override
    public void close() {
        if (agent != null) {
            agent.close();
        }
        if (collector != null) {
            collector.close();
        }
        try {
            Await.result(vertx.close());
        } catch (Exception e) {
            // the broker still stops
        }
        kafka.close();
    }

    private static Set<Topic<?, ?>> topics() {
        Set<Topic<?, ?>> topics = new LinkedHashSet<>(Topics.discovery());
        topics.addAll(Topics.collector());
        return topics;
    }

    /** A log list fetched from a URL is kept beside the broker unless the configuration says where. */
    private static DiscoverySettings withCache(DiscoverySettings d, Path cache) {
        return d.logListCache() != null ? d
                : new DiscoverySettings(d.logList(), cache, d.logListRefresh(), d.logs(), d.follower(), d.filter(), d.recentIds());
    }
}
