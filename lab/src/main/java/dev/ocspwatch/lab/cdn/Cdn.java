package dev.ocspwatch.lab.cdn;

import dev.ocspwatch.common.ocsp.OcspGetUrl;
import dev.ocspwatch.lab.origin.CaRepository;
import dev.ocspwatch.lab.origin.OcspOrigin;
import dev.ocspwatch.lab.origin.OriginAnswer;
import dev.ocspwatch.lab.scenario.Fault;
import dev.ocspwatch.lab.truth.GroundTruth;
import dev.ocspwatch.lab.world.FaultBook;
import dev.ocspwatch.lab.world.WorldTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CDN in front of the CAs' origins. Each region reaches it through its own point of
 * presence, which routes to a preferred site, so one region sees a site's failure and another
 * does not. A PoP caches GET answers per URL for the max-age the origin sent, but only
 * successful (signed) ones unless {@code cdnCachesErrors} is switched on (the amplifier of
 * 2025); POST passes through to the origin. Answers carry Age, X-Cache and Via as real CDNs do.
 * Every OCSP answer about a lab certificate is entered in the ground truth with its region.
 */
public final class Cdn {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final int CACHE_LIMIT = 200_000;

    private final Map<String, OcspOrigin> origins;
    private final Map<String, CaRepository> repositories;
    private final Map<String, String> siteOfRegion;
    private final FaultBook faults;
    private final GroundTruth truth;
    private final WorldTime time;
    private final Map<String, Map<String, Cached>> caches = new ConcurrentHashMap<>();

    /** An HTTP answer from a PoP. */
    public record Response(int status, Map<String, String> headers, byte[] body, Duration delay) {
    }

    private record Cached(OriginAnswer answer, String ca, Instant storedAt, Instant expiresAt) {
    }

    /**
     * @param origins OCSP host → the CA's origin
     * @param repositories repository host → the CA's CRL and certificate
     * @param siteOfRegion region → the site its PoP routes to
     */
    public Cdn(Map<String, OcspOrigin> origins, Map<String, CaRepository> repositories, Map<String, String> siteOfRegion,
               FaultBook faults, GroundTruth truth, WorldTime time) {
        this.origins = Map.copyOf(origins);
        this.repositories = Map.copyOf(repositories);
        this.siteOfRegion = Map.copyOf(siteOfRegion);
        this.faults = faults;
        this.truth = truth;
        this.time = time;
    }

    public Response handle(String region, String method, String hostHeader, String path, byte[] body) {
        Instant now = time.now();
        String host = hostHeader == null ? "" : hostHeader.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
        CaRepository repository = repositories.get(host);
        if (repository != null) {
            OriginAnswer answer = repository.answer(path, now);
            return answer == null ? notFound(region) : respond(answer, region, "PASS", null, now);
        }
        OcspOrigin origin = origins.get(host);
        if (origin == null) {
            return notFound(region);
        }
        boolean get = method.equals("GET");
        if (!get && !method.equals("POST")) {
            return new Response(405, headers(region, "text/plain", "PASS", null, now), "GET or POST".getBytes(StandardCharsets.US_ASCII),
                    Duration.ZERO);
        }
        String cacheKey = host + path;
        Map<String, Cached> cache = caches.computeIfAbsent(region, r -> new ConcurrentHashMap<>());
        if (get) {
            Cached cached = cache.get(cacheKey);
            if (cached != null && now.isBefore(cached.expiresAt())) {
                record(cached.ca(), cached.answer(), region, method, true, now);
                return respond(cached.answer(), region, "HIT", Duration.between(cached.storedAt(), now), now);
            }
        }
        byte[] request = get ? decodeGet(path) : body;
        OriginAnswer answer = origin.answer(request, siteOfRegion.get(region), region, now);
        record(origin.caName(), answer, region, method, false, now);
        if (get && answer.httpStatus() == 200 && answer.delay().isZero() && !answer.maxAge().isZero()
                && (answer.cacheable() || faults.active(Fault.CdnCachesErrors.class, origin.caName(), null, region, now).isPresent())) {
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(cacheKey, new Cached(answer, origin.caName(), now, now.plus(answer.maxAge())));
        }
        return respond(answer, region, get ? "MISS" : "PASS", null, now);
    }

    /** Empties every PoP's cache (a purge). */
    public void purge() {
        caches.clear();
    }

    private void record(String ca, OriginAnswer answer, String region, String method, boolean hit, Instant now) {
        if (answer.serial() != null && answer.implied() != null) {
            truth.served(ca, answer.serial(), region, method, answer.implied(), hit, now);
        }
    }

    private static byte[] decodeGet(String path) {
        String encoded = path.startsWith("/") ? path.substring(1) : path;
        try {
            return encoded.isEmpty() ? null : OcspGetUrl.parse(encoded);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Response respond(OriginAnswer answer, String region, String cacheStatus, Duration age, Instant now) {
        Map<String, String> headers = headers(region, answer.contentType(), cacheStatus, age, now);
        long maxAge = (answer.maxAge().toMillis() + 999) / 1000;
        headers.put("Cache-Control", "public, max-age=" + maxAge + ", no-transform");
        // A cached copy expires when the stored one does, not max-age from now.
        Instant stored = age == null ? now : now.minus(age);
        headers.put("Expires", HTTP_DATE.format(stored.plusSeconds(maxAge)));
        return new Response(answer.httpStatus(), headers, answer.body(), answer.delay());
    }

    private Response notFound(String region) {
        return new Response(404, headers(region, "text/plain", "PASS", null, time.now()), "not found".getBytes(StandardCharsets.US_ASCII),
                Duration.ZERO);
    }

    private static Map<String, String> headers(String region, String contentType, String cacheStatus, Duration age, Instant now) {
        Map<String, String> headers = new TreeMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Date", HTTP_DATE.format(now));
        headers.put("X-Cache", cacheStatus);
        headers.put("Via", "1.1 lab-cdn-" + region);
        if (age != null) {
            headers.put("Age", Long.toString(age.getSeconds()));
        }
        return headers;
    }
}
