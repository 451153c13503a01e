package dev.ocspwatch.app.lab;

import dev.ocspwatch.app.cli.Await;
import dev.ocspwatch.app.collector.MetricsRoute;
import dev.ocspwatch.collector.api.ApiServer;
import dev.ocspwatch.collector.api.ApiSettings;
import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.verdict.DecisionStage;
import dev.ocspwatch.common.verdict.Verdict;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.truth.CertificateTruth;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ocspwatch lab}: a scenario played end to end in one JVM, scored against the lab's
 * ground truth. Exit 0 on a perfect score, 1 otherwise.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"Plays a lab scenario end to end in one JVM: an in-process Kafka broker, the simulated Web PKI (CAs, CT logs,"
                + " OCSP origins with replicas behind a caching CDN, faults), discovery, one prober agent per region and the collector"
                + " with its dashboard; then scores the collector's verdicts against the lab's ground truth.",
            "Exit status: 0 when every verdict equals the ground truth, 1 when one does not, 2 on bad usage."})
public final class LabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "sectigo-2025",
            description = "Scenario name in --scenarios, or a YAML file (default: ${DEFAULT-VALUE}, the February 2025 incident).")
    String scenarioName;

    @Option(names = "--scenarios", paramLabel = "DIR", defaultValue = "config/scenarios", description = "Where scenarios live (default: ${DEFAULT-VALUE}).")
    Path scenarios;

    @Option(names = "--port", defaultValue = "8080", description = "Dashboard and API port on 127.0.0.1; 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--keep-running", description = "Keep the dashboard up after the summary, until interrupted.")
    boolean keepRunning;

    @Option(names = "--directory", paramLabel = "DIR", description = "Work directory for the broker and collector state (default: a temporary one).")
    Path directory;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Scenario scenario = scenarioName.endsWith(".yaml") ? Scenario.load(Path.of(scenarioName)) : Scenario.load(scenarios, scenarioName);
        Path work = directory != null ? directory : Files.createTempDirectory("ocspwatch-lab-");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        out.printf(Locale.ROOT, "ocspwatch lab: %s (%s)%n  deadline %s real for 15 min of story, issuing for %s of story, watching %s%n",
                scenario.name(), scenario.description(), scenario.deadline(), scenario.issueFor(), scenario.watchWindow());
        try (LabRun run = LabRun.start(scenario, work, registry)) {
            ApiServer api = ApiServer.create(run.vertx(), run.view(), new ApiSettings("127.0.0.1", port, null, null),
                    MetricsRoute.of(run.vertx(), registry));
            int bound = Await.result(api.start());
            String dashboard = "http://127.0.0.1:" + bound + "/";
            out.println("  dashboard " + dashboard + " (metrics at /metrics); ends about " + run.expectedEnd());
            Map<String, VerdictRecord> verdicts = follow(run, out, registry);
            LabScore score = LabScore.of(run.world().groundTruth(), verdicts);
            LabSummary.print(out, run.world().groundTruth(), verdicts, score, scenario.timeScale());
            out.println();
            out.println((score.perfect() ? "perfect score. " : "NOT a perfect score. ") + "dashboard: " + dashboard);
            if (keepRunning) {
                out.println("keeping the dashboard up; Ctrl-C to stop");
                new CountDownLatch(1).await();
            }
            Await.result(api.close());
            return score.perfect() ? 0 : 1;
        }
    }

    /** Shows one live line until every certificate is decided for good, then returns the verdicts. */
    private static Map<String, VerdictRecord> follow(LabRun run, PrintStream out, PrometheusMeterRegistry registry) throws InterruptedException {
        boolean console = System.console() != null;
        Instant start = Instant.now();
        Instant giveUp = run.expectedEnd().plus(Duration.ofMinutes(2));
        Instant lastLine = Instant.EPOCH;
        while (true) {
            List<CertificateTruth> truth = run.world().groundTruth();
            Map<String, VerdictRecord> verdicts = run.verdicts();
            boolean done = Instant.now().isAfter(run.expectedEnd()) && LabRun.allDecided(truth, verdicts);
            Instant now = Instant.now();
            if (console || done || Duration.between(lastLine, now).toSeconds() >= 10) {
                String line = progress(run, truth, verdicts, registry, Duration.between(start, now));
                out.print(console ? "\r" + line + "   " : line + System.lineSeparator());
                lastLine = now;
            }
            if (done || now.isAfter(giveUp)) {
                if (console) {
                    out.println();
                }
                if (!done) {
                    out.println("  gave up waiting at " + now + ": not every certificate was decided");
                }
                return verdicts;
            }
            TimeUnit.MILLISECONDS.sleep(500); // a command's own thread, drawing a progress line
        }
    }

    private static String progress(LabRun run, List<CertificateTruth> truth, Map<String, VerdictRecord> verdicts,
                                   PrometheusMeterRegistry registry, Duration elapsed) {
        long probes = (long) registry.find("ocspwatch_prober_probes").counters().stream().mapToDouble(Counter::count).sum();
        long decided = verdicts.size();
        long settled = verdicts.values().stream().filter(v -> v.stage() == DecisionStage.FINAL || v.verdict() == Verdict.NOT_APPLICABLE).count();
        long violations = verdicts.values().stream().filter(v -> v.verdict() == Verdict.VIOLATION).count();
        Duration story = run.world().time().storyAt(Instant.now());
        return String.format(Locale.ROOT, "  %3ds (story %dh%02dm)  issued %d  probes %d  decided %d  final %d  violations %d",
                elapsed.toSeconds(), story.toHours(), story.toMinutesPart(), truth.size(), probes, decided, settled, violations);
    }
}
