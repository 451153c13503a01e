package dev.ocspwatch.common.ct;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The static-ct-api tile paths, relative to the monitoring prefix:
 * <pre>
 * tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]      hash tile, L in 0..5
 * tile/data/&lt;N&gt;[.p/&lt;W&gt;]     data tile (the entries of level-0 tile N)
 * </pre>
 * N is written in 3-digit path elements, all but the last prefixed with {@code x}
 * (1234067 is {@code x001/x234/067}); {@code .p/W} marks a partial tile of width 1..255, and
 * a full tile (256 wide) has no suffix. L and W have no leading zeroes. {@link #parse} accepts
 * exactly the form {@link #path()} writes and nothing else.
 */
public record TilePath(int level, long index, int width) {
    /** The level of a data tile. */
    public static final int DATA = -1;
    public static final int MAX_LEVEL = 5;
    public static final int FULL_WIDTH = 256;

    private static final Pattern PATH = Pattern.compile(
            "tile/(data|[0-9]{1,2})/((?:x[0-9]{3}/){0,5}[0-9]{3})(?:\\.p/([0-9]{1,3}))?");

    public TilePath {
        if (level < DATA || level > MAX_LEVEL) {
            throw new IllegalArgumentException("tile level must be 0.." + MAX_LEVEL + " (or data), was " + level);
        }
        if (index < 0) {
            throw new IllegalArgumentException("tile index must not be negative: " + index);
        }
        if (width < 1 || width > FULL_WIDTH) {
            throw new IllegalArgumentException("tile width must be 1..256, was " + width);
        }
    }

    public static TilePath hashTile(int level, long index, int width) {
        if (level == DATA) {
            throw new IllegalArgumentException("a hash tile has level 0.." + MAX_LEVEL);
        }
        return new TilePath(level, index, width);
    }

    public static TilePath dataTile(long index, int width) {
        return new TilePath(DATA, index, width);
    }

    /**
     * Tile {@code index} at {@code level} (or {@link #DATA}) as it exists in a tree of
     * {@code treeSize} leaves: full, or partial with width {@code floor(s / 256^l) mod 256}.
     */
    public static TilePath inTree(int level, long index, long treeSize) {
        long hashes = treeSize;
        for (int l = 0; l < Math.max(level, 0); l++) {
            hashes /= FULL_WIDTH;
        }
        long start = index * FULL_WIDTH;
        if (index < 0 || start >= hashes || start / FULL_WIDTH != index) {
            throw new IllegalArgumentException("tree of size " + treeSize + " has no tile " + index
                    + " at level " + (level == DATA ? "data" : level));
        }
        return new TilePath(level, index, (int) Math.min(FULL_WIDTH, hashes - start));
    }

    public boolean isData() {
        return level == DATA;
    }

    public boolean isPartial() {
        return width < FULL_WIDTH;
    }

    /** The same tile, full width: what a partial tile becomes. */
    public TilePath full() {
        return new TilePath(level, index, FULL_WIDTH);
    }

    public String path() {
        return "tile/" + (isData() ? "data" : Integer.toString(level)) + "/" + encodeIndex(index)
                + (isPartial() ? ".p/" + width : "");
    }

    public static TilePath parse(String path) throws CtFormatException {
        if (path == null || path.length() > 64) {
            throw new CtFormatException("not a tile path: " + quote(path));
        }
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            throw new CtFormatException("not a tile path (tile/<L>/<N>[.p/<W>] or tile/data/<N>[.p/<W>]): " + quote(path));
        }
        int level = m.group(1).equals("data") ? DATA : Integer.parseInt(m.group(1));
        if (level > MAX_LEVEL) {
            throw new CtFormatException("tile level " + level + " is above " + MAX_LEVEL + ": " + quote(path));
        }
        long index = 0;
        for (String element : m.group(2).split("/")) {
            index = index * 1000 + Integer.parseInt(element.startsWith("x") ? element.substring(1) : element);
        }
        int width = m.group(3) == null ? FULL_WIDTH : Integer.parseInt(m.group(3));
        if (m.group(3) != null && (width < 1 || width >= FULL_WIDTH)) {
            throw new CtFormatException("partial tile width must be 1..255, was " + width + ": " + quote(path));
        }
        TilePath tile = new TilePath(level, index, width);
        if (!tile.path().equals(path)) {
            throw new CtFormatException("tile path is not in canonical form (leading zeroes?): " + quote(path)
                    + ", expected \"" + tile.path() + "\"");
        }
        return tile;
    }

    /** N as 3-digit path elements: 1234067 is {@code x001/x234/067}, 5 is {@code 005}. */
    public static String encodeIndex(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("tile index must not be negative: " + index);
        }
        StringBuilder out = new StringBuilder(String.format("%03d", index % 1000));
        for (long rest = index / 1000; rest > 0; rest /= 1000) {
            out.insert(0, String.format("x%03d/", rest % 1000));
        }
        return out.toString();
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        return "\"" + (s.length() <= 80 ? s : s.substring(0, 77) + "...") + "\"";
    }
}
