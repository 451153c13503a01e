package dev.ocspwatch.collector.query;

import dev.ocspwatch.common.verdict.Verdict;
import java.time.Instant;

/**
 * A filter over the latest verdict of each certificate, and a page of it. Every field may be
 * null (no filter). Pages are ordered by deadline, newest first, then certificate id.
 *
 * @param issuer issuer SPKI SHA-256 (hex) or a substring of the issuer's subject
 * @param responderHost host of one of the certificate's OCSP URLs
 * @param region verdicts in which this region did not get authoritative answers only (it failed, or was not asked)
 * @param since deadline at or after
 * @param until deadline before
 * @param after the {@code next} token of the previous page
 * @param limit at most this many (1 to 500)
 */
public record VerdictQuery(Verdict verdict, String issuer, String responderHost, String region, Instant since, Instant until,
                           String after, int limit) {
    public static final int MAX_LIMIT = 500;

    public VerdictQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
        }
    }
}
