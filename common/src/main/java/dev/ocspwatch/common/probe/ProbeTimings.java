package dev.ocspwatch.common.probe;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How long each step of one fetch took, in milliseconds. A step that was not reached (no
 * connect after a DNS failure) is null. {@code connectMs} includes the TLS handshake for
 * https and is near zero when a kept-alive connection was reused; {@code firstByteMs} runs
 * from sending the request to the response headers; {@code totalMs} covers everything,
 * redirects included.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProbeTimings(Double dnsMs, Double connectMs, Double firstByteMs, Double totalMs) {
    public static final ProbeTimings NONE = new ProbeTimings(null, null, null, null);

    /** Milliseconds between two {@link System#nanoTime()} readings, to 0.01 ms. */
    public static double millis(long fromNanos, long toNanos) {
        return Math.round((toNanos - fromNanos) / 10_000.0) / 100.0;
    }
}
