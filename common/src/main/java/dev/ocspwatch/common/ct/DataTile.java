package dev.ocspwatch.common.ct;

import java.util.ArrayList;
import java.util.List;

/**
 * A static-ct-api data tile ({@code tile/data/<N>[.p/<W>]}): TileLeaf structures back to back,
 * 256 in a full tile, W in a partial one, nothing else. Parsing is strict because a log that
 * serves a wrong-sized tile must be noticed, not half-read: a truncated entry, fewer or more
 * entries than expected, and trailing bytes are errors naming the entry number and offset.
 */
public final class DataTile {
    private DataTile() {
    }

    /**
     * @param expectedCount the tile's width: {@link TilePath#FULL_WIDTH} or a partial tile's W
     */
    public static List<TileLeaf> parse(byte[] bytes, int expectedCount) throws CtFormatException {
        if (expectedCount < 1 || expectedCount > TilePath.FULL_WIDTH) {
            throw new IllegalArgumentException("a data tile holds 1 to 256 entries, not " + expectedCount);
        }
        TlsReader reader = new TlsReader(bytes);
        List<TileLeaf> leaves = new ArrayList<>(expectedCount);
        for (int i = 0; i < expectedCount; i++) {
            if (!reader.hasRemaining()) {
                throw new CtFormatException("data tile ends at offset " + reader.position() + " after " + i
                        + " entries, expected " + expectedCount);
            }
            int at = reader.position();
            try {
                leaves.add(TileLeaf.read(reader));
            } catch (CtFormatException e) {
                throw e.within("data tile entry " + i + " at offset " + at + ": ");
            }
        }
        reader.expectEnd("the " + expectedCount + " entries of the data tile");
        return leaves;
    }

    public static byte[] encode(List<TileLeaf> leaves) {
        if (leaves.isEmpty() || leaves.size() > TilePath.FULL_WIDTH) {
            throw new IllegalArgumentException("a data tile holds 1 to 256 entries, not " + leaves.size());
        }
        int size = 0;
        for (TileLeaf leaf : leaves) {
            size += leaf.sizeHint();
        }
        TlsWriter writer = new TlsWriter(size);
        for (TileLeaf leaf : leaves) {
            leaf.writeTo(writer);
        }
        return writer.toByteArray();
    }
}
