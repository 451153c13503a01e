package dev.ocspwatch.collector.alert;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * What one webhook request came to: an HTTP answer, or a failure without one.
 *
 * @param status the HTTP status, or null when no answer came
 * @param retryAfter what the receiver asked to wait (429, 503), or null
 * @param reason null when delivered; else {@code http-<status>}, {@code timeout} or {@code connection} (a metrics tag)
 * @param detail for the log: the status and the start of the answer, or the error
 */
record AttemptResult(Integer status, Duration retryAfter, String reason, String detail) {

    static AttemptResult answer(int status, Duration retryAfter, String bodyStart) {
        String reason = status >= 200 && status < 300 ? null : "http-" + status;
        return new AttemptResult(status, retryAfter, reason, "HTTP " + status + (bodyStart.isEmpty() ? "" : ": " + bodyStart));
    }

    static AttemptResult failure(String reason, String detail) {
        return new AttemptResult(null, null, reason, detail);
    }

    boolean delivered() {
        return reason == null;
    }

    /** No answer, a server error, 408 Request Timeout or 429 Too Many Requests: worth another attempt. */
    boolean retryable() {
        return status == null || status >= 500 || status == 408 || status == 429;
    }

    /** {@code timeout} or {@code connection}, for metrics. */
    static String classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof io.netty.channel.ConnectTimeoutException
                    || t instanceof java.net.SocketTimeoutException) {
                return "timeout";
            }
            if (t instanceof ConnectException) {
                return "connection";
            }
        }
        return "connection"; // closed, reset, refused, TLS, DNS: the receiver could not be talked to
    }

    /** Retry-After as seconds or as an HTTP date (RFC 9110 10.2.3); null if absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, 86_400));
        } catch (NumberFormatException e) {
            // not seconds: perhaps a date
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(Instant.now(), at);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
