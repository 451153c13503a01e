package dev.ocspwatch.app.collector;

import dev.ocspwatch.app.cli.Await;
import dev.ocspwatch.app.cli.UntilStopped;
import dev.ocspwatch.app.config.CollectorConfig;
import dev.ocspwatch.app.topics.TopicCheck;
import dev.ocspwatch.app.topics.TopicMismatchException;
import dev.ocspwatch.collector.verdict.DecisionSettings;
import dev.ocspwatch.common.config.ConfigException;
import dev.ocspwatch.common.kafka.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ocspwatch collector --config FILE}: the collector against an existing Kafka cluster. */
@Command(name = "collector", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the collector against an existing Kafka cluster: decides every certificate at its deadline from all regions'"
                + " observations (Kafka Streams, exactly once), and serves verdicts, evidence, the dashboard and /metrics over HTTP,"
                + " and violation alerts to webhooks. Several instances with the same streams.applicationId share the work."
                + " Runs until stopped (SIGTERM, Ctrl-C).",
            "Configuration: config/collector.yaml (see the README, \"Configuration\"); OCSPWATCH_<KEY>__<KEY> variables override"
                + " keys the file has (OCSPWATCH_API__BEARER_TOKEN, say).",
            "Exit status: 2 bad configuration, 3 Kafka unreachable or its topics disagree; stopped by a signal, the JVM's 130 (Ctrl-C) or 143 (SIGTERM)."})
public final class CollectorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The collector's YAML configuration.")
    Path config;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        CollectorConfig collector;
        try {
            collector = CollectorConfig.load(config, System.getenv());
        } catch (ConfigException e) {
            err.println("ocspwatch collector: " + e.getMessage());
            return 2;
        }
        try {
            List<String> created = TopicCheck.ensure(collector.kafka().settings(), Topics.collector(), collector.topics(),
                    collector.watch().lifetime());
            if (!created.isEmpty()) {
                out.println("ocspwatch collector: created topics " + created);
            }
        } catch (TopicMismatchException e) {
            err.println("ocspwatch collector: " + e.getMessage());
            return 3;
        }
        DecisionSettings decisions = collector.decision().settings(collector.watch(), collector.regions());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Vertx vertx = Vertx.vertx();
        CollectorNode node;
        try {
            node = CollectorNode.start(vertx, registry, collector.kafka().settings(), collector.streams(), decisions, collector.api(),
                    collector.alerts(), Duration.ofMinutes(2));
        } catch (Exception e) {
            Await.result(vertx.close());
            err.println("ocspwatch collector: cannot start: " + e.getMessage());
            return 3;
        }
        out.println("ocspwatch collector: running, deadline " + decisions.deadline() + ", regions " + decisions.regions()
                + ", dashboard http://" + collector.api().host() + ":" + node.port() + "/"
                + (collector.alerts().targets().isEmpty() ? "" : ", alerts to " + collector.alerts().targets().size() + " webhook(s)"));
        out.flush();
        UntilStopped.await(out, "ocspwatch collector: stopped", node, () -> Await.result(vertx.close()));
        return 0;
    }
}
