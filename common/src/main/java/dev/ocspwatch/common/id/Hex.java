package dev.ocspwatch.common.id;

import java.util.HexFormat;

/** Lower-case hex, the one spelling ocspwatch uses for hashes and ids on every wire. */
public final class Hex {
    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {
    }

    public static String of(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }

    /** Parses hex in either case; throws IllegalArgumentException quoting the input. */
    public static byte[] parse(String hex) {
        try {
            return LOWER.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not hex: \"" + abbreviate(hex) + "\"", e);
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
