package dev.ocspwatch.lab.ct;

import dev.ocspwatch.common.ct.CtFormatException;
import dev.ocspwatch.common.ct.DataTile;
import dev.ocspwatch.common.ct.ExtraData;
import dev.ocspwatch.common.ct.GetEntriesResponse;
import dev.ocspwatch.common.ct.MerkleTree;
import dev.ocspwatch.common.ct.RawEntry;
import dev.ocspwatch.common.ct.TileLeaf;
import dev.ocspwatch.common.ct.TilePath;
import dev.ocspwatch.lab.scenario.Fault;
import dev.ocspwatch.lab.world.FaultBook;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;

/**
 * Serves the lab's CT logs over HTTP on 127.0.0.1, each under {@code /<log name>/}, through both
 * read APIs from the same entries:
 * <ul>
 *   <li>RFC 6962: {@code ct/v1/get-sth}, {@code ct/v1/get-entries?start=&end=} (answering at most
 *       the log's batch cap, honestly short), {@code ct/v1/get-roots};</li>
 *   <li>static-ct-api: {@code checkpoint}, {@code tile/<L>/<N>[.p/<W>]},
 *       {@code tile/data/<N>[.p/<W>]} (always gzip, which clients must accept), {@code issuer/<sha256>}.</li>
 * </ul>
 * The CT fault switches (429 with Retry-After, 500, slow) apply to every read endpoint.
 */
public final class CtLogServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicReference<String> logList;

    private record LogHandle(SimulatedCtLog log, int maxGetEntries, byte[] roots, Map<String, byte[]> fullTiles) {
    }

    private CtLogServer(HttpServer server, AtomicReference<String> logList) {
        this.server = server;
        this.logList = logList;
    }

    /** Serves {@code json} at {@code /log_list.json} (a CT log list v3 of these logs). */
    public void publishLogList(String json) {
        logList.set(json);
    }

    /**
     * @param maxGetEntries per log name, the get-entries batch cap
     * @param roots the root certificates {@code get-roots} lists (DER)
     */
    public static Future<CtLogServer> start(Vertx vertx, List<SimulatedCtLog> logs, Map<String, Integer> maxGetEntries,
                                            List<byte[]> roots, FaultBook faults, Clock clock, int port) {
        Map<String, LogHandle> handles = new ConcurrentHashMap<>();
        for (SimulatedCtLog log : logs) {
            handles.put(log.name(), new LogHandle(log, maxGetEntries.getOrDefault(log.name(), 64), rootsJson(roots),
                    new ConcurrentHashMap<>()));
        }
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                .setCompressionSupported(false));
        AtomicReference<String> logList = new AtomicReference<>();
        server.requestHandler(request -> {
            try {
                if (request.path().equals("/log_list.json") && logList.get() != null) {
                    reply(request, 200, "application/json", logList.get().getBytes(StandardCharsets.UTF_8), null);
                } else {
                    route(vertx, request, handles, faults, clock);
                }
            } catch (RuntimeException e) {
                internalError(request, e); // a bug must answer, never hang the client
            }
        });
        return server.listen().map(s -> new CtLogServer(s, logList));
    }

    public int port() {
        return server.actualPort();
    }

    private static void route(Vertx vertx, HttpServerRequest request, Map<String, LogHandle> logs, FaultBook faults, Clock clock) {
        String path = request.path();
        int slash = path.indexOf('/', 1);
        LogHandle handle = slash < 0 ? null : logs.get(path.substring(1, slash));
        if (handle == null) {
            reply(request, 404, "text/plain", "no such log\n".getBytes(StandardCharsets.US_ASCII), null);
            return;
        }
        String name = handle.log().name();
        String rest = path.substring(slash + 1);
        Optional<Fault.CtRateLimited> limited = faults.activeForLog(Fault.CtRateLimited.class, name, clock.instant());
        if (limited.isPresent()) {
            long retryAfter = (limited.get().retryAfter().toMillis() + 999) / 1000; // never tell a client to come back early
            request.response().putHeader("Retry-After", Long.toString(Math.max(1, retryAfter)));
            reply(request, 429, "text/plain", "rate limited\n".getBytes(StandardCharsets.US_ASCII), null);
            return;
        }
        if (faults.activeForLog(Fault.CtServerError.class, name, clock.instant()).isPresent()) {
            reply(request, 500, "text/plain", "internal error\n".getBytes(StandardCharsets.US_ASCII), null);
            return;
        }
        Duration delay = faults.activeForLog(Fault.CtSlow.class, name, clock.instant()).map(Fault.CtSlow::delay).orElse(Duration.ZERO);
        Runnable answer = () -> {
            try {
                answer(request, handle, rest);
            } catch (RuntimeException e) {
                internalError(request, e);
            }
        };
        if (delay.isZero()) {
            answer.run();
        } else {
            vertx.setTimer(delay.toMillis(), id -> answer.run());
        }
    }

    private static void answer(HttpServerRequest request, LogHandle handle, String rest) {
        if (request.response().closed()) {
            return;
        }
        SimulatedCtLog log = handle.log();
        switch (rest) {
            case "ct/v1/get-sth" -> reply(request, 200, "application/json",
                    log.treeHead().toGetSthJson().getBytes(StandardCharsets.UTF_8), null);
            case "ct/v1/get-roots" -> reply(request, 200, "application/json", handle.roots(), null);
            case "ct/v1/get-entries" -> getEntries(request, handle);
            case "checkpoint" -> {
                request.response().putHeader("Cache-Control", "no-store");
                reply(request, 200, "text/plain; charset=utf-8", log.checkpoint().format().getBytes(StandardCharsets.UTF_8), null);
            }
            default -> {
                if (rest.startsWith("issuer/")) {
                    byte[] issuer = log.issuer(rest.substring("issuer/".length()));
                    reply(request, issuer == null ? 404 : 200, "application/pkix-cert",
                            issuer == null ? new byte[0] : issuer, null);
                } else if (rest.startsWith("tile/")) {
                    tile(request, handle, rest);
                } else {
                    reply(request, 404, "text/plain", "not found\n".getBytes(StandardCharsets.US_ASCII), null);
                }
            }
        }
    }

    private static void getEntries(HttpServerRequest request, LogHandle handle) {
        long start;
        long end;
        try {
            start = Long.parseLong(request.getParam("start", ""));
            end = Long.parseLong(request.getParam("end", ""));
        } catch (NumberFormatException e) {
            reply(request, 400, "text/plain", "start and end must be integers\n".getBytes(StandardCharsets.US_ASCII), null);
            return;
        }
        long size = handle.log().size();
        if (start < 0 || end < start || start >= size) {
            reply(request, 400, "text/plain", ("bad range: start " + start + ", end " + end + ", tree size " + size + "\n")
                    .getBytes(StandardCharsets.US_ASCII), null);
            return;
        }
        long last = Math.min(Math.min(end, size - 1), start + handle.maxGetEntries() - 1);
        List<RawEntry> entries = new ArrayList<>();
        for (SimulatedCtLog.LogEntry entry : handle.log().entries(start, last + 1)) {
            ExtraData extra = entry.preCertificate() == null ? ExtraData.x509(entry.chain())
                    : ExtraData.precert(entry.preCertificate(), entry.chain());
            entries.add(new RawEntry(entry.leaf().encode(), extra.encode()));
        }
        reply(request, 200, "application/json", GetEntriesResponse.format(entries).getBytes(StandardCharsets.UTF_8), null);
    }

    private static void tile(HttpServerRequest request, LogHandle handle, String rest) {
        TilePath tile;
        try {
            tile = TilePath.parse(rest);
        } catch (CtFormatException e) {
            reply(request, 400, "text/plain", (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8), null);
            return;
        }
        long size = handle.log().size();
        long span = tile.isData() ? 1 : 1L << (8 * tile.level());
        long available = size / span; // entries or hashes at the tile's level; compared so that no index can overflow
        if (tile.index() > available / TilePath.FULL_WIDTH || tile.index() * TilePath.FULL_WIDTH + tile.width() > available) {
            reply(request, 404, "text/plain", "beyond the tree\n".getBytes(StandardCharsets.US_ASCII), null);
            return;
        }
        request.response().putHeader("Cache-Control", "public, max-age=604800, immutable");
        if (tile.isData()) {
            byte[] gzipped = tile.isPartial() ? gzip(dataTile(handle.log(), tile))
                    : handle.fullTiles().computeIfAbsent(tile.path(), p -> gzip(dataTile(handle.log(), tile)));
            reply(request, 200, "application/octet-stream", gzipped, "gzip");
            return;
        }
        List<byte[]> hashes = MerkleTree.tileHashes(handle.log().leafHashes(), tile.level(), tile.index(), tile.width());
        ByteArrayOutputStream out = new ByteArrayOutputStream(hashes.size() * 32);
        hashes.forEach(out::writeBytes);
        reply(request, 200, "application/octet-stream", out.toByteArray(), null);
    }

    private static byte[] dataTile(SimulatedCtLog log, TilePath tile) {
        long first = tile.index() * TilePath.FULL_WIDTH;
        List<TileLeaf> leaves = log.entries(first, first + tile.width()).stream().map(SimulatedCtLog.LogEntry::tileLeaf).toList();
        return DataTile.encode(leaves);
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] rootsJson(List<byte[]> roots) {
        StringBuilder json = new StringBuilder("{\"certificates\":[");
        for (int i = 0; i < roots.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(java.util.Base64.getEncoder().encodeToString(roots.get(i))).append('"');
        }
        return json.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void internalError(HttpServerRequest request, RuntimeException error) {
        if (!request.response().headWritten()) {
            reply(request, 500, "text/plain", ("internal error: " + error + "\n").getBytes(StandardCharsets.UTF_8), null);
        }
    }

    private static void reply(HttpServerRequest request, int status, String contentType, byte[] body, String encoding) {
        request.response().setStatusCode(status).putHeader("Content-Type", contentType);
        if (encoding != null) {
            request.response().putHeader("Content-Encoding", encoding);
        }
        request.response().end(Buffer.buffer(body));
    }

    @Override
    public void close() {
        server.close().toCompletionStage().toCompletableFuture().join();
    }
}
