package dev.ocspwatch.collector.query;

import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.verdict.RegionStatus;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Applies a {@link VerdictQuery} to verdicts and cuts pages. Pages run newest deadline first,
 * then by certificate id; the {@code next} token is {@code <deadline ms>~<certificate id>} of a
 * page's last item, so a page is stable while new verdicts arrive.
 */
public final class VerdictFilter {
    /** Newest deadline first, then certificate id. */
    public static final Comparator<VerdictRecord> ORDER = Comparator.comparing((VerdictRecord v) -> deadlineOf(v)).reversed()
            .thenComparing(VerdictRecord::certificateId);

    private VerdictFilter() {
    }

    public static boolean matches(VerdictQuery q, VerdictRecord v) {
        if (q.verdict() != null && v.verdict() != q.verdict()) {
            return false;
        }
        if (q.issuer() != null && !q.issuer().equalsIgnoreCase(v.issuerSpkiSha256())
                && (v.issuerSubject() == null || !v.issuerSubject().toLowerCase(Locale.ROOT).contains(q.issuer().toLowerCase(Locale.ROOT)))) {
            return false;
        }
        if (q.responderHost() != null && v.ocspUrls().stream().noneMatch(u -> q.responderHost().equalsIgnoreCase(host(u)))) {
            return false;
        }
        if (q.region() != null && v.regions().stream().noneMatch(r -> r.region().equals(q.region()) && r.status() != RegionStatus.AUTHORITATIVE)) {
            return false;
        }
        Instant deadline = v.deadline();
        if (q.since() != null && (deadline == null || deadline.isBefore(q.since()))) {
            return false;
        }
        return q.until() == null || (deadline != null && deadline.isBefore(q.until()));
    }

    /** Sorts {@code matches} and cuts the page after {@code query.after()}. */
    public static VerdictPage page(List<VerdictRecord> matches, VerdictQuery query) {
        List<VerdictRecord> sorted = matches.stream().sorted(ORDER).toList();
        int start = 0;
        if (query.after() != null) {
            Cursor cursor = Cursor.parse(query.after());
            while (start < sorted.size() && !cursor.isBefore(sorted.get(start))) {
                start++;
            }
        }
        int end = Math.min(sorted.size(), start + query.limit());
        List<VerdictRecord> items = sorted.subList(start, end);
        String next = end < sorted.size() && !items.isEmpty() ? Cursor.of(items.get(items.size() - 1)).toString() : null;
        return new VerdictPage(items, next);
    }

    /** Whether {@code token} is a {@code next} token this filter made. */
    public static boolean isToken(String token) {
        try {
            Cursor.parse(token);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static long deadlineOf(VerdictRecord v) {
        return v.deadline() == null ? Long.MIN_VALUE : v.deadline().toEpochMilli();
    }

    /** A position in {@link #ORDER}. */
    private record Cursor(long deadlineMs, String certificateId) {
        static Cursor of(VerdictRecord v) {
            return new Cursor(deadlineOf(v), v.certificateId());
        }

        static Cursor parse(String token) {
            int tilde = token.indexOf('~');
            if (tilde < 1 || tilde == token.length() - 1) {
                throw new IllegalArgumentException("not a page token: \"" + token + "\"");
            }
            try {
                return new Cursor(Long.parseLong(token.substring(0, tilde)), token.substring(tilde + 1));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a page token: \"" + token + "\"");
            }
        }

        /** Whether this cursor sorts before {@code v}: {@code v} belongs to a later page. */
        boolean isBefore(VerdictRecord v) {
            long d = deadlineOf(v);
            return d < deadlineMs || (d == deadlineMs && v.certificateId().compareTo(certificateId) > 0);
        }

        @Override
        public String toString() {
            return deadlineMs + "~" + certificateId;
        }
    }
}
