package dev.ocspwatch.collector.evidence;

import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.probe.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One region's probes as a Markdown table, every one of them, in send order: the rows a CA
 * cannot wave away, with the caching headers that show whether a CDN answered.
 */
final class ProbeTable {
    /** The headers that tell a cached answer from the origin's, in the order a reader compares them. */
    static final List<String> CACHING_HEADERS = List.of(
            "Age", "Cache-Control", "Expires", "Last-Modified", "ETag", "X-Cache", "CF-Cache-Status", "Date");

    private ProbeTable() {
    }

    static String render(List<RawFiles> probes, KeyTimes times) {
        boolean severalUrls = probes.stream().map(p -> p.observation().probe().url()).distinct().count() > 1;
        List<String> header = new ArrayList<>(List.of("#", "Sent (UTC)", "After publication", "Kind", "Method"));
        if (severalUrls) {
            header.add("URL");
        }
        header.addAll(List.of("Counted", "Late", "Address", "HTTP", "Total ms"));
        header.addAll(CACHING_HEADERS);
        header.addAll(List.of("Outcome", "Reason", "Raw files"));
        List<List<String>> rows = new ArrayList<>();
        for (RawFiles probe : probes) {
            rows.add(row(probe, times, severalUrls));
        }
        return Markdown.table(header, rows);
    }

    private static List<String> row(RawFiles files, KeyTimes times, boolean severalUrls) {
        Observation observation = files.observation();
        ProbeResult probe = observation.probe();
        List<String> cells = new ArrayList<>();
        cells.add(Integer.toString(files.number()));
        cells.add(Utc.iso(probe.sentAt()));
        cells.add(sincePublication(probe.sentAt(), times.publishedAt()));
        cells.add(observation.kind().name());
        cells.add(Markdown.text(probe.method()));
        if (severalUrls) {
            cells.add(Markdown.code(probe.url()));
        }
        cells.add(counted(observation, times));
        cells.add(observation.late() ? "**late**" : "");
        cells.add(Markdown.text(probe.connectedAddress()));
        cells.add(probe.httpStatus() == null ? "none" : probe.httpStatus().toString());
        cells.add(probe.timings() == null || probe.timings().totalMs() == null ? ""
                : String.format(Locale.ROOT, "%.0f", probe.timings().totalMs()));
        Map<String, String> headers = caseInsensitive(probe.headers());
        for (String name : CACHING_HEADERS) {
            cells.add(Markdown.code(headers.get(name)));
        }
        cells.add("**" + probe.outcome().name() + "**");
        cells.add(Markdown.text(probe.reason()));
        cells.add(rawCell(files));
        return cells;
    }

    /** Counted: at or after the deadline and not after the watch window, as the verdict rules count. */
    private static String counted(Observation observation, KeyTimes times) {
        Instant sent = observation.probe().sentAt();
        if (sent == null || times.deadline() == null) {
            return "unknown";
        }
        boolean counts = !sent.isBefore(times.deadline()) && (times.windowEnd() == null || !sent.isAfter(times.windowEnd()));
        return counts ? "yes" : "no";
    }

    private static String sincePublication(Instant sent, Instant published) {
        if (sent == null || published == null) {
            return "";
        }
        long ms = Duration.between(published, sent).toMillis();
        return (ms >= 0 ? "+" : "") + Utc.duration(ms);
    }

    private static String rawCell(RawFiles files) {
        List<String> parts = new ArrayList<>();
        if (files.requestPath() != null) {
            parts.add(Markdown.code(files.requestPath()));
        }
        if (files.responsePath() != null) {
            parts.add(Markdown.code(files.responsePath()));
        }
        for (String problem : files.problems()) {
            parts.add(Markdown.text(problem));
        }
        return parts.isEmpty() ? "not kept" : String.join(", ", parts);
    }

    /**
     * Header names as agents recorded them (lower case today) looked up in any case; when a
     * name occurs in two spellings the first in sorted order wins, so output never depends on
     * map order.
     */
    static Map<String, String> caseInsensitive(Map<String, String> headers) {
        Map<String, String> sorted = new TreeMap<>(headers);
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sorted.forEach(out::putIfAbsent);
        return out;
    }
}
