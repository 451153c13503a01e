package dev.ocspwatch.lab.world;

import dev.ocspwatch.lab.scenario.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The lab's two clocks in one: real time (the injected {@link Clock}) and story time since the
 * story began, scaled by {@code deadline / 15 minutes}. The story begins when the world starts
 * and again when the CAs start issuing ({@link #begin}), so however long the agents and the
 * collector take to start (seconds in one JVM, more in separate processes), the scenario's
 * issuing window and fault windows play whole.
 */
public final class WorldTime {
    private final Clock clock;
    private volatile Instant start;
    private final Scenario scenario;

    public WorldTime(Clock clock, Instant start, Scenario scenario) {
        this.clock = clock;
        this.start = start;
        this.scenario = scenario;
    }

    /** The real-time clock the world runs on (a ManualClock in tests). */
    public Clock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public Instant start() {
        return start;
    }

    /** Story time 0 is now {@code instant}: called once, when issuing starts, before any certificate exists. */
    void begin(Instant instant) {
        this.start = instant;
    }

    /** The real instant at story time {@code story} since the start. */
    public Instant at(Duration story) {
        return start.plus(scenario.real(story));
    }

    /**
     * The story time since the start at {@code instant}: the longest story duration whose real
     * instant ({@link #at}) is not after it.
     */
    public Duration storyAt(Instant instant) {
        long real = Duration.between(start, instant).toNanos();
        Duration story = Duration.ofNanos((long) Math.floor(real / scenario.timeScale()));
        while (at(story).isAfter(instant)) {
            story = story.minusNanos(1);
        }
        return story;
    }

    /** Story time to real time. */
    public Duration real(Duration story) {
        return scenario.real(story);
    }

    /** Whether {@code instant} lies in the story window [from, until); null bounds are open. */
    public boolean within(Instant instant, Duration from, Duration until) {
        return (from == null || !instant.isBefore(at(from))) && (until == null || instant.isBefore(at(until)));
    }
}
