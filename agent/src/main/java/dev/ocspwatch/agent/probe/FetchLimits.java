package dev.ocspwatch.agent.probe;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on one HTTP fetch of untrusted content.
 *
 * @param timeout for the whole exchange, redirects included (BR 4.10.2 expects answers within 10 s)
 * @param maxBodyBytes larger bodies are cut off and reported, never buffered
 * @param maxRedirects each hop is resolved and vetted like the first
 * @param userAgent names ocspwatch and, when configured, a contact URL for the responder's operator
 */
public record FetchLimits(Duration timeout, int maxBodyBytes, int maxRedirects, String userAgent) {
    public static final String DEFAULT_USER_AGENT = "ocspwatch/0.1 (+https://github.com/ocspwatch/ocspwatch)";
    /** OCSP responses are a few KiB; 64 KiB leaves room for long chains in certs. */
    public static final int OCSP_MAX_BYTES = 64 * 1024;
    /** Some public CRLs exceed 100 MiB; 32 MiB covers the sharded CRLs of today's large CAs. */
    public static final int CRL_MAX_BYTES = 32 * 1024 * 1024;
    public static final int CERTIFICATE_MAX_BYTES = 256 * 1024;

    public FetchLimits {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(userAgent, "userAgent");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxBodyBytes <= 0 || maxRedirects < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive and maxRedirects non-negative");
        }
    }

    public static FetchLimits ocsp() {
        return new FetchLimits(Duration.ofSeconds(10), OCSP_MAX_BYTES, 3, DEFAULT_USER_AGENT);
    }

    public FetchLimits withMaxBodyBytes(int bytes) {
        return new FetchLimits(timeout, bytes, maxRedirects, userAgent);
    }

    public FetchLimits withTimeout(Duration newTimeout) {
        return new FetchLimits(newTimeout, maxBodyBytes, maxRedirects, userAgent);
    }
}
