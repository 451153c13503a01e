package dev.ocspwatch.collector.evidence;

import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.outcome.OutcomeGroup;
import dev.ocspwatch.common.probe.ProbeResult;
import dev.ocspwatch.common.verdict.RegionStatus;
import dev.ocspwatch.common.verdict.RegionVerdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Every probe of one certificate as an SVG picture: a lane per region, time across from
 * publication to the end of the watch window (or the last probe), the deadline drawn in, each
 * probe a mark whose shape and colour say whose doing its outcome was (filled for GET, hollow
 * for POST), with a tooltip quoting it. Same evidence, same bytes: no clock, no map order.
 */
public final class EvidenceTimeline {
    static final int WIDTH = 960;
    private static final int LEFT = 180;
    private static final int RIGHT = 40;
    private static final int TOP = 64;
    private static final int LANE = 44;
    private static final long[] STEPS_MS = {1_000, 5_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000,
            1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 604_800_000};

    private final StringBuilder out = new StringBuilder();
    private final long from;
    private final long to;

    private EvidenceTimeline(long from, long to) {
        this.from = from;
        this.to = to;
    }

    public static String svg(CertificateEvidence evidence) {
        KeyTimes times = KeyTimes.of(evidence);
        List<RawFiles> probes = RawFiles.of(evidence.observations());
        Map<String, RegionStatus> lanes = lanes(evidence);
        List<Instant> moments = new ArrayList<>();
        moments.add(times.publishedAt());
        moments.add(times.deadline());
        moments.add(times.windowEnd());
        probes.forEach(p -> moments.add(p.observation().probe().sentAt()));
        boolean dated = moments.stream().anyMatch(Objects::nonNull);
        long first = moments.stream().filter(Objects::nonNull).mapToLong(Instant::toEpochMilli).min().orElse(0);
        long last = moments.stream().filter(Objects::nonNull).mapToLong(Instant::toEpochMilli).max().orElse(first);
        long span = Math.max(last - first, 60_000);
        // A margin of 3% each side so a probe at the very edge is still drawn whole.
        EvidenceTimeline picture = new EvidenceTimeline(first - span * 3 / 100, first + span + span * 3 / 100);
        int height = TOP + Math.max(lanes.size(), 1) * LANE + 110;
        picture.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n")
                .append("<title>OCSP probes of ").append(Xml.escape(evidence.certificateId())).append("</title>\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        picture.text(12, 18, "start", " font-weight=\"bold\"", "OCSP probes of " + evidence.certificateId());
        picture.lanes(lanes);
        picture.axis(TOP + Math.max(lanes.size(), 1) * LANE, dated);
        picture.markers(times, TOP + Math.max(lanes.size(), 1) * LANE);
        List<String> order = new ArrayList<>(lanes.keySet());
        int undated = 0;
        for (RawFiles probe : probes) {
            if (probe.observation().probe().sentAt() == null) {
                undated++;
            } else {
                picture.mark(probe, TOP + order.indexOf(probe.observation().region()) * LANE + LANE / 2);
            }
        }
        picture.legend(height - 40, probes.isEmpty() ? "no probes recorded"
                : undated > 0 ? undated + " probe(s) without a send time are not drawn" : "");
        picture.out.append("</svg>\n");
        return picture.out.toString();
    }

    /** Regions by name: from the verdict (with their status) and from the observations. */
    private static Map<String, RegionStatus> lanes(CertificateEvidence evidence) {
        Map<String, RegionStatus> lanes = new TreeMap<>();
        evidence.observations().forEach(o -> lanes.put(o.region(), null));
        if (evidence.verdict() != null) {
            for (RegionVerdict region : evidence.verdict().regions()) {
                lanes.put(region.region(), region.status());
            }
        }
        return lanes;
    }

    private void lanes(Map<String, RegionStatus> lanes) {
        int y = TOP;
        int i = 0;
        for (Map.Entry<String, RegionStatus> lane : lanes.entrySet()) {
            out.append("<rect x=\"").append(LEFT).append("\" y=\"").append(y).append("\" width=\"")
                    .append(WIDTH - LEFT - RIGHT).append("\" height=\"").append(LANE).append("\" fill=\"")
                    .append(i++ % 2 == 0 ? "#f4f4f4" : "#ffffff").append("\"/>\n");
            String name = lane.getKey().length() > 24 ? lane.getKey().substring(0, 23) + "\u2026" : lane.getKey();
            text(LEFT - 8, y + LANE / 2 - 2, "end", "", name);
            if (lane.getValue() != null) {
                text(LEFT - 8, y + LANE / 2 + 12, "end", " font-size=\"10\" fill=\"#555555\"", lane.getValue().name());
            }
            y += LANE;
        }
        if (lanes.isEmpty()) {
            text(LEFT - 8, TOP + LANE / 2 + 4, "end", " fill=\"#555555\"", "no regions");
        }
    }

    private void axis(int bottom, boolean dated) {
        out.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(bottom).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y2=\"").append(bottom).append("\" stroke=\"#333333\"/>\n");
        if (!dated) {
            text((LEFT + WIDTH - RIGHT) / 2.0, bottom + 36, "middle", " fill=\"#555555\"", "no times recorded");
            return;
        }
        long step = STEPS_MS[STEPS_MS.length - 1];
        for (long candidate : STEPS_MS) {
            if ((to - from) / candidate <= 8) {
                step = candidate;
                break;
            }
        }
        for (long t = Math.floorDiv(from, step) * step + step; t <= to; t += step) {
            String x = num(x(t));
            out.append("<line x1=\"").append(x).append("\" y1=\"").append(bottom).append("\" x2=\"").append(x)
                    .append("\" y2=\"").append(bottom + 5).append("\" stroke=\"#333333\"/>\n");
            String label = Utc.clock(Instant.ofEpochMilli(t)) + (step < 60_000 ? String.format(Locale.ROOT, ":%02d",
                    Instant.ofEpochMilli(t).getEpochSecond() % 60) : "");
            text(x(t), bottom + 18, "middle", "", label);
        }
        text((LEFT + WIDTH - RIGHT) / 2.0, bottom + 36, "middle", " fill=\"#555555\"",
                "time (UTC), from " + Utc.iso(Instant.ofEpochMilli(from)) + " to " + Utc.iso(Instant.ofEpochMilli(to)));
    }

    private void markers(KeyTimes times, int bottom) {
        if (times.publishedAt() != null) {
            vertical(times.publishedAt(), bottom, "#1f4e99", "", "published " + Utc.iso(times.publishedAt()), TOP - 30, "start");
        }
        if (times.deadline() != null) {
            vertical(times.deadline(), bottom, "#c00000", " stroke-dasharray=\"6 3\"", times.deadlineLabel(), TOP - 14, "start");
        }
        if (times.windowEnd() != null) {
            vertical(times.windowEnd(), bottom, "#777777", " stroke-dasharray=\"2 3\"", "window end", TOP - 30, "end");
        }
    }

    private void vertical(Instant at, int bottom, String colour, String dash, String label, int labelY, String anchor) {
        String x = num(x(at.toEpochMilli()));
        out.append("<line x1=\"").append(x).append("\" y1=\"").append(TOP - 10).append("\" x2=\"").append(x)
                .append("\" y2=\"").append(bottom).append("\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\"")
                .append(dash).append("/>\n");
        double shift = anchor.equals("end") ? -4 : 4;
        text(x(at.toEpochMilli()) + shift, labelY, anchor, " fill=\"" + colour + "\"", label);
    }

    private void mark(RawFiles files, int laneCentre) {
        ProbeResult probe = files.observation().probe();
        boolean get = "GET".equalsIgnoreCase(probe.method());
        double x = x(probe.sentAt().toEpochMilli());
        double y = laneCentre + (get ? -8 : 8);
        OutcomeGroup group = probe.outcome().group();
        String colour = colour(group);
        String paint = get ? "fill=\"" + colour + "\" stroke=\"" + colour + "\""
                : "fill=\"#ffffff\" stroke=\"" + colour + "\" stroke-width=\"2\"";
        String cls = " class=\"probe " + group.name().toLowerCase(Locale.ROOT) + (get ? " get" : " post")
                + "\" data-probe=\"" + files.number() + "\" ";
        String tip = "<title>" + Xml.escape(tooltip(files)) + "</title>";
        switch (group) {
            case AUTHORITATIVE -> out.append("<circle").append(cls).append("cx=\"").append(num(x)).append("\" cy=\"")
                    .append(num(y)).append("\" r=\"5\" ").append(paint).append('>').append(tip).append("</circle>\n");
            case RESPONDER -> out.append("<rect").append(cls).append("x=\"").append(num(x - 5)).append("\" y=\"")
                    .append(num(y - 5)).append("\" width=\"10\" height=\"10\" ").append(paint).append('>').append(tip)
                    .append("</rect>\n");
            case TRANSPORT -> polygon(cls, paint, tip, x, y, new double[] {0, -6, 6, 5, -6, 5});
            default -> polygon(cls, paint, tip, x, y, new double[] {0, -6, 6, 0, 0, 6, -6, 0});
        }
    }

    private void polygon(String cls, String paint, String tip, double x, double y, double[] offsets) {
        out.append("<polygon").append(cls).append("points=\"");
        for (int i = 0; i < offsets.length; i += 2) {
            out.append(i == 0 ? "" : " ").append(num(x + offsets[i])).append(',').append(num(y + offsets[i + 1]));
        }
        out.append("\" ").append(paint).append('>').append(tip).append("</polygon>\n");
    }

    private static String tooltip(RawFiles files) {
        Observation observation = files.observation();
        ProbeResult probe = observation.probe();
        return "#" + files.number() + " " + Utc.iso(probe.sentAt()) + " " + observation.region() + " " + probe.method()
                + " " + probe.outcome().name() + ", HTTP " + (probe.httpStatus() == null ? "none" : probe.httpStatus())
                + ", " + observation.kind().name() + (observation.late() ? " (late)" : "")
                + (probe.reason() == null ? "" : ": " + probe.reason());
    }

    private void legend(int y, String note) {
        String[][] entries = {{"AUTHORITATIVE", "authoritative (GOOD, REVOKED)"}, {"RESPONDER", "responder failure"},
                {"TRANSPORT", "transport failure"}, {"POLICY", "refused by policy (BLOCKED)"}};
        double x = LEFT;
        for (String[] entry : entries) {
            OutcomeGroup group = OutcomeGroup.valueOf(entry[0]);
            legendMark(group, x + 6, y);
            text(x + 16, y + 4, "start", "", entry[1]);
            x += 40 + entry[1].length() * 6.5; // about a character's width at 12px sans-serif
        }
        legendMark(OutcomeGroup.AUTHORITATIVE, LEFT + 6, y + 20);
        text(LEFT + 16, y + 24, "start", "", "filled: GET");
        out.append("<circle cx=\"").append(LEFT + 106).append("\" cy=\"").append(y + 20)
                .append("\" r=\"5\" fill=\"#ffffff\" stroke=\"#333333\" stroke-width=\"2\"/>\n");
        text(LEFT + 116, y + 24, "start", "", "hollow: POST");
        if (!note.isEmpty()) {
            text(LEFT + 260, y + 24, "start", " fill=\"#555555\"", note);
        }
    }

    private void legendMark(OutcomeGroup group, double x, double y) {
        String colour = colour(group);
        String paint = "fill=\"" + colour + "\" stroke=\"" + colour + "\"";
        switch (group) {
            case AUTHORITATIVE -> out.append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(y))
                    .append("\" r=\"5\" ").append(paint).append("/>\n");
            case RESPONDER -> out.append("<rect x=\"").append(num(x - 5)).append("\" y=\"").append(num(y - 5))
                    .append("\" width=\"10\" height=\"10\" ").append(paint).append("/>\n");
            case TRANSPORT -> polygon(" ", paint, "", x, y, new double[] {0, -6, 6, 5, -6, 5});
            default -> polygon(" ", paint, "", x, y, new double[] {0, -6, 6, 0, 0, 6, -6, 0});
        }
    }

    private static String colour(OutcomeGroup group) {
        return switch (group) {
            case AUTHORITATIVE -> "#1a9641";
            case RESPONDER -> "#d7191c";
            case TRANSPORT -> "#f28e2b";
            case POLICY -> "#888888";
        };
    }

    private void text(double x, double y, String anchor, String attributes, String untrusted) {
        out.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" text-anchor=\"")
                .append(anchor).append('"').append(attributes).append('>').append(Xml.escape(untrusted)).append("</text>\n");
    }

    private double x(long epochMillis) {
        return LEFT + (double) (epochMillis - from) / (to - from) * (WIDTH - LEFT - RIGHT);
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
