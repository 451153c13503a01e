package dev.ocspwatch.common.ocsp;

import java.time.Duration;
import java.util.Objects;

/**
 * How strictly a response is judged.
 *
 * @param clockSkew tolerance on both currency bounds (thisUpdate in the future, nextUpdate in
 *     the past) and on a delegated signer's validity: a few seconds of disagreement between our
 *     clock and the CA's must never become a violation report
 * @param slowResponse elapsed time above which the BR 4.10.2 lint fires
 */
public record CheckSettings(Duration clockSkew, Duration slowResponse) {
    public static final CheckSettings DEFAULT = new CheckSettings(Duration.ofMinutes(5), Duration.ofSeconds(10));

    public CheckSettings {
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(slowResponse, "slowResponse");
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew must not be negative: " + clockSkew);
        }
    }
}
