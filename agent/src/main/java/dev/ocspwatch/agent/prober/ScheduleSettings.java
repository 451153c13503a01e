package dev.ocspwatch.agent.prober;

import dev.ocspwatch.agent.probe.ProbeMethod;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * When a certificate is probed (DESIGN.md, "Probe schedule"): at discovery; every
 * {@code untilAuthoritativeEvery} until the first authoritative answer; at the deadline; every
 * {@code watchEvery} until {@code watchWindow} after the deadline.
 *
 * @param deadline publication to deadline: 15 minutes (BR 4.9.9); shorter only in simulations
 * @param earlyMethods how the probes before the deadline ask
 * @param deadlineMethods how the deadline probe asks: GET (what CDNs cache) and POST (what
 *     usually reaches an origin), so a stale CDN and a stale origin both show
 * @param watchMethods how the watch-window probes ask
 * @param jitter each probe is moved later by a fixed fraction of this, chosen by certificate id
 *     and step, so a burst of certificates does not reach a responder in lockstep; a deadline
 *     probe is only ever moved later, never before the deadline
 * @param deadlineGuard an early probe due within this before the deadline is merged into the
 *     deadline probe: a probe sent just before the deadline and answered just after would
 *     otherwise count for neither side
 * @param lateAfter a probe sent more than this after it was due is marked late
 */
public record ScheduleSettings(Duration deadline, Duration untilAuthoritativeEvery, Duration watchEvery, Duration watchWindow,
                               List<ProbeMethod> earlyMethods, List<ProbeMethod> deadlineMethods, List<ProbeMethod> watchMethods,
                               Duration jitter, Duration deadlineGuard, Duration lateAfter) {
    public static final ScheduleSettings DEFAULT = new ScheduleSettings(Duration.ofMinutes(15), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofHours(1), List.of(ProbeMethod.GET), List.of(ProbeMethod.GET, ProbeMethod.POST),
            List.of(ProbeMethod.GET, ProbeMethod.POST), Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofSeconds(30));

    public ScheduleSettings {
        for (Duration d : List.of(deadline, untilAuthoritativeEvery, watchEvery, watchWindow, jitter, deadlineGuard, lateAfter)) {
            Objects.requireNonNull(d, "schedule durations");
            if (d.isNegative()) {
                throw new IllegalArgumentException("schedule durations must not be negative: " + d);
            }
        }
        if (deadline.isZero() || untilAuthoritativeEvery.isZero() || watchEvery.isZero()) {
            throw new IllegalArgumentException("deadline, untilAuthoritativeEvery and watchEvery must be positive");
        }
        earlyMethods = methods(earlyMethods, "earlyMethods");
        deadlineMethods = methods(deadlineMethods, "deadlineMethods");
        watchMethods = methods(watchMethods, "watchMethods");
    }

    private static List<ProbeMethod> methods(List<ProbeMethod> methods, String name) {
        if (methods == null || methods.isEmpty()) {
            throw new IllegalArgumentException(name + " must name GET, POST or both");
        }
        return List.copyOf(methods);
    }

    /**
     * These settings with every duration scaled by {@code deadline / this.deadline()}: the lab
     * plays a 15-minute story in seconds, and the schedule must shrink with it.
     */
    public ScheduleSettings scaledTo(Duration newDeadline) {
        double factor = (double) newDeadline.toNanos() / deadline.toNanos();
        return new ScheduleSettings(newDeadline, scale(untilAuthoritativeEvery, factor), scale(watchEvery, factor),
                scale(watchWindow, factor), earlyMethods, deadlineMethods, watchMethods, scale(jitter, factor),
                scale(deadlineGuard, factor), scale(lateAfter, factor));
    }

    private static Duration scale(Duration d, double factor) {
        return Duration.ofNanos(Math.max(d.isZero() ? 0 : 1_000_000, Math.round(d.toNanos() * factor)));
    }

    public ScheduleSettings withWatchWindow(Duration window) {
        return new ScheduleSettings(deadline, untilAuthoritativeEvery, watchEvery, window, earlyMethods, deadlineMethods, watchMethods,
                jitter, deadlineGuard, lateAfter);
    }

    /** How long after publication a certificate stops being probed. */
    public Duration horizon() {
        return deadline.plus(watchWindow);
    }
}
