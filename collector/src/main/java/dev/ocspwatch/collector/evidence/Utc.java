package dev.ocspwatch.collector.evidence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The time spellings evidence uses: always UTC, always to the millisecond, so readers in any zone agree. */
final class Utc {
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    // No colons: file names in zips and on Windows must not carry them.
    private static final DateTimeFormatter FILE =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private Utc() {
    }

    /** ISO-8601 with 'Z' and milliseconds, or "unknown". */
    static String iso(Instant time) {
        return time == null ? "unknown" : ISO.format(time);
    }

    static String file(Instant time) {
        return time == null ? "unknown-time" : FILE.format(time);
    }

    static String clock(Instant time) {
        return CLOCK.format(time);
    }

    /** E.g. {@code 59.500s}, {@code 14m 59.500s}, {@code 1h 02m 03.000s}; negative with a leading '-'. */
    static String duration(long millis) {
        String sign = millis < 0 ? "-" : "";
        long ms = Math.abs(millis);
        long hours = ms / 3_600_000;
        long minutes = ms / 60_000 % 60;
        long seconds = ms / 1000 % 60;
        long rest = ms % 1000;
        if (hours > 0) {
            return String.format(Locale.ROOT, "%s%dh %02dm %02d.%03ds", sign, hours, minutes, seconds, rest);
        }
        if (minutes > 0) {
            return String.format(Locale.ROOT, "%s%dm %02d.%03ds", sign, minutes, seconds, rest);
        }
        return String.format(Locale.ROOT, "%s%d.%03ds", sign, seconds, rest);
    }
}
