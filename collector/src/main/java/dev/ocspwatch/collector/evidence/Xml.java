package dev.ocspwatch.collector.evidence;

/**
 * Text for XML from untrusted strings. Escaping the five markup characters is not enough:
 * XML 1.0 forbids most control characters and lone surrogates outright, and one of them in a
 * responder's reason would make the whole picture unreadable, so they become U+FFFD.
 * Line breaks become spaces: every use here is one line of text.
 */
final class Xml {
    private Xml() {
    }

    static String escape(String untrusted) {
        if (untrusted == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(untrusted.length() + 16);
        for (int i = 0; i < untrusted.length(); i++) {
            char c = untrusted.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < untrusted.length() && Character.isLowSurrogate(untrusted.charAt(i + 1))) {
                out.append(c).append(untrusted.charAt(++i));
                continue;
            }
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\t', '\n', '\r' -> out.append(' ');
                default -> out.append(allowed(c) ? c : '\uFFFD');
            }
        }
        return out.toString();
    }

    /** XML 1.0's Char production, for one UTF-16 unit that is not part of a valid pair. */
    private static boolean allowed(char c) {
        return c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD;
    }
}
