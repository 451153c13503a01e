package dev.ocspwatch.agent.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.agent.testing.Signal;
import dev.ocspwatch.common.ct.ExtraData;
import dev.ocspwatch.common.ct.GetEntriesResponse;
import dev.ocspwatch.common.ct.RawEntry;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.LogCheckpoint;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.lab.ct.LogList;
import dev.ocspwatch.lab.ct.SimulatedCtLog;
import dev.ocspwatch.lab.kafka.InProcessKafka;
import dev.ocspwatch.lab.scenario.Scenario;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The discovery role as deployed: lab logs over HTTP, a real broker, checkpoints, restarts, an absent broker, metrics, log lists. */
class DiscoveryAgentTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final FollowerSettings FOLLOW = new FollowerSettings(Duration.ofMillis(20), 16, 2, Duration.ofMillis(100), 3);

    static InProcessKafka kafka;
    static Vertx vertx;
    final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeAll
    static void start() {
        kafka = InProcessKafka.startTemporary();
        KafkaRecords.createTopics(kafka);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        LogProxy.join(vertx.close());
        kafka.close();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private LabLog lab(String name) {
        LabLog lab = LabLog.start(vertx, name, 64);
        resources.add(lab);
        return lab;
    }

    /** A deployed agent; closing it undeploys it. */
    private record Deployed(DiscoveryAgent agent, String id, SimpleMeterRegistry registry) implements AutoCloseable {
        LogFollower follower(LabLog lab) {
            return agent.followers().get(lab.ctLog(CtApi.RFC6962).logId().base64());
        }

        long next(LabLog lab) {
            LogFollower follower = follower(lab);
            return follower == null ? -1 : follower.nextIndex();
        }

        double counter(String name, String... tags) {
            Counter counter = registry.find(name).tags(tags).counter();
            return counter == null ? 0 : counter.count();
        }

        double gauge(String name, String log) {
            Gauge gauge = registry.find(name).tags("log", log).gauge();
            return gauge == null ? Double.NaN : gauge.value();
        }

        @Override
        public void close() {
            if (vertx.deploymentIDs().contains(id)) {
                LogProxy.join(vertx.undeploy(id));
            }
        }
    }

    private Deployed deploy(DiscoverySettings settings) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DiscoveryAgent agent = new DiscoveryAgent(settings, KafkaSettings.of(kafka.bootstrapServers()), registry, Clock.systemUTC(),
                "ocspwatch-discovery-test");
        Deployed deployed = new Deployed(agent, LogProxy.join(vertx.deployVerticle(agent)), registry);
        resources.add(0, deployed);
        return deployed;
    }

    private static LogSpec spec(LabLog lab, CtApi api, Long fromIndex) {
        return new LogSpec(lab.name, lab.url(), api, lab.keyBase64(), api == CtApi.STATIC ? lab.log.origin() : null, fromIndex);
    }

    /** The certificate records a log's entries produced, as read back from the broker. */
    private static List<KafkaRecords.Read<CertificateRecord>> published(String logName) {
        return KafkaRecords.readAll(kafka, Topics.CERTIFICATES).stream().filter(r -> r.value().logName().equals(logName)).toList();
    }

    @Test
    void resumesFromItsCheckpointsAfterARestartAndSkipsNoIndexOfEitherApi() {
        LabLog rfc = lab("agent-restart-rfc");
        LabLog tiled = lab("agent-restart-tiled");
        TestCa ca = new TestCa("agent-restart", 201);
        DiscoverySettings settings = DiscoverySettings.logs(List.of(spec(rfc, CtApi.RFC6962, 0L), spec(tiled, CtApi.STATIC, 0L)),
                FOLLOW);
        AtomicBoolean issuing = new AtomicBoolean(true);
        long timer = vertx.setPeriodic(15, id -> vertx.executeBlocking(() -> {
            synchronized (issuing) {
                if (issuing.get()) {
                    rfc.submitPrecerts(ca, 3);
                    tiled.submitPrecerts(ca, 3);
                }
            }
            return null;
        }));
        Deployed first = deploy(settings);
        Signal.await(() -> first.next(rfc) >= 60 && first.next(tiled) >= 60, WAIT, "the first agent publishes");
        first.close(); // mid-stream: the lab keeps issuing
        Map<String, LogCheckpoint> checkpoints = new CheckpointStore(KafkaSettings.of(kafka.bootstrapServers()), null).load();
        Map<Integer, Long> firstEnd = KafkaRecords.endOffsets(kafka, Topics.CERTIFICATES);
        long rfcCheckpoint = checkpoints.get(rfc.ctLog(CtApi.RFC6962).logId().base64()).nextIndex();
        long tiledCheckpoint = checkpoints.get(tiled.ctLog(CtApi.STATIC).logId().base64()).nextIndex();
        assertTrue(rfcCheckpoint >= 60 && tiledCheckpoint >= 60, rfcCheckpoint + " " + tiledCheckpoint);

        Deployed second = deploy(settings);
        Signal.await(() -> second.next(rfc) >= rfcCheckpoint + 60 && second.next(tiled) >= tiledCheckpoint + 60, WAIT,
                "the second agent goes on");
        synchronized (issuing) {
            issuing.set(false); // no submission under way or to come
        }
        vertx.cancelTimer(timer);
        Signal.await(() -> second.next(rfc) == rfc.size() && second.next(tiled) == tiled.size(), WAIT,
                "caught up with everything issued");
        second.close();

        for (LabLog lab : List.of(rfc, tiled)) {
            long checkpoint = lab == rfc ? rfcCheckpoint : tiledCheckpoint;
            List<KafkaRecords.Read<CertificateRecord>> records = published(lab.name);
            Set<Long> indexes = records.stream().map(r -> r.value().logIndex()).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(LongStream.range(0, lab.size()).boxed().collect(Collectors.toCollection(TreeSet::new)), indexes,
                    lab.name + ": every index published, none beyond the log");
            for (KafkaRecords.Read<CertificateRecord> record : records) {
                assertEquals(lab.at(record.value().logIndex()).certificateId(), record.key(), "the certificate at its index");
            }
            List<Long> bySecond = records.stream().filter(r -> r.offset() >= firstEnd.get(r.partition()))
                    .map(r -> r.value().logIndex()).toList();
            assertEquals(checkpoint, bySecond.stream().mapToLong(Long::longValue).min().orElseThrow(),
                    lab.name + ": the second agent starts exactly at the checkpoint");
            long republished = records.size() - indexes.size();
            long lastBatch = lab == rfc ? FOLLOW.parallelFetches() * FOLLOW.batchSize() : FOLLOW.parallelFetches() * 256L;
            assertTrue(republished <= lastBatch, lab.name + ": at most the last batch (one fetch round) again, not " + republished);
        }
    }

    @Test
    void losesNothingWhileKafkaIsAway() {
        LabLog lab = lab("agent-kafka-away");
        TestCa ca = new TestCa("agent-away", 202);
        lab.submitPrecerts(ca, 20);
        Deployed agent = deploy(DiscoverySettings.logs(List.of(spec(lab, CtApi.RFC6962, 0L)), FOLLOW));
        Signal.await(() -> agent.next(lab) == 20, WAIT, "the first 20 published");
        kafka.stop();
        try {
            lab.submitPrecerts(ca, 30);
            Signal.await(() -> lab.proxy.count("start=20&") >= 1, WAIT, "the follower read the new entries");
            assertEquals(20, agent.next(lab), "nothing counts as handed over while Kafka is away");
        } finally {
            kafka.restart();
        }
        Signal.await(() -> agent.next(lab) == 50, Duration.ofSeconds(60), "published once Kafka is back");
        agent.close();

        Set<Long> indexes = published(lab.name).stream().map(r -> r.value().logIndex()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(LongStream.range(0, 50).boxed().collect(Collectors.toCollection(TreeSet::new)), indexes);
        assertEquals(50, new CheckpointStore(KafkaSettings.of(kafka.bootstrapServers()), null).load()
                .get(lab.ctLog(CtApi.RFC6962).logId().base64()).nextIndex());
    }

    @Test
    void countsEntriesPublishedDuplicatesAndRejectsAndHowFarBehindItIs() {
        LabLog lab = lab("agent-metrics");
        TestCa ca = new TestCa("agent-metrics", 203);
        List<BigInteger> serials = lab.submitPrecerts(ca, 200).stream().map(LabLog.Submitted::serial).toList();
        serials.forEach(serial -> lab.submit(ca, serial, false));
        Pattern range = Pattern.compile("start=(\\d+)&end=(\\d+)");
        lab.proxy.override(uri -> {
            Matcher m = range.matcher(uri);
            if (!m.find()) {
                return null;
            }
            List<RawEntry> entries = new ArrayList<>();
            for (SimulatedCtLog.LogEntry entry : lab.log.entries(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) + 1)) {
                ExtraData extra = entry.preCertificate() == null ? ExtraData.x509(entry.chain())
                        : ExtraData.precert(entry.preCertificate(), entry.chain());
                entries.add(new RawEntry(entry.index() == 4 ? "junk".getBytes(StandardCharsets.US_ASCII) : entry.leaf().encode(),
                        extra.encode()));
            }
            return LogProxy.Reply.json(GetEntriesResponse.format(entries));
        });
        Deployed agent = deploy(DiscoverySettings.logs(List.of(spec(lab, CtApi.RFC6962, 0L)),
                new FollowerSettings(Duration.ofMillis(20), 4, 1, Duration.ofMillis(100), 3)));
        Signal.await(() -> agent.gauge("ocspwatch_discovery_behind_entries", lab.name) > 0, WAIT, "behind while catching up");
        Signal.await(() -> agent.next(lab) == 400, WAIT, "caught up");
        Signal.await(() -> agent.gauge("ocspwatch_discovery_behind_entries", lab.name) == 0, WAIT, "not behind once caught up");

        assertEquals(400, agent.counter("ocspwatch_discovery_entries", "log", lab.name));
        assertEquals(200, agent.counter("ocspwatch_discovery_published", "log", lab.name),
                "199 precertificates, and the final certificate whose precertificate was unreadable");
        assertEquals(199, agent.counter("ocspwatch_discovery_duplicates", "log", lab.name));
        assertEquals(1, agent.counter("ocspwatch_discovery_rejects", "log", lab.name, "reason", "malformed-entry"));
        assertEquals(0, agent.gauge("ocspwatch_discovery_behind_seconds", lab.name));
        assertEquals(200, published(lab.name).size());
    }

    @Test
    void followsLogsTheListAddsAndStopsThoseItDrops() {
        LabLog kept = lab("agent-list-a");
        LabLog added = lab("agent-list-b");
        TestCa ca = new TestCa("agent-list", 204);
        StaticServer list = StaticServer.start(vertx, uri -> null);
        resources.add(list);
        list.answer(uri -> LogProxy.Reply.json(listOf(kept)));
        Deployed agent = deploy(new DiscoverySettings(list.url("/log_list.json"), null, Duration.ofMillis(150), List.of(), FOLLOW,
                null, null));
        String keptId = kept.ctLog(CtApi.RFC6962).logId().base64();
        String addedId = added.ctLog(CtApi.RFC6962).logId().base64();
        assertEquals(Set.of(keptId), agent.agent().followers().keySet());
        Signal.await(() -> agent.next(kept) >= 0, WAIT, "the listed log's head");
        kept.submitPrecerts(ca, 5);
        Signal.await(() -> agent.next(kept) == 5, WAIT, "a listed log starts at its head and follows");

        list.answer(uri -> LogProxy.Reply.json(listOf(added)));
        Signal.await(() -> agent.agent().followers().keySet().equals(Set.of(addedId)), WAIT, "the new list");
        Signal.await(() -> agent.next(added) >= 0, WAIT, "the added log's head");
        long keptPolls = kept.proxy.count("get-sth");
        long addedPolls = added.proxy.count("get-sth");
        added.submitPrecerts(ca, 3);
        Signal.await(() -> agent.next(added) == 3 && added.proxy.count("get-sth") >= addedPolls + 10, WAIT, "the added log followed");
        assertTrue(kept.proxy.count("get-sth") <= keptPolls + 1, "the dropped log is no longer polled");
        assertEquals(Set.of("ocspwatch lab log " + added.name), published("ocspwatch lab log " + added.name).stream()
                .map(r -> r.value().logName()).collect(Collectors.toSet()));
        assertEquals(5, published("ocspwatch lab log " + kept.name).size());

        kept.submitPrecerts(ca, 4);
        list.answer(uri -> LogProxy.Reply.json(listOfBoth(kept, added)));
        Signal.await(() -> agent.agent().followers().keySet().equals(Set.of(keptId, addedId)), WAIT, "the log listed again");
        Signal.await(() -> agent.next(kept) == 9, WAIT, "the log listed again resumes where it stopped");
        assertEquals(9, published("ocspwatch lab log " + kept.name).size(),
                "what it logged while unlisted is published once; nothing before is published again");
    }

    private static String listOfBoth(LabLog first, LabLog second) {
        return LogList.json(List.of(first.log, second.log),
                Map.of(first.name, Scenario.CtApi.RFC6962, second.name, Scenario.CtApi.RFC6962),
                Map.of(first.name, first.url(), second.name, second.url()), Instant.now());
    }

    private static String listOf(LabLog lab) {
        return LogList.json(List.of(lab.log), Map.of(lab.name, Scenario.CtApi.RFC6962), Map.of(lab.name, lab.url()), Instant.now());
    }
}
