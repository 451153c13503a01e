package dev.ocspwatch.collector.api;

import dev.ocspwatch.collector.query.VerdictQuery;
import dev.ocspwatch.common.id.CertificateId;
import dev.ocspwatch.common.verdict.Verdict;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import dev.ocspwatch.collector.query.VerdictFilter;
import java.util.stream.Collectors;

/**
 * Turns request parameters into queries, or into a {@link BadParameter} whose message quotes
 * the offending value (JSON-escaped in the answer, so quoting untrusted text is harmless).
 */
final class ApiParams {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_TEXT = 256;
    private static final Set<String> VERDICT_PARAMS = Set.of("verdict", "issuer", "host", "region", "since", "until",
            "limit", "after");
    private static final Pattern CERTIFICATE_ID = Pattern.compile("[0-9a-fA-F]{64}:-?[0-9a-fA-F]{1,64}");
    private static final String VERDICT_NAMES = Arrays.stream(Verdict.values()).map(Enum::name)
            .collect(Collectors.joining(", "));

    private ApiParams() {
    }

    /** A request the API answers 400: the message is what the client is told. */
    static final class BadParameter extends RuntimeException {
        BadParameter(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code /api/verdicts}'s parameters; unknown names are refused so a typo is not a silent "no filter". */
    static VerdictQuery verdictQuery(MultiMap params) {
        for (String name : params.names()) {
            if (!VERDICT_PARAMS.contains(name)) {
                throw new BadParameter("unknown parameter " + quote(name) + "; known: " + String.join(", ",
                        VERDICT_PARAMS.stream().sorted().toList()));
            }
        }
        Verdict verdict = null;
        String verdictName = single(params, "verdict");
        if (verdictName != null) {
            try {
                verdict = Verdict.valueOf(verdictName);
            } catch (IllegalArgumentException e) {
                throw new BadParameter("verdict " + quote(verdictName) + " is not one of " + VERDICT_NAMES);
            }
        }
        Instant since = instant(params, "since");
        Instant until = instant(params, "until");
        if (since != null && until != null && !since.isBefore(until)) {
            throw new BadParameter("since " + since + " must be before until " + until);
        }
        int limit = DEFAULT_LIMIT;
        String limitText = single(params, "limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > VerdictQuery.MAX_LIMIT) {
                throw new BadParameter("limit " + quote(limitText) + " must be a whole number from 1 to " + VerdictQuery.MAX_LIMIT);
            }
        }
        String after = text(params, "after");
        if (after != null && !VerdictFilter.isToken(after)) {
            throw new BadParameter("after " + quote(after) + " is not a page token: pass the \"next\" of the previous page");
        }
        return new VerdictQuery(verdict, text(params, "issuer"), text(params, "host"), text(params, "region"), since, until, after, limit);
    }

    /** A certificate id as the collector keys it: the hash lower-cased, the serial minimal lower-case hex. */
    static String certificateId(String raw) {
        if (raw == null || !CERTIFICATE_ID.matcher(raw).matches()) {
            throw new BadParameter("certificate id " + quote(raw)
                    + " must be <issuer SPKI SHA-256, 64 hex digits>:<serial in hex>");
        }
        return CertificateId.parse(raw).toString();
    }

    private static Instant instant(MultiMap params, String name) {
        String value = single(params, name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadParameter(name + " " + quote(value) + " is not an ISO-8601 instant such as 2026-01-15T08:00:00Z");
        }
    }

    private static String text(MultiMap params, String name) {
        String value = single(params, name);
        if (value != null && value.length() > MAX_TEXT) {
            throw new BadParameter(name + " is longer than " + MAX_TEXT + " characters: " + quote(value));
        }
        return value;
    }

    /** One value or none; an empty value is none (a form left blank). */
    private static String single(MultiMap params, String name) {
        List<String> values = params.getAll(name);
        if (values.size() > 1) {
            throw new BadParameter("parameter " + quote(name) + " given " + values.size() + " times");
        }
        return values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }

    /** Quoted and cut short: an error message is no place for a megabyte of someone's input. */
    static String quote(String value) {
        if (value == null) {
            return "(none)";
        }
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return "\"" + shown + "\"";
    }
}
