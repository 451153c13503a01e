package dev.ocspwatch.collector.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final RetryPolicy NO_JITTER = new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofMinutes(5), 0);

    @Test
    void doublesFromTheInitialBackoffUpToTheCap() {
        List<Long> seconds = IntStream.rangeClosed(1, 12).mapToObj(n -> NO_JITTER.backoff(n, 0.99).toSeconds()).toList();
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L, 300L), seconds);
        assertEquals(Duration.ofMinutes(5), NO_JITTER.backoff(Integer.MAX_VALUE, 0));
    }

    @Test
    void jitterShortensADelayByUpToItsFraction() {
        RetryPolicy policy = RetryPolicy.DEFAULT; // jitter 0.5
        assertEquals(Duration.ofSeconds(4), policy.backoff(3, 0));
        assertEquals(Duration.ofSeconds(2), policy.backoff(3, 1));
        assertEquals(Duration.ofSeconds(3), policy.backoff(3, 0.5));
    }

    @Test
    void retryAfterIsHonouredButCappedAtTheMaximumBackoff() {
        assertEquals(Duration.ofSeconds(30), NO_JITTER.backoff(1, 0, Duration.ofSeconds(30)));
        assertEquals(Duration.ofSeconds(8), NO_JITTER.backoff(4, 0, Duration.ofSeconds(3)), "never shorter than the own backoff");
        assertEquals(Duration.ofMinutes(5), NO_JITTER.backoff(1, 0, Duration.ofHours(2)));
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertEquals("retry.maxAttempts must be at least 1, not -1",
                assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(-1, null, null, 0)).getMessage());
        assertEquals(8, new RetryPolicy(0, null, null, 0).maxAttempts(), "0: left out of a configuration");
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, Duration.ZERO, null, 0));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1), 0));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, null, null, 1.5));
    }
}
