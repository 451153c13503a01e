package dev.ocspwatch.app.agent;

import dev.ocspwatch.agent.discovery.DiscoveryAgent;
import dev.ocspwatch.agent.discovery.DiscoverySettings;
import dev.ocspwatch.agent.metrics.MetricsServer;
import dev.ocspwatch.agent.probe.FetchLimits;
import dev.ocspwatch.agent.probe.NameResolver;
import dev.ocspwatch.agent.prober.ProberAgent;
import dev.ocspwatch.agent.prober.ProberSettings;
import dev.ocspwatch.app.cli.Await;
import dev.ocspwatch.app.config.MetricsConfig;
import dev.ocspwatch.app.config.ProberConfig;
import dev.ocspwatch.app.config.WatchConfig;
import dev.ocspwatch.common.kafka.KafkaSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One agent's running roles on a Vert.x instance: discovery (when configured), the region's
 * prober (when configured) and the metrics server. {@code ocspwatch agent} runs one in its own
 * process, {@code ocspwatch standalone} beside the collector. Blocking methods are for a
 * command's own thread.
 */
public final class AgentNode implements AutoCloseable {
    private final Vertx vertx;
    private final List<String> deployments;
    private final int metricsPort;

    private AgentNode(Vertx vertx, List<String> deployments, int metricsPort) {
        this.vertx = vertx;
        this.deployments = deployments;
        this.metricsPort = metricsPort;
    }

    /**
     * Deploys the configured roles; on failure undeploys what started and rethrows.
     *
     * @param discovery null for no discovery
     * @param prober null for no prober
     * @param systemResolver how names outside {@code prober.hosts} resolve
     */
    public static AgentNode start(Vertx vertx, PrometheusMeterRegistry registry, KafkaSettings kafka, WatchConfig watch,
                                  DiscoverySettings discovery, ProberConfig prober, MetricsConfig metrics, NameResolver systemResolver)
            throws Exception {
        List<String> deployments = new ArrayList<>();
        try {
            int metricsPort = -1;
            if (metrics.enabled()) {
                MetricsServer server = new MetricsServer(registry, metrics.host(), metrics.port());
                deployments.add(Await.result(vertx.deployVerticle(server)));
                metricsPort = server.port();
            }
            if (discovery != null) {
                deployments.add(Await.result(vertx.deployVerticle(new DiscoveryAgent(discovery, kafka, registry, Clock.systemUTC(),
                        FetchLimits.DEFAULT_USER_AGENT))));
            }
            if (prober != null) {
                ProberSettings settings = prober.settings(watch.schedule());
                deployments.add(Await.result(vertx.deployVerticle(new ProberAgent(settings, kafka, prober.resolver(systemResolver), registry,
                        Clock.systemUTC()))));
            }
            return new AgentNode(vertx, deployments, metricsPort);
        } catch (Exception e) {
            new AgentNode(vertx, deployments, -1).close();
            throw e;
        }
    }

    /** The metrics server's port, -1 without one. */
    public int metricsPort() {
        return metricsPort;
    }

    /** Undeploys the roles, newest first: the prober finishes publishing before discovery stops. */
    @Override
    public void close() {
        for (int i = deployments.size() - 1; i >= 0; i--) {
            try {
                Await.result(vertx.undeploy(deployments.get(i)));
            } catch (Exception e) {
                // the rest still stop
            }
        }
        deployments.clear();
    }
}
