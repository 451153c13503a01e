package dev.ocspwatch.common.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TreeHeadSignatureTest {
    private static final String PILOT_ROOT = "4b128ec64b20baf1cfc9468a60a5e8647cd797dd50db9efe250d0050c9457dea";

    @Test
    void isVersionTypeTimestampSizeAndRootBigEndian() {
        // README: "ECDSA P-256/SHA-256 over 00 01 || timestamp(8) || tree_size(8) || root(32)"
        TreeHeadSignature pilot = new TreeHeadSignature(1396609800587L, 3721782L, CtVectors.hex(PILOT_ROOT));
        assertEquals("00" + "01" + "000001452c6e598b" + "000000000038ca36" + PILOT_ROOT, CtVectors.hex(pilot.encode()));
        assertEquals(TreeHeadSignature.LENGTH, pilot.encode().length);
    }

    @Test
    void parsesWhatItEncodes() throws Exception {
        TreeHeadSignature pilot = new TreeHeadSignature(1396609800587L, 3721782L, CtVectors.hex(PILOT_ROOT));
        assertEquals(pilot, TreeHeadSignature.parse(pilot.encode()));
    }

    @Test
    void refusesOtherSignatureTypesAndBadLengths() {
        byte[] bytes = new TreeHeadSignature(1, 2, new byte[32]).encode();
        bytes[1] = 0; // certificate_timestamp
        assertEquals("not a v1 tree_hash TreeHeadSignature: version 0, signature_type 0",
                assertThrows(CtFormatException.class, () -> TreeHeadSignature.parse(bytes)).getMessage());
        assertThrows(CtFormatException.class, () -> TreeHeadSignature.parse(new byte[49]));
        assertThrows(CtFormatException.class, () -> TreeHeadSignature.parse(new byte[51]));
        assertThrows(IllegalArgumentException.class, () -> new TreeHeadSignature(1, 2, new byte[31]));
    }
}
