package dev.ocspwatch.common.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TilePathTest {
    @Test
    void encodesTheSpecExampleIndex() {
        // static-ct-api: "index 1234067 will be encoded as x001/x234/067"
        assertEquals("x001/x234/067", TilePath.encodeIndex(1234067));
        assertEquals("tile/0/x001/x234/067", TilePath.hashTile(0, 1234067, 256).path());
    }

    @ParameterizedTest
    @CsvSource({
            "0, 000", "5, 005", "999, 999", "1000, x001/000", "1234067, x001/x234/067",
            "1000000, x001/x000/000", "4294967295, x004/x294/x967/295"})
    void encodesIndexesInThreeDigitElements(long index, String encoded) {
        assertEquals(encoded, TilePath.encodeIndex(index));
    }

    @ParameterizedTest
    @CsvSource({
            // the vector files' own paths
            "tile/data/000, -1, 0, 256",
            "tile/0/000, 0, 0, 256",
            "tile/0/003.p/10, 0, 3, 10",
            "tile/data/003.p/10, -1, 3, 10",
            "tile/0/x001/x234/067, 0, 1234067, 256",
            "tile/5/x001/000.p/255, 5, 1000, 255",
            "tile/data/x004/x294/x967/295.p/1, -1, 4294967295, 1"})
    void parsesAndFormatsSymmetrically(String path, int level, long index, int width) throws Exception {
        TilePath tile = TilePath.parse(path);
        assertEquals(new TilePath(level, index, width), tile);
        assertEquals(path, tile.path());
    }

    @Test
    void tellsDataFromHashTilesAndPartialFromFull() throws Exception {
        TilePath data = TilePath.parse("tile/data/003.p/10");
        assertTrue(data.isData());
        assertTrue(data.isPartial());
        assertEquals("tile/data/003", data.full().path());
        assertFalse(TilePath.parse("tile/0/000").isData());
        assertFalse(TilePath.parse("tile/0/000").isPartial());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "tile/00/000", "tile/6/000", "tile/-1/000", "tile/0/000.p/0", "tile/0/000.p/256", "tile/0/000.p/010",
            "tile/0/x000/067", "tile/0/67", "tile/0/0067", "tile/0/x1/000", "tile/0/x001", "tile/data/001/000",
            "tile/0/000/", "/tile/0/000", "tile/0/000.p/", "tile/data/000.p/10/x", "tile/DATA/000", "tile//000",
            "tile/0/x001/x002/x003/x004/x005/x006/007", "", "issuer/00"})
    void rejectsNonCanonicalOrInvalidPaths(String path) {
        CtFormatException e = assertThrows(CtFormatException.class, () -> TilePath.parse(path));
        assertTrue(e.getMessage().contains("\"" + path + "\""), e.getMessage());
    }

    @Test
    void saysWhyALevelOrWidthIsRefused() {
        assertEquals("tile level 6 is above 5: \"tile/6/000\"",
                assertThrows(CtFormatException.class, () -> TilePath.parse("tile/6/000")).getMessage());
        assertEquals("partial tile width must be 1..255, was 256: \"tile/0/000.p/256\"",
                assertThrows(CtFormatException.class, () -> TilePath.parse("tile/0/000.p/256")).getMessage());
        assertEquals("tile path is not in canonical form (leading zeroes?): \"tile/0/x000/067\", expected \"tile/0/067\"",
                assertThrows(CtFormatException.class, () -> TilePath.parse("tile/0/x000/067")).getMessage());
    }

    @Test
    void aTreeOf70000HasTheTilesTheSpecLists() {
        // static-ct-api: "273 full level 0 tiles, one partial level 0 tile of width 112, one full level 1
        // tile, one partial level 1 tile of width 17, and one partial level 2 tile of width 1"
        assertEquals(256, TilePath.inTree(0, 272, 70000).width());
        assertEquals(112, TilePath.inTree(0, 273, 70000).width());
        assertEquals(112, TilePath.inTree(TilePath.DATA, 273, 70000).width());
        assertEquals(256, TilePath.inTree(1, 0, 70000).width());
        assertEquals(17, TilePath.inTree(1, 1, 70000).width());
        assertEquals(1, TilePath.inTree(2, 0, 70000).width());
        assertThrows(IllegalArgumentException.class, () -> TilePath.inTree(0, 274, 70000));
        assertThrows(IllegalArgumentException.class, () -> TilePath.inTree(3, 0, 70000));
    }

    @Test
    void aTreeOf256HasAFullLevel0TileAndAPartialLevel1TileOfWidth1() {
        assertEquals("tile/0/000", TilePath.inTree(0, 0, 256).path());
        assertEquals("tile/1/000.p/1", TilePath.inTree(1, 0, 256).path());
    }

    @Test
    void constructorRefusesImpossibleTiles() {
        assertThrows(IllegalArgumentException.class, () -> new TilePath(6, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TilePath(0, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new TilePath(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TilePath(0, 0, 257));
        assertThrows(IllegalArgumentException.class, () -> TilePath.hashTile(TilePath.DATA, 0, 1));
    }
}
