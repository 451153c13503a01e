package dev.ocspwatch.app.bench;

import dev.ocspwatch.collector.verdict.DecisionSettings;
import dev.ocspwatch.common.kafka.KafkaSettings;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.lab.kafka.InProcessKafka;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The collector (Kafka Streams, exactly-once, RocksDB) on the in-process broker: observations per
 * second from Kafka into decided state against a plain consumer reading the same records, the
 * latency from a decision's due time to its verdict record, and the state bytes per certificate
 * in flight.
 */
@Command(name = "collector", mixinStandardHelpOptions = true,
        description = "Collector observations per second against a plain consumer, decision latency, state bytes per certificate.")
public final class CollectorBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--certificates", defaultValue = "20000", description = "Certificates preloaded (default: ${DEFAULT-VALUE}).")
    int certificates;

    @Option(names = "--observations-per-certificate", defaultValue = "10",
            description = "Observations per certificate, round robin over 3 regions (default: ${DEFAULT-VALUE}).")
    int perCertificate;

    @Option(names = "--runs", defaultValue = "3", description = "Measured runs; the median is printed (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--stream-threads", defaultValue = "1", description = "The collector's stream threads (default: ${DEFAULT-VALUE}, as deployed).")
    int streamThreads;

    @Option(names = "--already-due", description = "Publish the preloaded certificates a deadline and grace ago, so each is decided "
            + "as soon as its state exists and every later observation decides it again: the path most of a watched certificate's "
            + "observations take (default: published now, nothing falls due while measuring).")
    boolean alreadyDue;

    @Option(names = "--latency-certificates", defaultValue = "3000",
            description = "Certificates whose first decisions fall due during the latency phase (default: ${DEFAULT-VALUE}).")
    int latencyCertificates;

    @Option(names = "--latency-spread", defaultValue = "25s", converter = dev.ocspwatch.app.cli.DurationConverter.class,
            description = "Over how long their decisions fall due (default: ${DEFAULT-VALUE}).")
    Duration spread;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (runs < 1 || certificates < 1 || perCertificate < 1 || latencyCertificates < 1 || partitions < 1 || streamThreads < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "runs, counts, partitions and threads must be at least 1");
        }
        long observations = (long) certificates * perCertificate;
        Path directory = Files.createTempDirectory("ocspwatch-bench-collector");
        CollectorLoad load = new CollectorLoad(11);
        out.printf(Locale.ROOT, "conditions: one JVM, the in-process broker and the collector share %d cores (load average %.2f at start,"
                + " other work included); %d partitions per topic; exactly-once v2, commit every 100 ms, %d stream thread(s),"
                + " RocksDB state with changelogs (replication 1); Java %s%n", Runtime.getRuntime().availableProcessors(),
                loadAverage(), partitions, streamThreads, System.getProperty("java.version"));
        try {
            List<CollectorStateSize.StoreSize> state = throughputAndState(out, directory, load, observations);
            latency(out, directory, load);
            stateSize(out, state);
        } finally {
            CollectorStateSize.deleteTree(directory);
        }
        out.printf(Locale.ROOT, "(load average %.2f at the end)%n", loadAverage());
        return 0;
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Figure 1, printed; the state the last measured run left, for figure 3 (measured while its broker still holds the changelogs). */
    private List<CollectorStateSize.StoreSize> throughputAndState(PrintWriter out, Path directory, CollectorLoad load, long observations)
            throws Exception {
        try (InProcessKafka kafka = InProcessKafka.startTemporary(); Admin admin = kafka.admin()) {
            kafka.createTopics(Topics.collector().stream().map(t -> t.spec(partitions)).toList());
            KafkaSettings settings = KafkaSettings.of(kafka.bootstrapServers());
            out.printf(Locale.ROOT, "preloading %,d certificates and %,d observations (%d per certificate, 3 regions)...%n", certificates,
                    observations, perCertificate);
            out.flush();
            long preloading = System.nanoTime();
            // Published now, 15-minute deadline: the first decision is due in 16 minutes, so none fires while measuring.
            // Already due: published a deadline, the grace and a minute ago, inside the hour's watch window, so the first
            // punctuation decides each certificate read so far and every observation after it decides again.
            DecisionSettings decisions = DecisionSettings.DEFAULT;
            Instant published = alreadyDue ? Instant.now().minus(decisions.deadline()).minus(decisions.grace()).minusSeconds(60)
                    : Instant.now();
            CollectorThroughput.preload(settings, load, certificates, perCertificate, published);
            Map<String, Long> topicBytes = CollectorStateSize.topicBytes(admin);
            out.printf(Locale.ROOT, "preloaded in %.1f s; on the broker (lz4): observations %,d bytes (%,d per record),"
                    + " certificates %,d bytes%n", (System.nanoTime() - preloading) / 1e9, topicBytes.get(Topics.OBSERVATIONS.name()),
                    topicBytes.get(Topics.OBSERVATIONS.name()) / observations, topicBytes.get(Topics.CERTIFICATES.name()));
            out.flush();

            List<CollectorThroughput.Pass> raw = new ArrayList<>();
            List<CollectorThroughput.Pass> parsed = new ArrayList<>();
            List<CollectorThroughput.Pass> collector = new ArrayList<>();
            String lastApplication = null;
            for (int run = 0; run <= runs; run++) { // run 0 warms the JIT and the broker's page cache, discarded
                CollectorThroughput.Pass plain = CollectorThroughput.rawRead(settings, observations, false);
                CollectorThroughput.Pass parsing = CollectorThroughput.rawRead(settings, observations, true);
                lastApplication = "bench-collector-" + run;
                CollectorThroughput.Pass streams = CollectorThroughput.collector(admin, settings, lastApplication,
                        directory.resolve("state-" + run), streamThreads, observations);
                out.printf(Locale.ROOT, "  %-8s plain consumer %,9.0f obs/s; parsing %,8.0f obs/s; collector %,7.0f obs/s (%.2f s, %.2f s"
                        + " start-up, %.2f cores busy)%n", run == 0 ? "warm-up" : "run " + run, plain.perSecond(), parsing.perSecond(),
                        streams.perSecond(), streams.seconds(), streams.startSeconds(), streams.coresBusy());
                out.flush();
                if (run < runs) {
                    CollectorStateSize.deleteTree(directory.resolve("state-" + run));
                }
                if (run > 0) {
                    raw.add(plain);
                    parsed.add(parsing);
                    collector.add(streams);
                }
            }
            CollectorThroughput.Pass rawMedian = median(raw);
            CollectorThroughput.Pass parsedMedian = median(parsed);
            CollectorThroughput.Pass median = median(collector);
            out.printf(Locale.ROOT, "%n1. observations from Kafka to decided state (median of %d runs, %,d observations, %,.0f bytes each"
                    + " as read):%n", runs, observations, (double) rawMedian.bytes() / rawMedian.records());
            out.printf(Locale.ROOT, "   plain KafkaConsumer<byte[],byte[]>, read_committed  %,9.0f obs/s  (%,.0f..%,.0f)  %.2f cores busy%n",
                    rawMedian.perSecond(), min(raw), max(raw), rawMedian.coresBusy());
            out.printf(Locale.ROOT, "   the same, each value parsed into an Observation     %,9.0f obs/s  (%,.0f..%,.0f)  %.2f cores busy%n",
                    parsedMedian.perSecond(), min(parsed), max(parsed), parsedMedian.coresBusy());
            out.printf(Locale.ROOT, "   collector, start() to offsets committed            %,9.0f obs/s  (%,.0f..%,.0f)  %.2f cores busy%n",
                    median.perSecond(), min(collector), max(collector), median.coresBusy());
            out.printf(Locale.ROOT, "   collector / plain consumer = %.2f (aim: at least 0.5); collector / parsing consumer = %.2f%n",
                    median.perSecond() / rawMedian.perSecond(), median.perSecond() / parsedMedian.perSecond());
            out.printf(Locale.ROOT, "   of the collector's %.2f s: %.2f s start-up (to RUNNING), all in state at %.2f s; its stream thread(s)"
                    + " on CPU %.2f s (%.0f%% of one core over the run)%n", median.seconds(), median.startSeconds(), median.stateSeconds(),
                    median.streamCpuSeconds(), 100 * median.streamCpuSeconds() / median.seconds());
            out.printf(Locale.ROOT, alreadyDue
                    ? "   (each run a fresh collector: own group, changelogs and RocksDB, start-up included; --already-due: every certificate"
                    + " is decided once its state exists and every observation after that decides it again over all its probes)%n"
                    : "   (each run a fresh collector: own group, changelogs and RocksDB, start-up included; no decision falls due"
                    + " in this phase, so the re-evaluation an observation after a certificate's first decision triggers is not in it;"
                    + " see --already-due)%n");
            out.flush();

            return CollectorStateSize.measure(directory.resolve("state-" + runs).resolve(lastApplication), admin, lastApplication);
        }
    }

    private void stateSize(PrintWriter out, List<CollectorStateSize.StoreSize> sizes) {
        out.printf(Locale.ROOT, "%n3. state per certificate in flight (%,d certificates, %d observations each, %s;"
                + " the last measured run's collector, closed cleanly):%n", certificates, perCertificate,
                alreadyDue ? "decided at their deadline" : "none decided yet");
        out.printf(Locale.ROOT, "   %-18s %10s %14s %12s %14s %12s %16s%n", "store", "entries", "live bytes", "live/cert", "RocksDB files",
                "files/cert", "changelog/cert");
        long live = 0;
        long disk = 0;
        long changelog = 0;
        for (CollectorStateSize.StoreSize s : sizes) {
            out.printf(Locale.ROOT, "   %-18s %,10d %,14d %,12d %,14d %,12d %,16d%n", s.store(), s.entries(), s.liveBytes(),
                    s.liveBytes() / certificates, s.diskBytes(), s.diskBytes() / certificates, s.changelogBytes() / certificates);
            live += s.liveBytes();
            disk += s.diskBytes();
            changelog += s.changelogBytes();
        }
        out.printf(Locale.ROOT, "   %-18s %10s %,14d %,12d %,14d %,12d %,16d%n", "total", "", live, live / certificates, disk,
                disk / certificates, changelog / certificates);
        out.printf(Locale.ROOT, "   (live = key + value bytes of every entry, read back from RocksDB: the state a certificate costs;"
                + " RocksDB files = the store directories after the close flushed them, overwritten versions included until compaction;"
                + " changelog = bytes the changelog topics hold on the broker, every write, not yet compacted)%n");
        out.flush();
    }

    private void latency(PrintWriter out, Path directory, CollectorLoad load) throws Exception {
        DecisionSettings scaled = DecisionSettings.DEFAULT.scaledTo(Duration.ofSeconds(5));
        // A long window: no final decision falls due during the phase, so the timer holds first decisions only.
        DecisionSettings decisions = scaled.withWindow(scaled.grace(), Duration.ofMinutes(2));
        out.printf(Locale.ROOT, "%n2. decision latency: %,d certificates published live, first decisions due over %d s (deadline %d s,"
                + " grace %d ms, punctuation every %d ms), a fresh broker and collector...%n", latencyCertificates, spread.toSeconds(),
                decisions.deadline().toSeconds(), decisions.grace().toMillis(), decisions.punctuateEvery().toMillis());
        out.flush();
        CollectorLatency.Result r;
        try (InProcessKafka kafka = InProcessKafka.startTemporary()) {
            kafka.createTopics(Topics.collector().stream().map(t -> t.spec(partitions)).toList());
            r = CollectorLatency.run(KafkaSettings.of(kafka.bootstrapServers()), directory.resolve("state-latency"), decisions, load,
                    latencyCertificates, spread);
        }
        out.printf(Locale.ROOT, "   %,d of %,d certificates decided; live input %,d records over %.1f s (%,.0f/s), publisher at most %d ms"
                + " behind its schedule%n", r.decided(), r.certificates(), r.records(), r.seconds(), r.records() / r.seconds(),
                r.maxSendLagMs());
        out.printf(Locale.ROOT, "   due (deadline + grace) to verdict record timestamp     p50 %5d ms   p99 %5d ms   max %5d ms%n",
                percentile(r.decidedMs(), 50), percentile(r.decidedMs(), 99), percentile(r.decidedMs(), 100));
        out.printf(Locale.ROOT, "   due to arrival at a read_committed consumer          p50 %5d ms   p99 %5d ms   max %5d ms   (aim: p99 < 1 s)%n",
                percentile(r.visibleMs(), 50), percentile(r.visibleMs(), 99), percentile(r.visibleMs(), 100));
        out.printf(Locale.ROOT, "   ocspwatch_collector_decision_latency (Micrometer, %,d decisions)  p50 %5.0f ms   p99 %5.0f ms%n",
                r.timer().count(), CollectorLatency.timerMs(r.timer(), 0.5), CollectorLatency.timerMs(r.timer(), 0.99));
        out.flush();
    }

    private static CollectorThroughput.Pass median(List<CollectorThroughput.Pass> passes) {
        List<CollectorThroughput.Pass> sorted = new ArrayList<>(passes);
        sorted.sort(Comparator.comparingDouble(CollectorThroughput.Pass::seconds));
        return sorted.get(sorted.size() / 2);
    }

    private static double min(List<CollectorThroughput.Pass> passes) {
        return passes.stream().mapToDouble(CollectorThroughput.Pass::perSecond).min().orElse(Double.NaN);
    }

    private static double max(List<CollectorThroughput.Pass> passes) {
        return passes.stream().mapToDouble(CollectorThroughput.Pass::perSecond).max().orElse(Double.NaN);
    }

    static long percentile(List<Long> values, int percentile) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
