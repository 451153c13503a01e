package dev.ocspwatch.common.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TlsReaderTest {
    @Test
    void readsBigEndianUnsignedIntegersOfEveryWidth() throws Exception {
        TlsReader reader = new TlsReader(CtVectors.hex("ff" + "fffe" + "fffffd" + "fffffffffc" + "7ffffffffffffffb"));
        assertEquals(255, reader.uint8("a"));
        assertEquals(65534, reader.uint16("b"));
        assertEquals(16777213, reader.uint24("c"));
        assertEquals(1099511627772L, reader.uint40("d"));
        assertEquals(Long.MAX_VALUE - 4, reader.uint64("e"));
        assertFalse(reader.hasRemaining());
    }

    @Test
    void refusesAUint64AboveTheLongRangeNamingTheField() {
        CtFormatException e = assertThrows(CtFormatException.class,
                () -> new TlsReader(CtVectors.hex("8000000000000000")).uint64("timestamp"));
        assertEquals("timestamp at offset 0 is above 2^63-1: 9223372036854775808", e.getMessage());
    }

    @Test
    void readsLengthPrefixedVectors() throws Exception {
        TlsReader reader = new TlsReader(CtVectors.hex("0002abcd" + "000001ef"));
        assertArrayEquals(CtVectors.hex("abcd"), reader.opaque16("x", 0));
        assertArrayEquals(CtVectors.hex("ef"), reader.opaque24("y", 1));
    }

    @Test
    void namesTheFieldAndOffsetWhenAVectorOverrunsTheInput() {
        CtFormatException e = assertThrows(CtFormatException.class,
                () -> new TlsReader(CtVectors.hex("000005abcd")).opaque24("certificate", 1));
        assertEquals("certificate at offset 0 declares 5 bytes, only 2 left", e.getMessage());
    }

    @Test
    void refusesAVectorShorterThanItsMinimum() {
        CtFormatException e = assertThrows(CtFormatException.class,
                () -> new TlsReader(CtVectors.hex("000000")).opaque24("certificate", 1));
        assertEquals("certificate at offset 0 has length 0, at least 1 required", e.getMessage());
    }

    @Test
    void namesTheOffsetWhenAFixedFieldIsCut() throws Exception {
        TlsReader reader = new TlsReader(CtVectors.hex("0102"));
        reader.uint8("first");
        CtFormatException e = assertThrows(CtFormatException.class, () -> reader.uint16("entry_type"));
        assertEquals("entry_type needs 2 bytes at offset 1, only 1 left", e.getMessage());
    }

    @Test
    void reportsTrailingBytesWithTheirOffset() throws Exception {
        TlsReader reader = new TlsReader(CtVectors.hex("01aabb"));
        reader.uint8("x");
        CtFormatException e = assertThrows(CtFormatException.class, () -> reader.expectEnd("the thing"));
        assertEquals("2 trailing bytes at offset 1 after the thing (aabb)", e.getMessage());
    }

    @Test
    void aSliceStopsAtItsEndAndAdvancesTheOuterReader() throws Exception {
        TlsReader reader = new TlsReader(CtVectors.hex("aabbcc"));
        TlsReader slice = reader.slice(2, "list");
        assertEquals(0xaa, slice.uint8("a"));
        assertEquals(0xbb, slice.uint8("b"));
        CtFormatException e = assertThrows(CtFormatException.class, () -> slice.uint8("c"));
        assertEquals("c needs 1 bytes at offset 2, only 0 left", e.getMessage());
        assertEquals(0xcc, reader.uint8("c"));
    }

    @Test
    void writerMirrorsTheReader() {
        byte[] written = new TlsWriter(0).uint8(255, "a").uint16(65534, "b").uint24(16777213, "c")
                .uint40(1099511627772L, "d").uint64(Long.MAX_VALUE - 4, "e").opaque16(CtVectors.hex("abcd"), "f")
                .toByteArray();
        assertEquals("ff" + "fffe" + "fffffd" + "fffffffffc" + "7ffffffffffffffb" + "0002abcd", CtVectors.hex(written));
        assertThrows(IllegalArgumentException.class, () -> new TlsWriter(0).uint16(65536, "x"));
        assertThrows(IllegalArgumentException.class, () -> new TlsWriter(0).uint24(-1, "x"));
    }
}
