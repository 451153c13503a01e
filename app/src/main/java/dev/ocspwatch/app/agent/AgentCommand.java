package dev.ocspwatch.app.agent;

import dev.ocspwatch.agent.probe.SystemNameResolver;
import dev.ocspwatch.app.cli.Await;
import dev.ocspwatch.app.cli.UntilStopped;
import dev.ocspwatch.app.config.AgentConfig;
import dev.ocspwatch.app.topics.TopicCheck;
import dev.ocspwatch.app.topics.TopicMismatchException;
import dev.ocspwatch.common.config.ConfigException;
import dev.ocspwatch.common.kafka.Topic;
import dev.ocspwatch.common.kafka.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ocspwatch agent --config FILE}: one region's agent against an existing Kafka cluster. */
@Command(name = "agent", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs an agent against an existing Kafka cluster: its region's prober (probes every new certificate's OCSP"
                + " responders over GET and POST and publishes each observation) and, in one agent of a deployment, discovery"
                + " (follows CT logs and publishes new certificates). Runs until stopped (SIGTERM, Ctrl-C).",
            "Configuration: config/agent-*.yaml (see the README, \"Configuration\"); OCSPWATCH_<KEY>__<KEY> variables override"
                + " keys the file has.",
            "Exit status: 2 bad configuration, 3 Kafka unreachable or its topics disagree; stopped by a signal, the JVM's 130 (Ctrl-C) or 143 (SIGTERM)."})
public final class AgentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The agent's YAML configuration.")
    Path config;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        AgentConfig agent;
        try {
            agent = AgentConfig.load(config, System.getenv());
        } catch (ConfigException e) {
            err.println("ocspwatch agent: " + e.getMessage());
            return 2;
        }
        try {
            List<String> created = TopicCheck.ensure(agent.kafka().settings(), topics(agent), agent.topics(), agent.watch().lifetime());
            if (!created.isEmpty()) {
                out.println("ocspwatch agent: created topics " + created);
            }
        } catch (TopicMismatchException e) {
            err.println("ocspwatch agent: " + e.getMessage());
            return 3;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Vertx vertx = Vertx.vertx();
        AgentNode node;
        try {
            node = AgentNode.start(vertx, registry, agent.kafka().settings(), agent.watch(), agent.discovery(), agent.prober(),
                    agent.metrics(), new SystemNameResolver(vertx));
        } catch (Exception e) {
            vertx.close();
            err.println("ocspwatch agent: cannot start: " + e.getMessage());
            return 3;
        }
        out.println("ocspwatch agent: running" + (agent.prober() != null ? ", region " + agent.prober().region() : "")
                + (agent.discovery() != null ? ", discovery on" : "") + ", deadline " + agent.watch().deadline()
                + (node.metricsPort() > 0 ? ", metrics at http://" + agent.metrics().host() + ":" + node.metricsPort() + "/metrics" : ""));
        out.flush();
        UntilStopped.await(out, "ocspwatch agent: stopped", node, () -> Await.result(vertx.close()));
        return 0;
    }

    static Set<Topic<?, ?>> topics(AgentConfig agent) {
        Set<Topic<?, ?>> topics = new LinkedHashSet<>();
        if (agent.discovery() != null) {
            topics.addAll(Topics.discovery());
        }
        if (agent.prober() != null) {
            topics.addAll(Topics.prober());
        }
        return topics;
    }
}
