package dev.ocspwatch.app.ct;

import dev.ocspwatch.agent.discovery.CtApi;
import dev.ocspwatch.agent.discovery.CtHttp;
import dev.ocspwatch.agent.discovery.CtLog;
import dev.ocspwatch.agent.discovery.FollowerSettings;
import dev.ocspwatch.agent.discovery.LogFollower;
import dev.ocspwatch.agent.discovery.TailSink;
import dev.ocspwatch.agent.probe.FetchLimits;
import dev.ocspwatch.app.cli.Await;
import dev.ocspwatch.app.cli.DurationConverter;
import dev.ocspwatch.common.ct.CtFormatException;
import dev.ocspwatch.common.ct.LogKey;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ocspwatch ct tail}: discovery's followers without Kafka, for researchers and for debugging a log. */
@Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Follows one CT log and prints each certificate as it is discovered; rejected entries go to stderr"
                    + " with their index and reason. Starts at the log's current head unless --from-index is given.",
            "With --json, one object per line: certificateId, serial, issuerSpkiSha256, precert, timestamp (CT, ms),"
                    + " logIndex, ocspUrls, crlUrls, notBefore, notAfter, dnsNames, subject, issuerSubject, logId, logName."},
        footer = {"", "Examples:",
            "  ocspwatch ct tail --log https://ct.googleapis.com/logs/us1/argon2026h1/ --key MFkw... --json",
            "  ocspwatch ct tail --tiled --log https://example-log.example/2026h1/ --from-index 1000 --limit 10"})
public final class CtTailCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--log", required = true, paramLabel = "URL",
            description = "RFC 6962 base URL, or with --tiled the static-ct-api monitoring prefix.")
    String url;

    @Option(names = "--tiled", description = "Read the log through the static-ct-api (checkpoint and tiles).")
    boolean tiled;

    @Option(names = "--key", paramLabel = "BASE64|FILE",
            description = "The log's public key (base64 DER, as log lists give it, or a PEM file): tree heads are verified."
                    + " Without it nothing is verified (said once on stderr).")
    String key;

    @Option(names = "--origin", paramLabel = "ORIGIN", description = "Checkpoint origin for --tiled (default: the URL without scheme).")
    String origin;

    @Option(names = "--from-index", paramLabel = "N", description = "Start at this index instead of the head.")
    Long fromIndex;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "Stop after N certificates (default: follow forever).")
    long limit;

    @Option(names = "--json", description = "One JSON object per certificate per line.")
    boolean json;

    @Option(names = "--poll-interval", converter = DurationConverter.class, defaultValue = "5s",
            description = "How often to ask for a new tree head once caught up (default: ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Option(names = "--partial-tile-max-age", converter = DurationConverter.class, defaultValue = "5s",
            description = "How long a data tile may stay partial before it is fetched (default: ${DEFAULT-VALUE}).")
    Duration partialTileMaxAge;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CtLog log;
        try {
            log = log(err);
        } catch (CtFormatException | IllegalArgumentException e) {
            err.println("ocspwatch ct tail: " + e.getMessage());
            return 2;
        }
        Vertx vertx = Vertx.vertx();
        try {
            TailSink sink = new TailSink(out, err, json, limit, Clock.systemUTC());
            Context context = vertx.getOrCreateContext();
            FollowerSettings settings = new FollowerSettings(pollInterval, 256, 4, partialTileMaxAge, 5);
            CtHttp http = new CtHttp(vertx, Duration.ofSeconds(30), 32 * 1024 * 1024, FetchLimits.DEFAULT_USER_AGENT, 4);
            LogFollower follower = LogFollower.of(vertx, http, log, settings, Clock.systemUTC(), sink,
                    fromIndex == null ? LogFollower.AT_HEAD : fromIndex);
            context.runOnContext(v -> follower.start());
            Await.result(sink.done());
            context.runOnContext(v -> follower.stop());
            return 0;
        } finally {
            Await.result(vertx.close());
        }
    }

    private CtLog log(PrintWriter err) throws Exception {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("--log must be an http or https URL: \"" + url + "\"");
        }
        if (fromIndex != null && fromIndex < 0) {
            throw new IllegalArgumentException("--from-index must not be negative");
        }
        CtApi api = tiled ? CtApi.STATIC : CtApi.RFC6962;
        String logOrigin = tiled ? (origin != null ? origin : CtLog.originOf(url)) : null;
        if (key == null) {
            err.println("ocspwatch ct tail: no --key given: tree heads and checkpoints are NOT verified");
            err.flush();
            return new CtLog(url, null, null, api, url, logOrigin);
        }
        LogKey logKey = Files.isRegularFile(Path.of(key))
                ? LogKey.fromPem(Files.readString(Path.of(key), StandardCharsets.US_ASCII))
                : LogKey.fromBase64(key);
        return new CtLog(url, logKey.logId(), logKey.publicKey(), api, url, logOrigin);
    }
}
