package dev.ocspwatch.agent.discovery;

import dev.ocspwatch.common.kafka.KafkaSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The discovery role: follows every CT log the configuration and log list name, one follower per
 * log, and publishes what it finds to {@code ocspwatch.certificates} and {@code ocspwatch.issuers}.
 * A log with a checkpoint resumes there; a new log starts at its current head (or a configured
 * index). The log list is read again every {@code logListRefresh}: new logs start, removed logs stop.
 */
public final class DiscoveryAgent extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryAgent.class);

    private final DiscoverySettings settings;
    private final KafkaSettings kafka;
    private final DiscoveryMetrics metrics;
    private final Clock clock;
    private final String userAgent;
    private final Map<String, LogFollower> followers = new ConcurrentHashMap<>();
    private KafkaProducer<byte[], byte[]> producer;
    private CtHttp http;
    private LogSources sources;
    private DiscoveryPublisher publisher;
    /** Where each log resumes: checkpoints read at start, then where a stopped follower left off. */
    private final Map<String, Long> resumeAt = new ConcurrentHashMap<>();
    private long refreshTimer = -1;

    public DiscoveryAgent(DiscoverySettings settings, KafkaSettings kafka, MeterRegistry registry, Clock clock, String userAgent) {
        this.settings = settings;
        this.kafka = kafka;
        this.metrics = new DiscoveryMetrics(registry, clock);
        this.clock = clock;
        this.userAgent = userAgent;
    }

    @Override
    public Future<?> start() {
        http = new CtHttp(vertx, Duration.ofSeconds(30), 32 * 1024 * 1024, userAgent, settings.follower().parallelFetches());
        sources = new LogSources(vertx, http, settings, clock);
        return vertx.executeBlocking(() -> {
            producer = new KafkaProducer<>(kafka.producer("ocspwatch-discovery"), new ByteArraySerializer(), new ByteArraySerializer());
            CheckpointStore store = new CheckpointStore(kafka, producer);
            store.load().forEach((logId, checkpoint) -> resumeAt.put(logId, checkpoint.nextIndex()));
            publisher = new DiscoveryPublisher(vertx, producer, store, settings.filter(), new RecentIds(settings.recentIds()),
                    metrics, clock);
            return null;
        }, false).compose(v -> sources.load()).map(logs -> {
            follow(logs);
            refreshTimer = vertx.setPeriodic(settings.logListRefresh().toMillis(), id -> sources.load()
                    .onSuccess(this::follow)
                    .onFailure(e -> LOG.warn("log list refresh failed, keeping the logs followed: {}", e.getMessage())));
            return null;
        });
    }

    /** Starts followers for new logs, stops those no longer listed. */
    private void follow(LogSources.Logs logs) {
        Set<String> wanted = new HashSet<>();
        for (CtLog log : logs.logs()) {
            String id = log.logId().base64();
            wanted.add(id);
            if (followers.containsKey(id)) {
                continue;
            }
            Long resume = resumeAt.get(id);
            long start = resume != null ? resume : logs.fromIndex().getOrDefault(log.name(), LogFollower.AT_HEAD);
            LogFollower follower = LogFollower.of(vertx, http, log, settings.follower(), clock, publisher, start);
            followers.put(id, follower);
            metrics.watch(follower);
            follower.start();
            LOG.info("following {} ({}) from {}", log.name(), log.url(), start == LogFollower.AT_HEAD ? "its head" : "index " + start);
        }
        for (String id : List.copyOf(followers.keySet())) {
            if (!wanted.contains(id)) {
                LogFollower removed = followers.remove(id);
                removed.stop();
                if (removed.nextIndex() >= 0) {
                    // A list refresh that drops and later re-adds a log resumes it here, not at the start-up checkpoint.
                    resumeAt.put(id, removed.nextIndex());
                }
                LOG.info("no longer following {}: not in the log list", removed.log().name());
            }
        }
    }

    /** The followers, by log id (status pages and tests). */
    public Map<String, LogFollower> followers() {
        return Map.copyOf(followers);
    }

    @Override
    public Future<?> stop() {
        if (refreshTimer >= 0) {
            vertx.cancelTimer(refreshTimer);
        }
        followers.values().forEach(LogFollower::stop);
        http.close();
        return vertx.executeBlocking(() -> {
            if (producer != null) {
                producer.close(Duration.ofSeconds(10));
            }
            return null;
        }, false);
    }
}
