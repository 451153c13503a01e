package dev.ocspwatch.common.ocsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckSettingsTest {
    @Test
    void defaultsToFiveMinutesOfSkewAndTheTenSecondsOfBr4102() {
        assertEquals(Duration.ofMinutes(5), CheckSettings.DEFAULT.clockSkew());
        assertEquals(Duration.ofSeconds(10), CheckSettings.DEFAULT.slowResponse());
    }

    @Test
    void refusesANegativeSkewAndMissingValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CheckSettings(Duration.ofSeconds(-1), Duration.ofSeconds(10)));
        assertTrue(e.getMessage().contains("clockSkew"), e.getMessage());
        assertThrows(NullPointerException.class, () -> new CheckSettings(null, Duration.ofSeconds(10)));
        assertThrows(NullPointerException.class, () -> new CheckSettings(Duration.ZERO, null));
    }
}
