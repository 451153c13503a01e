package dev.ocspwatch.app.bench;

import dev.ocspwatch.app.cli.Await;
import dev.ocspwatch.app.cli.DurationConverter;
import dev.ocspwatch.common.config.ConfigException;
import dev.ocspwatch.common.ocsp.CertId;
import dev.ocspwatch.common.ocsp.CertIdHash;
import dev.ocspwatch.common.ocsp.OcspRequest;
import dev.ocspwatch.common.ocsp.OcspResponseChecker;
import dev.ocspwatch.common.ocsp.ResponseCheck;
import dev.ocspwatch.common.ocsp.ResponseExpectation;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.lab.dns.LabDns;
import dev.ocspwatch.lab.scenario.Scenario;
import dev.ocspwatch.lab.world.LabCa;
import dev.ocspwatch.lab.world.ManualClock;
import dev.ocspwatch.lab.world.World;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * OCSP answers per second from the lab's CDN: POSTs (every one reaches an origin, which picks a
 * replica and serves the pre-generated response) and GETs (CDN cache hits), with keep-alive
 * connections from a load generator in the same JVM, on its own event loops.
 */
@Command(name = "lab-ocsp", mixinStandardHelpOptions = true,
        description = "OCSP answers per second the lab's CDN and origins serve from pre-generated responses.")
public final class LabOcspBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", defaultValue = "config/scenarios/healthy.yaml", description = "Scenario file (default: ${DEFAULT-VALUE}).")
    Path scenarioFile;

    @Option(names = "--certificates", defaultValue = "200", description = "Certificates to ask about (default: ${DEFAULT-VALUE}).")
    int certificates;

    @Option(names = "--connections", defaultValue = "32", description = "Concurrent keep-alive connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--warmup", converter = DurationConverter.class, defaultValue = "3s", description = "Warm-up per case.")
    Duration warmup;

    @Option(names = "--measure", converter = DurationConverter.class, defaultValue = "5s", description = "Measurement per case.")
    Duration measure;

    private io.vertx.core.Context context;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Scenario scenario;
        try {
            scenario = Scenario.load(scenarioFile);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("ocspwatch bench lab-ocsp: " + e.getMessage());
            return 2;
        }
        ManualClock clock = new ManualClock(Instant.now());
        Vertx labVertx = Vertx.vertx();
        Vertx clientVertx = Vertx.vertx();
        try (World world = Await.result(World.start(labVertx, scenario, clock))) {
            LabCa ca = world.cas().values().iterator().next();
            List<byte[]> requests = new ArrayList<>();
            for (int i = 0; i < certificates; i++) {
                LabCa.Issued issued = Await.result(world.issueNow(ca.spec().name(), false));
                requests.add(OcspRequest.of(CertId.of(ca.ca().asIssuer(), issued.serial(), CertIdHash.SHA1)).der());
            }
            clock.advance(scenario.real(Duration.ofHours(1))); // every response signed and replicated
            context = clientVertx.getOrCreateContext();
            HttpClient client = clientVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(connections));
            String host = ca.spec().ocspHost();
            SocketAddress pop = SocketAddress.inetSocketAddress(world.cdnPort(), LabDns.popAddress(1).getHostAddress());
            for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.GET)) {
                Buffer sample = Await.result(answer(client, pop, host, world.cdnPort(), method, requests.get(0)));
                CertId first = OcspRequest.parse(requests.get(0)).certId();
                ResponseCheck check = new OcspResponseChecker().check(sample == null ? new byte[0] : sample.getBytes(),
                        ResponseExpectation.subscriber(ca.ca().asIssuer(), first), clock.instant(), null);
                if (check.outcome() != Outcome.GOOD) {
                    spec.commandLine().getErr().println("ocspwatch bench lab-ocsp: the lab answered " + check.outcome()
                            + " by " + method + ": " + check.reason());
                    return 1;
                }
            }
            out.printf(Locale.ROOT, "%-40s %14s%n", "case", "answers/s");
            for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.GET)) {
                run(client, pop, host, world.cdnPort(), method, requests, warmup);
                double rate = run(client, pop, host, world.cdnPort(), method, requests, measure);
                out.printf(Locale.ROOT, "%-40s %,14.0f%n", method == HttpMethod.POST
                        ? "POST (origin: replica lookup)" : "GET (CDN cache hits)", rate);
                out.flush();
            }
            out.printf(Locale.ROOT, "(%d connections, %d certificates, %d ms measured per case; load generator in the same JVM; %d cores)%n",
                    connections, certificates, measure.toMillis(), Runtime.getRuntime().availableProcessors());
        } finally {
            Await.result(clientVertx.close());
            Await.result(labVertx.close());
        }
        return 0;
    }

    private double run(HttpClient client, SocketAddress pop, String host, int port, HttpMethod method, List<byte[]> requests,
                       Duration duration) throws Exception {
        AtomicLong answered = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Future<Void>> loops = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Promise<Void> done = Promise.promise();
            loop(client, pop, host, port, method, requests, i, end, answered, done);
            loops.add(done.future());
        }
        Await.result(Future.all(loops));
        return answered.get() / ((System.nanoTime() - start) / 1e9);
    }

    private void loop(HttpClient client, SocketAddress pop, String host, int port, HttpMethod method, List<byte[]> requests,
                      int index, long end, AtomicLong answered, Promise<Void> done) {
        if (System.nanoTime() >= end) {
            done.complete();
            return;
        }
        byte[] request = requests.get(index % requests.size());
        answer(client, pop, host, port, method, request).onComplete(ar -> {
            if (ar.succeeded() && ar.result() != null) {
                answered.incrementAndGet();
            }
            loop(client, pop, host, port, method, requests, index + connections, end, answered, done);
        });
    }

    /**
     * The body of a 200 answer, or null for any other status. Runs on an event loop: chaining
     * request, send and body from a non-Vert.x thread can lose a body that arrives in between.
     */
    private Future<Buffer> answer(HttpClient client, SocketAddress pop, String host, int port, HttpMethod method, byte[] request) {
        Promise<Buffer> promise = Promise.promise();
        context.runOnContext(v -> exchange(client, pop, host, port, method, request).onComplete(promise));
        return promise.future();
    }

    private static Future<Buffer> exchange(HttpClient client, SocketAddress pop, String host, int port, HttpMethod method, byte[] request) {
        RequestOptions options = new RequestOptions().setServer(pop).setHost(host).setPort(port).setMethod(method)
                .setURI(method == HttpMethod.GET ? getPath(request) : "/");
        return client.request(options)
                .compose(r -> method == HttpMethod.GET ? r.send() : r.send(Buffer.buffer(request)))
                .compose(r -> r.body().map(body -> r.statusCode() == 200 ? body : null));
    }

    private static String getPath(byte[] request) {
        return dev.ocspwatch.common.ocsp.OcspGetUrl.format("/", request);
    }
}
