package dev.ocspwatch.collector.evidence;

import java.util.List;

/**
 * Markdown from untrusted strings (responder headers, reasons, subjects, URLs). {@link #text}
 * keeps a value on its line and in its table cell, and stops it from turning into a link,
 * an image, HTML or emphasis in the bug tracker.
 */
final class Markdown {
    private static final String SPECIAL = "\\`*_[]<>|~!#&";

    private Markdown() {
    }

    /** Inline text, also safe inside a table cell. Null is an empty string. */
    static String text(String untrusted) {
        if (untrusted == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(untrusted.length() + 8);
        for (int i = 0; i < untrusted.length(); i++) {
            char c = untrusted.charAt(i);
            if (c == '\r' && i + 1 < untrusted.length() && untrusted.charAt(i + 1) == '\n') {
                continue;
            }
            if (isBreak(c)) {
                out.append(' ');
            } else if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A code span, safe in a table cell: the delimiter is longer than any run of backticks
     * inside, and a pipe is escaped because tables split on it even inside code.
     */
    static String code(String untrusted) {
        if (untrusted == null || untrusted.isEmpty()) {
            return "";
        }
        String flat = ShellCommand.oneLine(untrusted).replace("|", "\\|");
        String ticks = "`".repeat(longestRun(flat, '`') + 1);
        String pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
        return ticks + pad + flat + pad + ticks;
    }

    /** A fenced block whose fence no line of {@code content} can close early. */
    static String fence(String info, String content) {
        String ticks = "`".repeat(Math.max(3, longestRun(content, '`') + 1));
        String body = content.endsWith("\n") ? content : content + "\n";
        return ticks + info + "\n" + body + ticks + "\n";
    }

    /** A GitHub-flavoured table; cells must already be escaped. */
    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        row(out, header);
        out.append('|');
        out.append("---|".repeat(header.size()));
        out.append('\n');
        for (List<String> row : rows) {
            row(out, row);
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(cell).append(" |");
        }
        out.append('\n');
    }

    private static boolean isBreak(char c) {
        return c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private static int longestRun(String s, char c) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
