package dev.ocspwatch.agent.discovery;

import dev.ocspwatch.common.ct.Checkpoint;
import dev.ocspwatch.common.ct.CtFormatException;
import dev.ocspwatch.common.ct.CtSignatureException;
import dev.ocspwatch.common.ct.DataTile;
import dev.ocspwatch.common.ct.IssuerPath;
import dev.ocspwatch.common.ct.LogKey;
import dev.ocspwatch.common.ct.LoggedCertificate;
import dev.ocspwatch.common.ct.LoggedCertificates;
import dev.ocspwatch.common.ct.TileLeaf;
import dev.ocspwatch.common.ct.TilePath;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows a static-ct-api log: {@code checkpoint} (a signed note whose origin must be the log's
 * and whose RFC 6962 signature must verify; a tree never shrinks), then full data tiles, several
 * in flight when far behind. A tile that is still partial is fetched only once it has stayed
 * partial longer than {@code partialTileMaxAge} (seconds: the deadline is 15 minutes), and the
 * same partial tile is never fetched twice: only a wider one, or the full tile. Issuers come from
 * {@code issuer/<sha256>} once each and are kept. Data tiles arrive gzip-compressed or not.
 */
final class TiledFollower extends LogFollower {
    private static final int MAX_ISSUERS = 10_000;

    private final LogKey logKey;
    private final Map<String, byte[]> issuers = new ConcurrentHashMap<>();
    /** Issuer fetches in flight, so tiles fetched in parallel that need the same issuer ask for it once. */
    private final Map<String, Future<Void>> issuerFetches = new ConcurrentHashMap<>();
    private Instant partialSince;
    private long partialTile = -1;
    private int partialWidthFetched;
    private long failingTile = -1;
    private Round<Tile> ahead;
    private int failures;

    TiledFollower(Vertx vertx, CtHttp http, CtLog log, FollowerSettings settings, Clock clock, BatchSink sink, long start) {
        super(vertx, http, log, settings, clock, sink, start);
        this.logKey = log.verified() ? new LogKey(log.key(), log.logId()) : null;
    }

    @Override
    protected void poll() {
        http.get(log.url() + "checkpoint").onComplete(ar -> {
            if (ar.failed() || !ar.result().ok()) {
                retryLater(ar.succeeded() ? ar.result().retryAfter() : null);
                return;
            }
            Checkpoint checkpoint;
            long timestamp;
            try {
                checkpoint = Checkpoint.parse(new String(ar.result().body(), StandardCharsets.UTF_8));
                if (log.origin() != null && !log.origin().equals(checkpoint.origin())) {
                    throw new CtSignatureException("checkpoint origin \"" + checkpoint.origin() + "\" is not the log's \""
                            + log.origin() + "\"");
                }
                timestamp = logKey == null ? 0 : checkpoint.verify(logKey);
            } catch (CtFormatException e) {
                sink.reject(new Reject(log.name(), -1, "malformed-checkpoint", e.getMessage()));
                retryLater(null);
                return;
            } catch (CtSignatureException e) {
                sink.reject(new Reject(log.name(), -1, "checkpoint-signature", e.getMessage()));
                retryLater(null);
                return;
            }
            backoff.reset();
            if (acceptTreeHead(checkpoint.size(), timestamp)) {
                catchUp();
            } else {
                pollLater();
            }
        });
    }

    @Override
    protected void catchUp() {
        if (stopped()) {
            return;
        }
        if (next >= treeSize) {
            pollLater();
            return;
        }
        long tile = next / TilePath.FULL_WIDTH;
        if ((tile + 1) * TilePath.FULL_WIDTH <= treeSize) {
            List<Future<Tile>> tiles = ahead != null && ahead.start() == tile ? ahead.fetches() : fullTiles(tile);
            ahead = null;
            Future.join(tiles).onComplete(done -> {
                readAhead(tile, tiles);
                handOverInOrder(tiles);
            });
            return;
        }
        int width = (int) (treeSize - tile * TilePath.FULL_WIDTH);
        Instant now = clock.instant();
        if (partialTile != tile) {
            partialTile = tile;
            partialWidthFetched = 0;
            partialSince = now;
        }
        Duration waited = Duration.between(partialSince, now);
        if (width > partialWidthFetched && waited.compareTo(settings.partialTileMaxAge()) >= 0) {
            Future<Tile> partial = fetch(tile, width);
            partial.onComplete(done -> handOverInOrder(List.of(partial)));
            return;
        }
        Duration untilDue = settings.partialTileMaxAge().minus(waited);
        later(untilDue.isNegative() || untilDue.compareTo(settings.pollInterval()) > 0 ? settings.pollInterval() : untilDue, this::poll);
    }

    private List<Future<Tile>> fullTiles(long from) {
        List<Future<Tile>> tiles = new ArrayList<>();
        for (long t = from; (t + 1) * TilePath.FULL_WIDTH <= treeSize && tiles.size() < settings.parallelFetches(); t++) {
            tiles.add(fetch(t, TilePath.FULL_WIDTH));
        }
        return tiles;
    }

    /** After a round of full tiles that all came back, starts the next one while this one is published. */
    private void readAhead(long first, List<Future<Tile>> tiles) {
        for (Future<Tile> tile : tiles) {
            if (tile.failed() || tile.result().error() != null) {
                return;
            }
        }
        long after = first + tiles.size();
        if ((after + 1) * TilePath.FULL_WIDTH <= treeSize && !stopped()) {
            ahead = new Round<>(after, fullTiles(after));
        }
    }

    private void handOverInOrder(List<Future<Tile>> tiles) {
        List<Batch> batches = new ArrayList<>();
        boolean failed = false;
        String retryAfter = null;
        for (Future<Tile> future : tiles) {
            Tile tile = future.succeeded() ? future.result() : null;
            if (tile == null || tile.error() != null) {
                failed = true;
                retryAfter = tile == null ? null : tile.retryAfter();
                if (tile != null && tile.malformed() && noteFailure(tile.index()) > settings.maxRetriesPerIndex()) {
                    batches.add(rejectRest(tile));
                    failures = 0;
                }
                break;
            }
            batches.add(tile.batch());
        }
        boolean retry = failed;
        String wait = retryAfter;
        handOver(batches).onComplete(ar -> {
            if (ar.failed()) {
                return;
            }
            for (Batch batch : batches) {
                if (batch.end() % TilePath.FULL_WIDTH != 0) {
                    partialWidthFetched = (int) (batch.end() - partialTile * TilePath.FULL_WIDTH);
                    partialSince = clock.instant(); // what remains of this tile waits its turn again
                }
            }
            if (retry) {
                later(backoff.next(wait), this::catchUp);
            } else {
                backoff.reset();
                catchUp();
            }
        });
    }

    /** A tile the log keeps serving unreadably: account for every index it should hold, and go on. */
    private Batch rejectRest(Tile tile) {
        long first = Math.max(next, tile.index() * TilePath.FULL_WIDTH);
        long end = tile.index() * TilePath.FULL_WIDTH + tile.width();
        List<Reject> rejects = new ArrayList<>();
        for (long index = first; index < end; index++) {
            rejects.add(new Reject(log.name(), index, "unreadable-tile", tile.error()));
        }
        return new Batch(log, first, end, List.of(), rejects, treeSize, treeTimestamp);
    }

    private int noteFailure(long tile) {
        if (tile == failingTile) {
            failures++;
        } else {
            failingTile = tile;
            failures = 1;
        }
        return failures;
    }

    private Future<Tile> fetch(long index, int width) {
        String path = TilePath.dataTile(index, width).path();
        return http.get(log.url() + path).compose(answer -> {
            if (!answer.ok()) {
                return Future.succeededFuture(Tile.failed(index, width, path + ": HTTP " + answer.status(), answer.retryAfter(), false));
            }
            return vertx.executeBlocking(() -> parseLeaves(index, width, path, answer.body()), false).compose(leaves -> {
                if (leaves.error() != null) {
                    return Future.succeededFuture(leaves);
                }
                return fetchIssuers(leaves.leaves()).compose(v -> vertx.executeBlocking(() -> certificates(leaves), false));
            });
        }, error -> Future.succeededFuture(Tile.failed(index, width, path + ": " + error.getMessage(), null,
                error instanceof CtHttp.TooLarge)));
    }

    private Tile parseLeaves(long index, int width, String path, byte[] body) {
        try {
            return new Tile(index, width, DataTile.parse(body, width), null, null, null, false);
        } catch (CtFormatException e) {
            return Tile.failed(index, width, path + ": " + e.getMessage(), null, true);
        }
    }

    private Future<Void> fetchIssuers(List<TileLeaf> leaves) {
        Set<String> missing = new LinkedHashSet<>();
        for (TileLeaf leaf : leaves) {
            for (String fingerprint : leaf.chainFingerprintsHex()) {
                if (!issuers.containsKey(fingerprint)) {
                    missing.add(fingerprint);
                }
            }
        }
        List<Future<Void>> fetches = new ArrayList<>();
        for (String fingerprint : missing) {
            Future<Void> inFlight = issuerFetches.get(fingerprint);
            if (inFlight == null) {
                inFlight = http.get(log.url() + "issuer/" + fingerprint).map(answer -> {
                    if (answer.ok() && IssuerPath.matches(dev.ocspwatch.common.id.Hex.parse(fingerprint), answer.body())
                            && issuers.size() < MAX_ISSUERS) {
                        issuers.put(fingerprint, answer.body());
                    }
                    return null; // an issuer we cannot get shows up as a reject of the entries that need it
                });
                issuerFetches.put(fingerprint, inFlight);
                inFlight.onComplete(done -> issuerFetches.remove(fingerprint));
            }
            fetches.add(inFlight);
        }
        return Future.join(fetches).mapEmpty();
    }

    private Tile certificates(Tile tile) {
        long first = tile.index() * TilePath.FULL_WIDTH;
        long start = Math.max(next, first);
        List<LoggedCertificate> certificates = new ArrayList<>();
        List<Reject> rejects = new ArrayList<>();
        for (int i = (int) (start - first); i < tile.leaves().size(); i++) {
            long index = first + i;
            boolean[] issuerMissing = {false};
            try {
                certificates.add(LoggedCertificates.fromTileLeaf(tile.leaves().get(i), index, fingerprint -> {
                    byte[] issuer = issuers.get(fingerprint);
                    issuerMissing[0] |= issuer == null;
                    return issuer;
                }));
            } catch (CtFormatException e) {
                // an issuer the log did not serve is the log's failure, not a malformed entry
                rejects.add(new Reject(log.name(), index, issuerMissing[0] ? "issuer" : "malformed-entry", e.getMessage()));
            }
        }
        Batch batch = new Batch(log, start, first + tile.width(), certificates, rejects, treeSize, treeTimestamp);
        return new Tile(tile.index(), tile.width(), tile.leaves(), batch, null, null, false);
    }

    /** One data tile fetch: its leaves, then the batch they make, or why not. */
    private record Tile(long index, int width, List<TileLeaf> leaves, Batch batch, String error, String retryAfter,
                        boolean malformed) {
        static Tile failed(long index, int width, String error, String retryAfter, boolean malformed) {
            return new Tile(index, width, List.of(), null, error, retryAfter, malformed);
        }
    }
}
