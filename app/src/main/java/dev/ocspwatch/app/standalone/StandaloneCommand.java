package dev.ocspwatch.app.standalone;

import dev.ocspwatch.app.cli.DurationConverter;
import dev.ocspwatch.app.cli.UntilStopped;
import dev.ocspwatch.app.config.StandaloneConfig;
import dev.ocspwatch.common.config.ConfigException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ocspwatch standalone [--config FILE]}: the whole system for real use on one machine. */
@Command(name = "standalone", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs ocspwatch on one machine: an in-process Kafka broker keeping its data in a directory (a restart carries on),"
                + " discovery of the public CT logs from the log list bundled in the jar, one prober region, and the collector with its"
                + " dashboard and /metrics. Runs until stopped (SIGTERM, Ctrl-C).",
            "Without --config: the bundled log list, region \"local\", data in ./ocspwatch-data, dashboard at http://127.0.0.1:8080/."
                + " config/standalone.yaml shows every setting: your own CT logs by URL (either API), private responder networks,"
                + " a shorter deadline for a rehearsal.",
            "Exit status: 2 bad configuration, 3 cannot start; stopped by a signal, the JVM's 130 (Ctrl-C) or 143 (SIGTERM)."})
public final class StandaloneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "A standalone YAML configuration (default: the built-in defaults).")
    Path config;

    @Option(names = "--status-every", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "How often to print a status line: logs, certificates, probes, verdicts (default: ${DEFAULT-VALUE}).")
    Duration statusEvery;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (statusEvery.toSeconds() < 1) {
            err.println("ocspwatch standalone: --status-every must be at least 1s, was " + statusEvery);
            return 2;
        }
        StandaloneConfig standalone;
        try {
            standalone = config == null ? StandaloneConfig.defaults() : StandaloneConfig.load(config, System.getenv());
        } catch (ConfigException e) {
            err.println("ocspwatch standalone: " + e.getMessage());
            return 2;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        StandaloneNode node;
        try {
            node = StandaloneNode.start(standalone, registry, null);
        } catch (Exception e) {
            err.println("ocspwatch standalone: cannot start: " + e.getMessage());
            return 3;
        }
        out.println("ocspwatch standalone: running, region " + standalone.prober().region() + ", deadline " + standalone.watch().deadline()
                + ", data in " + standalone.directory().toAbsolutePath());
        out.println("  dashboard http://" + standalone.api().host() + ":" + node.collector().port() + "/ (metrics at /metrics),"
                + " Kafka at " + node.bootstrapServers());
        out.flush();
        ScheduledExecutorService status = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ocspwatch-status");
            thread.setDaemon(true);
            return thread;
        });
        status.scheduleAtFixedRate(() -> {
            out.println(StatusLine.of(registry).format(Instant.now()));
            out.flush();
        }, statusEvery.toSeconds(), statusEvery.toSeconds(), TimeUnit.SECONDS);
        UntilStopped.await(out, "ocspwatch standalone: stopped", status::shutdownNow, node);
        return 0;
    }
}
