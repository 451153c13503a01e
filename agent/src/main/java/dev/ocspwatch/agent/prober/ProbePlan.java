package dev.ocspwatch.agent.prober;

import dev.ocspwatch.common.kafka.ProbeKind;

/**
 * The schedule of DESIGN.md as arithmetic on one {@link WatchedCertificate}: which step comes
 * next and when. Pure (no clock, no I/O), so every rule is tested with plain numbers:
 * <pre>
 * discovery            now (or, after a schedule rebuild, an until-authoritative probe now)
 * until authoritative  every untilAuthoritativeEvery after that, while nothing authoritative came back
 * deadline             publishedAt + deadline (+ jitter, never earlier); an early probe due within
 *                      deadlineGuard before it is merged into it
 * watch                deadline + k * watchEvery (+ jitter) while within the watch window
 * </pre>
 */
final class ProbePlan {
    private final ScheduleSettings settings;
    private final long deadlineMs;
    private final long everyMs;
    private final long watchEveryMs;
    private final long windowMs;
    private final long jitterMs;
    private final long guardMs;

    ProbePlan(ScheduleSettings settings) {
        this.settings = settings;
        this.deadlineMs = settings.deadline().toMillis();
        this.everyMs = settings.untilAuthoritativeEvery().toMillis();
        this.watchEveryMs = settings.watchEvery().toMillis();
        this.windowMs = settings.watchWindow().toMillis();
        this.jitterMs = settings.jitter().toMillis();
        this.guardMs = settings.deadlineGuard().toMillis();
    }

    ScheduleSettings settings() {
        return settings;
    }

    long deadline(WatchedCertificate c) {
        return c.publishedAtMs + deadlineMs;
    }

    /**
     * Sets the first step for a certificate seen at {@code now}; false when its watch window is
     * already over (nothing to do). A replayed certificate (a schedule rebuilt after a restart or
     * a partition move) cannot know which probes were made before: it probes now, and a past
     * deadline is due at once, so no deadline probe is ever missed (at worst one is repeated).
     */
    boolean start(WatchedCertificate c, long now, boolean replayed) {
        long deadline = deadline(c);
        if (now > deadline + windowMs) {
            c.nextKind = null;
            return false;
        }
        if (now >= deadline) {
            deadlineStep(c);
        } else if (now >= deadline - guardMs) {
            deadlineStep(c);
        } else {
            c.nextKind = replayed ? ProbeKind.UNTIL_AUTHORITATIVE : ProbeKind.DISCOVERY;
            c.nextDueMs = now;
        }
        return true;
    }

    /** The step due at {@code c.nextDueMs} was dispatched at {@code now}: set the one after it. */
    void advance(WatchedCertificate c, long now) {
        ProbeKind done = c.nextKind;
        if (done == null) {
            return;
        }
        switch (done) {
            case DISCOVERY:
            case UNTIL_AUTHORITATIVE:
                early(c, Math.max(now, c.nextDueMs));
                break;
            case DEADLINE:
                watch(c, 1, now);
                break;
            case WATCH:
                watch(c, c.step + 1, now);
                break;
            default:
                throw new IllegalStateException(done.name());
        }
    }

    /** An authoritative answer came back: no more early probes; the deadline probe stays. */
    void authoritative(WatchedCertificate c) {
        c.authoritativeSeen = true;
        if (c.nextKind == ProbeKind.UNTIL_AUTHORITATIVE || c.nextKind == ProbeKind.DISCOVERY) {
            deadlineStep(c);
        }
    }

    /**
     * Another record for the same certificate: an earlier CT timestamp moves the deadline back.
     * Returns true if the next step changed.
     */
    boolean republished(WatchedCertificate c, long publishedAtMs, long now) {
        if (publishedAtMs >= c.publishedAtMs || c.nextKind == null) {
            return false;
        }
        c.publishedAtMs = publishedAtMs;
        long deadline = deadline(c);
        switch (c.nextKind) {
            case DISCOVERY:
            case UNTIL_AUTHORITATIVE:
                if (c.nextDueMs >= deadline - guardMs) {
                    deadlineStep(c);
                }
                return true;
            case DEADLINE:
                deadlineStep(c);
                return true;
            case WATCH:
                watch(c, 1, now);
                return true;
            default:
                throw new IllegalStateException(c.nextKind.name());
        }
    }

    private void early(WatchedCertificate c, long from) {
        if (c.authoritativeSeen) {
            deadlineStep(c);
            return;
        }
        c.step++;
        long due = from + everyMs + jitter(c, c.step);
        if (due >= deadline(c) - guardMs) {
            deadlineStep(c);
        } else {
            c.nextKind = ProbeKind.UNTIL_AUTHORITATIVE;
            c.nextDueMs = due;
        }
    }

    private void deadlineStep(WatchedCertificate c) {
        c.nextKind = ProbeKind.DEADLINE;
        c.nextDueMs = deadline(c) + jitter(c, -1);
        c.step = 0;
    }

    /** Watch step k, or the first later one still to come: missed watch probes are not made up, the deadline probe is. */
    private void watch(WatchedCertificate c, int k, long now) {
        long deadline = deadline(c);
        if (now > deadline + windowMs) {
            c.nextKind = null; // every step left would be skipped: don't count through them (a CT time of 0 would take years of steps)
            return;
        }
        // Steps already past are skipped, not made up: after a late deadline probe the watch resumes at the next step to come.
        while (deadline + k * watchEveryMs + jitter(c, 1000 + k) <= now) {
            k++;
        }
        // The window bounds the step itself, not its jitter: the last step (at the window's end) is made too.
        if (k * watchEveryMs > windowMs) {
            c.nextKind = null;
            return;
        }
        c.nextKind = ProbeKind.WATCH;
        c.nextDueMs = deadline + k * watchEveryMs + jitter(c, 1000 + k);
        c.step = k;
    }

    /** A fixed fraction of the jitter, chosen by certificate id and step: spreads probes, reproducibly. */
    long jitter(WatchedCertificate c, int salt) {
        if (jitterMs == 0) {
            return 0;
        }
        long h = c.certificateId.hashCode() * 0x9E3779B97F4A7C15L + salt * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        return Math.floorMod(h, jitterMs);
    }
}
