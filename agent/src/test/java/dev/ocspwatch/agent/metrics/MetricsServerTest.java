package dev.ocspwatch.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class MetricsServerTest {
    @Test
    void servesCountersWithTheirLabelsInPrometheusTextFormat(Vertx vertx, VertxTestContext test) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("ocspwatch_discovery_entries").tag("log", "lab log a").register(registry).increment(42);
        MetricsServer server = new MetricsServer(registry, "127.0.0.1", 0);
        HttpClient client = vertx.createHttpClient();
        vertx.deployVerticle(server)
                .compose(id -> client.request(HttpMethod.GET, server.port(), "127.0.0.1", "/metrics"))
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> new Object[] {response, body.toString()}))
                .onComplete(test.succeeding(answer -> test.verify(() -> {
                    HttpClientResponse response = (HttpClientResponse) answer[0];
                    String body = (String) answer[1];
                    assertEquals(200, response.statusCode());
                    assertEquals(MetricsServer.CONTENT_TYPE, response.getHeader("content-type"));
                    assertTrue(body.contains("ocspwatch_discovery_entries_total{log=\"lab log a\"} 42.0"), body);
                    test.completeNow();
                })));
    }

    @Test
    void answersNotFoundOutsideMetrics(Vertx vertx, VertxTestContext test) {
        MetricsServer server = new MetricsServer(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "127.0.0.1", 0);
        HttpClient client = vertx.createHttpClient();
        vertx.deployVerticle(server)
                .compose(id -> client.request(HttpMethod.POST, server.port(), "127.0.0.1", "/metrics"))
                .compose(request -> request.send())
                .compose(post -> client.request(HttpMethod.GET, server.port(), "127.0.0.1", "/").compose(r -> r.send())
                        .map(get -> new int[] {post.statusCode(), get.statusCode()}))
                .onComplete(test.succeeding(codes -> test.verify(() -> {
                    assertEquals(404, codes[0], "POST /metrics");
                    assertEquals(404, codes[1], "GET /");
                    test.completeNow();
                })));
    }
}
