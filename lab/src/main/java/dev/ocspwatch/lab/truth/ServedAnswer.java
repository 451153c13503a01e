package dev.ocspwatch.lab.truth;

import dev.ocspwatch.common.outcome.Outcome;
import java.time.Instant;

/**
 * One OCSP answer the lab gave a region for a certificate it issued, with the outcome that
 * answer implies for whoever received it.
 *
 * @param fromCache served by the CDN from its cache (X-Cache: HIT)
 */
public record ServedAnswer(Instant at, String region, String method, Outcome implied, boolean fromCache) {
}
