package dev.ocspwatch.collector.alert;

/**
 * How one alert fared with one target, after every attempt it got.
 *
 * @param target the target's name
 * @param attempts requests sent (or tried), the first included
 * @param httpStatus the last response's status, or null if the last attempt got none
 * @param reason the last failure in a word or two ({@code http-503}, {@code timeout}, {@code connection}); null when delivered
 */
public record Delivery(String target, String idempotencyKey, Status status, int attempts, Integer httpStatus, String reason) {

    public enum Status {
        /** A 2xx answer. */
        DELIVERED,
        /** A 4xx answer other than 408 and 429 (or a 3xx): the request itself is wrong, sending it again will not help. */
        REFUSED,
        /** Every attempt failed in a way worth retrying (5xx, 408, 429, connection, timeout). */
        GAVE_UP,
        /** Stopped by shutdown before an answer: left for the next start to send again (nothing was committed past it). */
        ABANDONED
    }

    /** Delivered, or given up for good: either way nothing more will be tried, and its offset may be committed. */
    public boolean finished() {
        return status != Status.ABANDONED;
    }
}
