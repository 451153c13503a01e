package dev.ocspwatch.agent.prober;

import dev.ocspwatch.agent.discovery.CtApi;
import dev.ocspwatch.agent.discovery.DiscoveryAgent;
import dev.ocspwatch.agent.discovery.DiscoverySettings;
import dev.ocspwatch.agent.discovery.FollowerSettings;
import dev.ocspwatch.agent.discovery.LogSpec;
import dev.ocspwatch.agent.probe.AddressPolicy;
import dev.ocspwatch.agent.probe.Cidr;
import dev.ocspwatch.agent.probe.FetchLimits;
import dev.ocspwatch.agent.probe.NameResolver;
import dev.ocspwatch.agent.testing.Signal;
import dev.ocspwatch.common.id.CertificateId;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.IssuerRecord;
import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.TopicSpec;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.x509.IssuerCertificate;
import dev.ocspwatch.lab.ct.SimulatedCtLog;
import dev.ocspwatch.lab.kafka.InProcessKafka;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.world.World;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The prober's integration-test fixture, shared by a test class: one real in-process broker with
 * the prober's topics, one Vert.x, a producer for records a test puts on the topics itself, and
 * a reader that follows {@code ocspwatch.observations} from the start for the whole class. Lab
 * worlds, discovery agents and probers a test starts are closed by {@link #endTest()}, which
 * also empties {@code ocspwatch.certificates} (its records are deleted up to the end), so the
 * next test's probers rebuild their schedules from nothing of the previous test's.
 */
final class ProberLab implements AutoCloseable {
    static final Path SCENARIOS = Path.of("../config/scenarios");
    static final int CERTIFICATE_PARTITIONS = 6;
    /** The lab's networks and nothing else: its CDN points of presence and its dead addresses; loopback 127.0.0.1, RFC 1918 and link-local stay refused. */
    static final AddressPolicy LAB_NETWORKS = new AddressPolicy(false, List.of(Cidr.parse("127.0.1.0/24"), Cidr.parse("127.0.2.0/24")));
    static final Duration WAIT = Duration.ofSeconds(60);

    private final InProcessKafka kafka;
    private final KafkaSettings settings;
    private final Vertx vertx;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Observations observations;
    private final Deque<AutoCloseable> perTest = new ArrayDeque<>();

    private ProberLab(InProcessKafka kafka, Vertx vertx) {
        this.kafka = kafka;
        this.settings = KafkaSettings.of(kafka.bootstrapServers());
        this.vertx = vertx;
        this.producer = new KafkaProducer<>(settings.producer("prober-test-producer"), new ByteArraySerializer(), new ByteArraySerializer());
        this.observations = new Observations(settings);
    }

    /** A broker (with {@code brokerOverrides}) and the prober's topics: certificates in {@value #CERTIFICATE_PARTITIONS} partitions. */
    static ProberLab start(Map<String, String> brokerOverrides) {
        InProcessKafka kafka = InProcessKafka.start(null, 0, brokerOverrides);
        try {
            List<TopicSpec> topics = new ArrayList<>();
            topics.add(Topics.CERTIFICATES.spec(CERTIFICATE_PARTITIONS));
            topics.add(Topics.ISSUERS.spec(3));
            topics.add(Topics.DISCOVERY_CHECKPOINTS.spec(1));
            topics.add(Topics.OBSERVATIONS.spec(6));
            kafka.createTopics(topics);
            return new ProberLab(kafka, Vertx.vertx());
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    InProcessKafka kafka() {
        return kafka;
    }

    KafkaSettings kafkaSettings() {
        return settings;
    }

    Vertx vertx() {
        return vertx;
    }

    Observations observations() {
        return observations;
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("not completed within " + WAIT.toSeconds() + " s: " + e, e);
        }
    }

    // ----- worlds, discovery, probers -----

    /** Loads a shipped scenario. */
    static Scenario shipped(String name) {
        try {
            return Scenario.load(SCENARIOS, name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code yaml} to {@code directory/<name>.yaml} and loads it, as the lab loads its shipped scenarios. */
    static Scenario scenario(Path directory, String name, String yaml) {
        try {
            Path file = directory.resolve(name + ".yaml");
            Files.writeString(file, yaml);
            return Scenario.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a world (closed at the end of the test); it issues only what the test asks for. */
    Future<World> world(Scenario scenario) {
        return World.start(vertx, scenario, Clock.systemUTC()).onSuccess(world -> register(world));
    }

    /** Discovery following every log of {@code world} from its first entry. */
    Future<String> discover(World world) {
        List<LogSpec> logs = new ArrayList<>();
        for (SimulatedCtLog log : world.logs()) {
            Scenario.CtApi api = world.scenario().ctLogs().stream().filter(s -> s.name().equals(log.name())).findFirst()
                    .orElseThrow().api();
            CtApi agentApi = api == Scenario.CtApi.STATIC ? CtApi.STATIC : CtApi.RFC6962;
            logs.add(new LogSpec(log.name(), world.logUrl(log.name()), agentApi,
                    Base64.getEncoder().encodeToString(log.key().getPublic().getEncoded()),
                    agentApi == CtApi.STATIC ? log.origin() : null, 0L));
        }
        DiscoverySettings discovery = DiscoverySettings.logs(logs, new FollowerSettings(Duration.ofMillis(200), 64, 2, Duration.ofMillis(300), 5));
        return deploy(new DiscoveryAgent(discovery, settings, new SimpleMeterRegistry(), Clock.systemUTC(), "ocspwatch-test"));
    }

    /** Settings for a prober of the lab: only the lab's networks, a 20 ms tick. */
    static ProberSettings settings(String region, String agentId, ScheduleSettings schedule, FetchLimits limits) {
        return new ProberSettings(region, agentId, schedule, null, limits, LAB_NETWORKS, 10_000, 1_000, null, Duration.ofMillis(20));
    }

    Future<Prober> prober(ProberSettings prober, NameResolver resolver) {
        return prober(prober, resolver, settings);
    }

    /** Deploys a prober (undeployed at the end of the test unless {@link #stop}ped before). */
    Future<Prober> prober(ProberSettings prober, NameResolver resolver, KafkaSettings kafkaSettings) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProberAgent agent = new ProberAgent(prober, kafkaSettings, resolver, registry, Clock.systemUTC());
        return deploy(agent).map(id -> new Prober(prober, id, agent, registry));
    }

    Future<Void> stop(Prober prober) {
        return vertx.undeploy(prober.deploymentId());
    }

    private Future<String> deploy(io.vertx.core.Deployable verticle) {
        return vertx.deployVerticle(verticle).onSuccess(id -> register(() -> {
            if (vertx.deploymentIDs().contains(id)) {
                await(vertx.undeploy(id));
            }
        }));
    }

    private void register(AutoCloseable resource) {
        synchronized (perTest) {
            perTest.push(resource);
        }
    }

    /** A deployed prober and its meters. */
    record Prober(ProberSettings settings, String deploymentId, ProberAgent agent, SimpleMeterRegistry registry) {
        String region() {
            return settings.region();
        }

        String agentId() {
            return settings.agentId();
        }

        double counter(String name, String... tags) {
            Counter counter = registry.find(name).tags(tags).counter();
            return counter == null ? 0 : counter.count();
        }

        double gauge(String name) {
            Gauge gauge = registry.find(name).gauge();
            return gauge == null ? Double.NaN : gauge.value();
        }
    }

    // ----- records a test puts on the topics itself -----

    /** Sends and waits for the broker's acknowledgement. */
    void send(ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + record.topic() + ": " + e, e);
        }
    }

    void publishIssuer(IssuerCertificate issuer) {
        send(Topics.ISSUERS.record(issuer.spkiSha256(), issuerRecord(issuer)));
    }

    static IssuerRecord issuerRecord(IssuerCertificate issuer) {
        try {
            return new IssuerRecord(issuer.spkiSha256(), issuer.certificate().getSubject().toString(),
                    Base64.getEncoder().encodeToString(issuer.certificate().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A certificate record as discovery would write it, for a certificate of {@code issuer} logged at {@code ctTimestamp}. */
    static CertificateRecord certificate(IssuerCertificate issuer, BigInteger serial, long ctTimestamp, List<String> ocspUrls) {
        return new CertificateRecord(issuer.certificateId(serial).toString(), CertificateId.hex(serial), issuer.spkiSha256(),
                "CN=" + CertificateId.hex(serial) + ".test", issuer.certificate().getSubject().toString(), false, ctTimestamp,
                "dGVzdC1sb2c=", "test-log", 0, null, null, List.of(), ocspUrls, List.of(), Instant.now());
    }

    void publishCertificate(CertificateRecord record) {
        send(Topics.CERTIFICATES.record(record.certificateId(), record));
    }

    /** On a chosen partition, with a chosen Kafka timestamp (CreateTime): what a schedule rebuild seeks by. */
    void publishCertificate(CertificateRecord record, int partition, long kafkaTimestamp) {
        ProducerRecord<byte[], byte[]> plain = Topics.CERTIFICATES.record(record.certificateId(), record);
        send(new ProducerRecord<>(plain.topic(), partition, kafkaTimestamp, plain.key(), plain.value()));
    }

    /** Deletes every record of {@code ocspwatch.certificates}: the next prober assigned a partition finds nothing to rebuild. */
    void clearCertificates() {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < CERTIFICATE_PARTITIONS; p++) {
                latest.put(new TopicPartition(Topics.CERTIFICATES.name(), p), OffsetSpec.latest());
            }
            Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                    .forEach((partition, info) -> delete.put(partition, RecordsToDelete.beforeOffset(info.offset())));
            admin.deleteRecords(delete).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not empty " + Topics.CERTIFICATES.name() + ": " + e, e);
        }
    }

    /** Stops what the test started (probers, discovery, worlds, in reverse order) and empties the certificates topic. */
    void endTest() {
        List<AutoCloseable> resources;
        synchronized (perTest) {
            resources = new ArrayList<>(perTest);
            perTest.clear();
        }
        Exception first = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (kafka.running()) {
            clearCertificates();
        }
        if (first != null) {
            throw new IllegalStateException("could not stop what the test started: " + first, first);
        }
    }

    @Override
    public void close() {
        try {
            endTest();
        } finally {
            observations.close();
            producer.close(Duration.ofSeconds(5));
            await(vertx.close());
            kafka.close();
        }
    }

    /**
     * Everything on {@code ocspwatch.observations}, read from the start on its own thread (a
     * broker that goes away and comes back is waited for); every batch read fires {@link Signal}.
     */
    static final class Observations implements AutoCloseable {
        private final KafkaSettings settings;
        private final List<Observation> all = new ArrayList<>();
        private final Map<String, Integer> copies = new ConcurrentHashMap<>();
        private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
        private final List<TopicPartition> partitions;
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Thread thread;
        private volatile boolean closed;

        Observations(KafkaSettings settings) {
            this.settings = settings;
            this.consumer = new KafkaConsumer<>(settings.consumer("prober-test-observations", null), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            this.partitions = consumer.partitionsFor(Topics.OBSERVATIONS.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            this.thread = new Thread(this::run, "prober-test-observations");
            this.thread.setDaemon(true);
            this.thread.start();
        }

        private void run() {
            try {
                while (!closed) {
                    List<Observation> batch = new ArrayList<>();
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        Observation observation = Topics.OBSERVATIONS.value(record.value());
                        batch.add(observation);
                        copies.merge(observation.observationId(), 1, Integer::sum);
                        positions.merge(record.partition(), record.offset() + 1, Math::max);
                    }
                    if (!batch.isEmpty()) {
                        synchronized (all) {
                            all.addAll(batch);
                        }
                        Signal.fire();
                    }
                }
            } catch (WakeupException e) {
                // closing
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }

        /** Every observation read so far, in the order read. */
        List<Observation> all() {
            synchronized (all) {
                return List.copyOf(all);
            }
        }

        List<Observation> where(Predicate<Observation> filter) {
            return all().stream().filter(filter).toList();
        }

        /** Observations of these certificates. */
        List<Observation> of(Collection<String> certificateIds) {
            return where(o -> certificateIds.contains(o.certificateId()));
        }

        /** How many times each observation id arrived (at-least-once delivery may repeat one). */
        Map<String, Integer> copies() {
            return Map.copyOf(copies);
        }

        /** Waits until everything on the topic now has been read. */
        void awaitCaughtUp() {
            Map<Integer, Long> end = new HashMap<>();
            try (Admin admin = Admin.create(settings.admin())) {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
                admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> end.put(tp.partition(), info.offset()));
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the end of " + Topics.OBSERVATIONS.name() + ": " + e, e);
            }
            Signal.await(() -> end.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue()), WAIT,
                    () -> "observations read up to " + positions + ", end " + end);
        }

        /** Waits until {@code condition} holds of the observations read. */
        void await(Predicate<List<Observation>> condition, Duration within, java.util.function.Supplier<String> message) {
            Signal.await(() -> condition.test(all()), within, message);
        }

        @Override
        public void close() {
            closed = true;
            consumer.wakeup();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One line per observation, for failure messages. */
    static String summary(Collection<Observation> observations) {
        return observations.stream().map(o -> o.region() + " " + o.agentId() + " " + o.certificateId().substring(60) + " " + o.kind()
                + " " + o.probe().method() + " " + o.outcome() + (o.late() ? " late" : "") + " sent " + o.probe().sentAt()
                + " deadline " + o.deadline() + " (" + o.probe().reason() + ")").collect(Collectors.joining("\n"));
    }
}
