package dev.ocspwatch.collector.stats;

import dev.ocspwatch.common.verdict.Verdict;
import java.util.Map;

/**
 * What one certificate authority's certificates got, by its issuing key.
 *
 * @param issuerSpkiSha256 SHA-256 of the issuer's SubjectPublicKeyInfo, hex; null for verdicts that named none
 * @param issuerSubject the issuer's distinguished name as the verdicts give it (the smallest one if they differ)
 * @param decided certificates with a latest verdict
 * @param verdicts certificates by latest verdict, every verdict name present (zeros included)
 * @param timeToFirstAuthoritative per certificate, publication to the first authoritative answer
 *     in any region (the minimum over regions); certificates never answered authoritatively are not in it
 * @param timeToFirstAuthoritativeByRegion the same per region, over that region's own first answers
 * @param flapping certificates some region saw authoritative and later non-authoritative (lagging replicas)
 * @param violationRate VIOLATION over the decided certificates that name a responder (all but
 *     NOT_APPLICABLE), 0 when there are none
 */
public record IssuerStatistics(
        String issuerSpkiSha256,
        String issuerSubject,
        long decided,
        Map<Verdict, Long> verdicts,
        Latency timeToFirstAuthoritative,
        Map<String, Latency> timeToFirstAuthoritativeByRegion,
        long flapping,
        double violationRate) {

    public long count(Verdict verdict) {
        return verdicts.getOrDefault(verdict, 0L);
    }
}
