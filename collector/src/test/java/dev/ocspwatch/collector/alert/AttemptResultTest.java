package dev.ocspwatch.collector.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpClosedException;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class AttemptResultTest {
    @Test
    void serverErrorsTimeoutsAndRateLimitsAreRetriedOtherAnswersAreNot() {
        assertTrue(AttemptResult.answer(204, null, "").delivered());
        for (int status : new int[] {500, 502, 503, 504, 408, 429}) {
            assertTrue(AttemptResult.answer(status, null, "").retryable(), "status " + status);
        }
        for (int status : new int[] {301, 400, 401, 403, 404, 410, 413}) {
            assertFalse(AttemptResult.answer(status, null, "").retryable(), "status " + status);
        }
        assertTrue(AttemptResult.failure("connection", "refused").retryable());
        assertEquals("http-404", AttemptResult.answer(404, null, "").reason());
    }

    @Test
    void readsRetryAfterAsSecondsOrAsADate() {
        assertEquals(Duration.ofSeconds(7), AttemptResult.retryAfter(" 7 "));
        assertNull(AttemptResult.retryAfter("-1"));
        assertNull(AttemptResult.retryAfter("soon"));
        assertNull(AttemptResult.retryAfter(null));
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        Duration wait = AttemptResult.retryAfter(inAMinute);
        assertTrue(wait.compareTo(Duration.ofSeconds(55)) > 0 && wait.compareTo(Duration.ofSeconds(61)) < 0, wait.toString());
        assertEquals(Duration.ZERO, AttemptResult.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
    }

    @Test
    void namesFailuresWithoutAnAnswerByKind() {
        assertEquals("timeout", AttemptResult.classify(new NoStackTraceTimeoutException("idle")));
        assertEquals("connection", AttemptResult.classify(new ConnectException("refused")));
        assertEquals("connection", AttemptResult.classify(new HttpClosedException("closed")));
    }
}
