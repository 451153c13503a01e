package dev.ocspwatch.lab.origin;

import dev.ocspwatch.common.outcome.Outcome;
import java.math.BigInteger;
import java.time.Duration;

/**
 * What an origin sends for one request, and what the lab knows about it.
 *
 * @param maxAge the Cache-Control max-age the origin attaches (what a CDN may cache it for)
 * @param delay hold the answer this long (the {@code slow} fault), or zero
 * @param serial the serial the request asked about, or null if it named none of this CA's
 * @param implied the outcome an agent must record for this answer; null when the request was
 *     not about a certificate the lab issued (an unissued serial, another CA's CertID)
 * @param cacheable whether a CDN may keep it without the {@code cdnCachesErrors} switch
 */
public record OriginAnswer(
        int httpStatus,
        String contentType,
        byte[] body,
        Duration maxAge,
        Duration delay,
        BigInteger serial,
        Outcome implied,
        boolean cacheable) {

    static final String OCSP_RESPONSE = "application/ocsp-response";
}
