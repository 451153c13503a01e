package dev.ocspwatch.agent.discovery;

import dev.ocspwatch.common.ct.CtFormatException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which logs to follow now: the configured log list (the bundled copy, a file, or a URL falling
 * back to its cached copy and then to the bundled copy when the URL cannot be read) plus the logs
 * named in the configuration, which win over the list for the same log id.
 */
public final class LogSources {
    private static final Logger LOG = LoggerFactory.getLogger(LogSources.class);

    private final Vertx vertx;
    private final CtHttp http;
    private final DiscoverySettings settings;
    private final Clock clock;

    /** The logs to follow, those skipped with reasons, and configured start indexes. */
    public record Logs(List<CtLog> logs, List<LogListV3.Skipped> skipped, Map<String, Long> fromIndex) {
    }

    public LogSources(Vertx vertx, CtHttp http, DiscoverySettings settings, Clock clock) {
        this.vertx = vertx;
        this.http = http;
        this.settings = settings;
        this.clock = clock;
    }

    public Future<Logs> load() {
        return listBytes().compose(bytes -> vertx.executeBlocking(() -> merge(bytes), false));
    }

    private Future<byte[]> listBytes() {
        String source = settings.logList();
        if (source == null) {
            return Future.succeededFuture(null);
        }
        if (source.equals(DiscoverySettings.BUNDLED_LOG_LIST)) {
            return vertx.executeBlocking(BundledLogList::bytes, false);
        }
        if (!source.startsWith("http://") && !source.startsWith("https://")) {
            return vertx.executeBlocking(() -> Files.readAllBytes(Path.of(source)), false)
                    .recover(e -> Future.failedFuture("cannot read log list " + source + ": " + e.getMessage()));
        }
        return http.get(source).compose(answer -> {
            if (!answer.ok()) {
                return Future.failedFuture("log list " + source + " answered HTTP " + answer.status());
            }
            return cache(answer.body()).map(answer.body());
        }).recover(error -> fromCache(source, error));
    }

    private Future<Void> cache(byte[] body) {
        Path cache = settings.logListCache();
        if (cache == null) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            Files.createDirectories(cache.toAbsolutePath().getParent());
            Path temporary = cache.resolveSibling(cache.getFileName() + ".tmp");
            Files.write(temporary, body);
            Files.move(temporary, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return null;
        }, false);
    }

    /** A cached copy is newer than the bundled one, so it is preferred; the bundled one beats following nothing. */
    private Future<byte[]> fromCache(String source, Throwable error) {
        Path cache = settings.logListCache();
        return vertx.executeBlocking(() -> {
            if (cache != null && Files.exists(cache)) {
                LOG.warn("cannot fetch log list {} ({}); using the copy cached at {}", source, error.getMessage(), cache);
                return Files.readAllBytes(cache);
            }
            LOG.warn("cannot fetch log list {} ({}) and there is no cached copy{}; using the bundled {}", source,
                    error.getMessage(), cache == null ? "" : " at " + cache, BundledLogList.DESCRIPTION);
            return BundledLogList.bytes();
        }, false);
    }

    private Logs merge(byte[] listBytes) throws CtFormatException {
        Map<String, CtLog> byId = new LinkedHashMap<>();
        List<LogListV3.Skipped> skipped = new ArrayList<>();
        if (listBytes != null) {
            LogListV3.Result list = LogListV3.parse(listBytes, clock.instant());
            list.logs().forEach(log -> byId.put(log.logId().base64(), log));
            skipped.addAll(list.skipped());
        }
        Map<String, Long> fromIndex = new LinkedHashMap<>();
        for (LogSpec spec : settings.logs()) {
            try {
                CtLog log = spec.toLog();
                byId.put(log.logId().base64(), log);
                if (spec.fromIndex() != null) {
                    fromIndex.put(log.name(), spec.fromIndex());
                }
            } catch (CtFormatException e) {
                skipped.add(new LogListV3.Skipped(spec.name(), "key: " + e.getMessage()));
            }
        }
        skipped.forEach(s -> LOG.info("not following {}: {}", s.name(), s.reason()));
        return new Logs(List.copyOf(byId.values()), List.copyOf(skipped), fromIndex);
    }
}
