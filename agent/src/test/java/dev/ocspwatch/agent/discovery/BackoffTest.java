package dev.ocspwatch.agent.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long a follower waits after a log says no. */
class BackoffTest {
    private static void assertWithin(Duration base, Duration actual) {
        assertTrue(actual.compareTo(base) >= 0 && actual.compareTo(base.plus(base.dividedBy(4))) <= 0,
                actual + " should be " + base + " plus at most a quarter of jitter");
    }

    @Test
    void waitsExactlyAsLongAsRetryAfterSays() {
        Backoff backoff = new Backoff();
        assertEquals(Duration.ofSeconds(7), backoff.next("7"));
        assertEquals(Duration.ofSeconds(7), backoff.next(" 7 "));
        assertEquals(Duration.ofSeconds(0), backoff.next("0"));
        assertEquals(Duration.ofHours(1), backoff.next("86400"), "capped at an hour");
    }

    @Test
    void doublesFromOneSecondUpToAMinuteWithoutRetryAfter() {
        Backoff backoff = new Backoff();
        long[] seconds = {1, 2, 4, 8, 16, 32, 60, 60, 60};
        for (long expected : seconds) {
            assertWithin(Duration.ofSeconds(expected), backoff.next(null));
        }
    }

    @Test
    void startsOverAfterASuccess() {
        Backoff backoff = new Backoff();
        backoff.next(null);
        backoff.next(null);
        backoff.next(null);
        backoff.reset();
        assertWithin(Duration.ofSeconds(1), backoff.next(null));
    }

    @Test
    void treatsARetryAfterItCannotReadAsAbsent() {
        assertNull(Backoff.parse("Wed, 21 Oct 2015 07:28:00 GMT"));
        assertNull(Backoff.parse("-5"));
        assertNull(Backoff.parse("soon"));
        assertNull(Backoff.parse(null));
        Backoff backoff = new Backoff();
        assertWithin(Duration.ofSeconds(1), backoff.next("soon"));
        assertWithin(Duration.ofSeconds(2), backoff.next("-1"));
    }
}
