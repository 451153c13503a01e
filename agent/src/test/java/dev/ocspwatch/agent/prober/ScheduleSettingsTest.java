package dev.ocspwatch.agent.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ocspwatch.agent.probe.ProbeMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleSettingsTest {
    private static final List<ProbeMethod> GET = List.of(ProbeMethod.GET);
    private static final List<ProbeMethod> BOTH = List.of(ProbeMethod.GET, ProbeMethod.POST);

    private static ScheduleSettings settings(Duration deadline, Duration every, Duration watchEvery, Duration window, Duration jitter,
                                             Duration guard, Duration lateAfter) {
        return new ScheduleSettings(deadline, every, watchEvery, window, GET, BOTH, BOTH, jitter, guard, lateAfter);
    }

    private static ScheduleSettings withDuration(int index, Duration value) {
        Duration[] d = {Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(1),
                Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofSeconds(30)};
        d[index] = value;
        return settings(d[0], d[1], d[2], d[3], d[4], d[5], d[6]);
    }

    @Test
    void defaultsFollowTheDesign() {
        ScheduleSettings d = ScheduleSettings.DEFAULT;
        assertEquals(Duration.ofMinutes(15), d.deadline());
        assertEquals(Duration.ofMinutes(1), d.untilAuthoritativeEvery());
        assertEquals(Duration.ofMinutes(5), d.watchEvery());
        assertEquals(Duration.ofHours(1), d.watchWindow());
        assertEquals(GET, d.earlyMethods());
        assertEquals(BOTH, d.deadlineMethods(), "GET for what CDNs cache, POST for what reaches an origin");
        assertEquals(BOTH, d.watchMethods());
        assertEquals(Duration.ofSeconds(20), d.jitter());
        assertEquals(Duration.ofSeconds(10), d.deadlineGuard());
        assertEquals(Duration.ofSeconds(30), d.lateAfter());
    }

    @Test
    void refusesNegativeOrMissingDurations() {
        for (int i = 0; i < 7; i++) {
            int index = i;
            assertThrows(IllegalArgumentException.class, () -> withDuration(index, Duration.ofMillis(-1)), "duration " + i);
            assertThrows(NullPointerException.class, () -> withDuration(index, null), "duration " + i);
        }
    }

    @Test
    void refusesAZeroDeadlineOrInterval() {
        for (int i = 0; i < 3; i++) {
            int index = i;
            assertThrows(IllegalArgumentException.class, () -> withDuration(index, Duration.ZERO), "duration " + i);
        }
        ScheduleSettings zeros = settings(Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ZERO,
                Duration.ZERO, Duration.ZERO, Duration.ZERO);
        assertEquals(List.of(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO),
                List.of(zeros.watchWindow(), zeros.jitter(), zeros.deadlineGuard(), zeros.lateAfter()),
                "a zero window, jitter, guard or lateAfter is allowed");
    }

    @Test
    void refusesMissingOrEmptyMethods() {
        Duration m = Duration.ofMinutes(1);
        assertThrows(IllegalArgumentException.class, () -> new ScheduleSettings(m, m, m, m, List.of(), BOTH, BOTH, m, m, m));
        assertThrows(IllegalArgumentException.class, () -> new ScheduleSettings(m, m, m, m, GET, null, BOTH, m, m, m));
        assertThrows(IllegalArgumentException.class, () -> new ScheduleSettings(m, m, m, m, GET, BOTH, List.of(), m, m, m));
    }

    @Test
    void keepsItsOwnCopyOfTheMethods() {
        List<ProbeMethod> methods = new ArrayList<>(BOTH);
        Duration m = Duration.ofMinutes(1);
        ScheduleSettings settings = new ScheduleSettings(m, m, m, m, methods, methods, methods, m, m, m);
        methods.clear();
        assertEquals(BOTH, settings.earlyMethods());
        assertThrows(UnsupportedOperationException.class, () -> settings.watchMethods().add(ProbeMethod.GET));
    }

    @Test
    void scalesEveryDurationWithTheDeadline() {
        ScheduleSettings scaled = ScheduleSettings.DEFAULT.scaledTo(Duration.ofSeconds(20)); // 15 min -> 20 s: a factor of 1/45
        assertEquals(Duration.ofSeconds(20), scaled.deadline());
        assertEquals(Duration.ofNanos(1_333_333_333), scaled.untilAuthoritativeEvery());
        assertEquals(Duration.ofNanos(6_666_666_667L), scaled.watchEvery());
        assertEquals(Duration.ofSeconds(80), scaled.watchWindow());
        assertEquals(Duration.ofNanos(444_444_444), scaled.jitter());
        assertEquals(Duration.ofNanos(222_222_222), scaled.deadlineGuard());
        assertEquals(Duration.ofNanos(666_666_667), scaled.lateAfter());
        assertEquals(ScheduleSettings.DEFAULT.deadlineMethods(), scaled.deadlineMethods());
        assertEquals(Duration.ofSeconds(100), scaled.horizon());
    }

    @Test
    void scalesUpAsWellAsDown() {
        ScheduleSettings doubled = ScheduleSettings.DEFAULT.scaledTo(Duration.ofMinutes(30));
        assertEquals(Duration.ofMinutes(2), doubled.untilAuthoritativeEvery());
        assertEquals(Duration.ofHours(2), doubled.watchWindow());
        assertEquals(Duration.ofSeconds(60), doubled.lateAfter());
        assertEquals(ScheduleSettings.DEFAULT, ScheduleSettings.DEFAULT.scaledTo(Duration.ofMinutes(15)));
    }

    @Test
    void keepsZeroDurationsZeroAndOthersAtLeastAMillisecond() {
        ScheduleSettings settings = settings(Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(1),
                Duration.ZERO, Duration.ofMillis(10), Duration.ZERO);
        ScheduleSettings tiny = settings.scaledTo(Duration.ofMillis(15)); // a factor of 1/60,000
        assertEquals(Duration.ZERO, tiny.jitter());
        assertEquals(Duration.ZERO, tiny.lateAfter());
        assertEquals(Duration.ofMillis(1), tiny.deadlineGuard(), "10 ms would be 167 ns");
        assertEquals(Duration.ofMillis(1), tiny.untilAuthoritativeEvery());
        assertEquals(Duration.ofMillis(60), tiny.watchWindow());
    }

    @Test
    void replacesOnlyTheWatchWindow() {
        ScheduleSettings shorter = ScheduleSettings.DEFAULT.withWatchWindow(Duration.ofMinutes(10));
        assertEquals(Duration.ofMinutes(10), shorter.watchWindow());
        assertEquals(Duration.ofMinutes(25), shorter.horizon());
        assertEquals(ScheduleSettings.DEFAULT, shorter.withWatchWindow(Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> ScheduleSettings.DEFAULT.withWatchWindow(Duration.ofMinutes(-1)));
    }

    @Test
    void endsTheHorizonAtTheDeadlinePlusTheWindow() {
        assertEquals(Duration.ofMinutes(75), ScheduleSettings.DEFAULT.horizon());
        assertEquals(Duration.ofMinutes(15), ScheduleSettings.DEFAULT.withWatchWindow(Duration.ZERO).horizon());
    }
}
