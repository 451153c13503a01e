package dev.ocspwatch.agent.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ocspwatch.agent.probe.AddressPolicy;
import dev.ocspwatch.agent.probe.FetchLimits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProberSettingsTest {
    private static ProberSettings inRegion(String region) {
        return ProberSettings.defaults(region, "agent-1");
    }

    @Test
    void defaultsToPublicRespondersTheDesignScheduleAndGenerousBounds() {
        ProberSettings settings = ProberSettings.defaults("eu-west", "eu-west-1");
        assertEquals("eu-west", settings.region());
        assertEquals("eu-west-1", settings.agentId());
        assertEquals(ScheduleSettings.DEFAULT, settings.schedule());
        assertEquals(PolitenessSettings.DEFAULT, settings.politeness());
        assertEquals(new PolitenessSettings(8, 50, 512), settings.politeness());
        assertEquals(FetchLimits.ocsp(), settings.limits());
        assertEquals(AddressPolicy.PUBLIC_ONLY, settings.addressPolicy());
        assertEquals(1_000_000, settings.maxWatched());
        assertEquals(20_000, settings.maxBufferedObservations());
        assertEquals(Duration.ofMinutes(2), settings.issuerWait());
        assertEquals(Duration.ofMillis(100), settings.tick());
    }

    @Test
    void keepsWhatItWasGiven() {
        ScheduleSettings schedule = ScheduleSettings.DEFAULT.scaledTo(Duration.ofSeconds(20));
        PolitenessSettings politeness = new PolitenessSettings(1, 0.5, 4);
        ProberSettings settings = new ProberSettings("lab", "lab-1", schedule, politeness, null, AddressPolicy.ALLOW_ALL, 10, 5,
                Duration.ofSeconds(3), Duration.ofMillis(20));
        assertEquals(schedule, settings.schedule());
        assertEquals(politeness, settings.politeness());
        assertEquals(AddressPolicy.ALLOW_ALL, settings.addressPolicy());
        assertEquals(List.of(10, 5), List.of(settings.maxWatched(), settings.maxBufferedObservations()));
        assertEquals(Duration.ofSeconds(3), settings.issuerWait());
        assertEquals(Duration.ofMillis(20), settings.tick());
    }

    @Test
    void namesTheRegionsConsumerGroup() {
        assertEquals("ocspwatch-prober-eu-west", inRegion("eu-west").consumerGroup());
        assertEquals("ocspwatch-prober-ap.south_2", inRegion("ap.south_2").consumerGroup());
    }

    @Test
    void acceptsLowerCaseRegionNamesUpTo63Characters() {
        for (String region : List.of("a", "7", "us-east-1", "ap.south_2", "x".repeat(63))) {
            assertEquals(region, inRegion(region).region());
        }
    }

    @Test
    void refusesOtherRegionNames() {
        for (String region : List.of("", "EU-West", "-eu", ".eu", "_eu", "eu west", "eu/west", "eu:west", "région", "x".repeat(64),
                "eu-west\n")) {
            assertThrows(IllegalArgumentException.class, () -> inRegion(region), () -> "\"" + region + "\"");
        }
        assertThrows(NullPointerException.class, () -> inRegion(null));
        assertThrows(NullPointerException.class, () -> ProberSettings.defaults("eu-west", null));
    }

    @Test
    void refusesBoundsBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new ProberSettings("eu", "a", null, null, null, null, 0, 10, null, null));
        assertThrows(IllegalArgumentException.class, () -> new ProberSettings("eu", "a", null, null, null, null, 10, 0, null, null));
    }

    @Test
    void refusesATickShorterThanATimerCanWaitAndANegativeIssuerWait() {
        for (Duration tick : List.of(Duration.ZERO, Duration.ofNanos(500_000), Duration.ofMillis(-5))) {
            assertThrows(IllegalArgumentException.class, () -> new ProberSettings("eu", "a", null, null, null, null, 10, 10, null, tick),
                    tick::toString);
        }
        assertThrows(IllegalArgumentException.class,
                () -> new ProberSettings("eu", "a", null, null, null, null, 10, 10, Duration.ofSeconds(-1), null));
        ProberSettings quick = new ProberSettings("eu", "a", null, null, null, null, 10, 10, Duration.ZERO, Duration.ofMillis(1));
        assertEquals(List.of(Duration.ZERO, Duration.ofMillis(1)), List.of(quick.issuerWait(), quick.tick()));
    }

    @Test
    void refusesPolitenessLimitsThatAreNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> new PolitenessSettings(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PolitenessSettings(1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new PolitenessSettings(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new PolitenessSettings(1, -2, 1));
        assertThrows(IllegalArgumentException.class, () -> new PolitenessSettings(1, Double.NaN, 1));
        assertEquals(0.1, new PolitenessSettings(1, 0.1, 1).perHostPerSecond(), "below one per second is allowed");
    }
}
