package dev.ocspwatch.app.collector;

import dev.ocspwatch.app.cli.Await;
import dev.ocspwatch.app.config.AlertsConfig;
import dev.ocspwatch.app.config.ApiConfig;
import dev.ocspwatch.app.config.StreamsConfig;
import dev.ocspwatch.collector.alert.ViolationAlerts;
import dev.ocspwatch.collector.api.ApiServer;
import dev.ocspwatch.collector.metrics.CollectorMetrics;
import dev.ocspwatch.collector.service.CollectorService;
import dev.ocspwatch.collector.verdict.DecisionSettings;
import dev.ocspwatch.common.kafka.KafkaSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

/**
 * The collector's running parts: the Kafka Streams application, its HTTP API with the
 * dashboard and {@code /metrics}, and violation alerts. {@code ocspwatch collector} runs one in
 * its own process, {@code ocspwatch standalone} beside an agent. Blocking methods are for a
 * command's own thread.
 */
public final class CollectorNode implements AutoCloseable {
    private final CollectorService service;
    private final ApiServer api;
    private final ViolationAlerts alerts;
    private final int port;

    private CollectorNode(CollectorService service, ApiServer api, ViolationAlerts alerts, int port) {
        this.service = service;
        this.api = api;
        this.alerts = alerts;
        this.port = port;
    }

    /** Starts everything and waits (up to {@code startTimeout}) for Streams to run; on failure stops what started and rethrows. */
    public static CollectorNode start(Vertx vertx, PrometheusMeterRegistry registry, KafkaSettings kafka, StreamsConfig streams,
                                      DecisionSettings decisions, ApiConfig apiConfig, AlertsConfig alertsConfig, Duration startTimeout)
            throws Exception {
        // Other instances forward evidence requests to the owner's API, so Streams must know our port before it joins the group.
        int port = apiConfig.port() != 0 ? apiConfig.port() : freePort(apiConfig.host());
        ApiConfig bound = new ApiConfig(apiConfig.host(), port, apiConfig.bearerToken(), apiConfig.publicBaseUrl(), apiConfig.advertisedHost());
        CollectorService service = new CollectorService(streams.settings(bound.applicationServer(port)), kafka, decisions,
                new CollectorMetrics(registry));
        ApiServer api = null;
        ViolationAlerts alerts = null;
        try {
            service.start();
            if (!service.awaitRunning(startTimeout)) {
                throw new IllegalStateException("the collector's Kafka Streams did not start within " + startTimeout.toSeconds() + " s: "
                        + service.state());
            }
            api = ApiServer.create(vertx, service.view(), bound.settings(), MetricsRoute.of(vertx, registry));
            int actual = Await.result(api.start());
            alerts = new ViolationAlerts(vertx, kafka, alertsConfig.settings(bound.publicBaseUrl()), registry);
            Await.result(alerts.start());
            return new CollectorNode(service, api, alerts, actual);
        } catch (Exception e) {
            new CollectorNode(service, api, alerts, -1).close();
            throw e;
        }
    }

    /** The API's port. */
    public int port() {
        return port;
    }

    public CollectorService service() {
        return service;
    }

    @Override
    public void close() {
        if (alerts != null) {
            alerts.close();
        }
        if (api != null) {
            try {
                Await.result(api.close());
            } catch (Exception e) {
                // the service still stops
            }
        }
        service.close();
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }
}
