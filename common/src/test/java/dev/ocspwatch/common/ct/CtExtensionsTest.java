package dev.ocspwatch.common.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CtExtensionsTest {
    @Test
    void aLeafIndexExtensionIsEightBytesAsStaticCtApiSays() {
        // "The total length of an extensions field containing only a leaf_index extension is 8 bytes."
        assertEquals("00" + "0005" + "000001e240", CtVectors.hex(CtExtensions.ofLeafIndex(123456).encode()));
    }

    @Test
    void readsTheLeafIndexOfTheFirstRealTileEntry() throws Exception {
        // bytes 2701..2708 of tile/data/000 (after the uint16 length 0008)
        assertEquals(OptionalLong.of(0), CtExtensions.parse(CtVectors.hex("0000050000000000")).leafIndex());
    }

    @Test
    void readsTheLargestUint40() throws Exception {
        assertEquals(OptionalLong.of((1L << 40) - 1), CtExtensions.parse(CtVectors.hex("000005ffffffffff")).leafIndex());
        assertThrows(IllegalArgumentException.class, () -> CtExtensions.ofLeafIndex(1L << 40));
    }

    @Test
    void emptyExtensionsHaveNoLeafIndex() throws Exception {
        assertEquals(OptionalLong.empty(), CtExtensions.parse(new byte[0]).leafIndex());
        assertEquals(0, CtExtensions.empty().encode().length);
    }

    @Test
    void keepsUnknownExtensionsInOrderSoEncodingRoundTrips() throws Exception {
        byte[] bytes = CtVectors.hex("07" + "0002" + "abcd" + "00" + "0005" + "0000000102" + "ff" + "0000");
        CtExtensions extensions = CtExtensions.parse(bytes);
        assertEquals(List.of(7, 0, 255), extensions.extensions().stream().map(CtExtensions.Extension::type).toList());
        assertEquals(OptionalLong.of(258), extensions.leafIndex());
        assertArrayEquals(CtVectors.hex("abcd"), extensions.find(7).data());
        assertArrayEquals(bytes, extensions.encode());
    }

    @Test
    void refusesADuplicateType() {
        CtFormatException e = assertThrows(CtFormatException.class,
                () -> CtExtensions.parse(CtVectors.hex("050000" + "050001aa")));
        assertEquals("CtExtensions: duplicate extension type 5 at offset 3", e.getMessage());
    }

    @Test
    void refusesALeafIndexThatIsNotFiveBytes() {
        CtFormatException e = assertThrows(CtFormatException.class,
                () -> CtExtensions.parse(CtVectors.hex("000004" + "00000001")));
        assertEquals("CtExtensions: leaf_index at offset 0 has 4 bytes of data, a uint40 needs 5 (00000001)", e.getMessage());
    }

    @Test
    void refusesTruncatedExtensions() {
        assertEquals("extension_data at offset 1 declares 5 bytes, only 2 left",
                assertThrows(CtFormatException.class, () -> CtExtensions.parse(CtVectors.hex("0000050000"))).getMessage());
        assertEquals("extension_data length needs 2 bytes at offset 1, only 1 left",
                assertThrows(CtFormatException.class, () -> CtExtensions.parse(CtVectors.hex("0000"))).getMessage());
    }
}
