package dev.ocspwatch.common.kafka;

/**
 * Why a probe was made, after DESIGN.md's schedule: once at discovery, then every minute until
 * the first authoritative answer, at the deadline (GET and POST), then every few minutes
 * through the watch window. Only probes at or after the deadline count toward a verdict; the
 * earlier ones measure how long a CA took.
 */
public enum ProbeKind {
    DISCOVERY,
    UNTIL_AUTHORITATIVE,
    DEADLINE,
    WATCH
}
