package dev.ocspwatch.common.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RawEntryTest {
    @Test
    void hashesTheLeafInputAsServedAndParsesIt() throws Exception {
        byte[] leaf = CtVectors.entryField(CtVectors.PRECERT_AND_X509, "leaf_input").get(1);
        RawEntry entry = new RawEntry(leaf, new byte[0]);
        assertEquals(CtVectors.X509_LEAF_HASH, CtVectors.hex(entry.leafHash()));
        assertEquals(CtVectors.X509_TIMESTAMP, entry.leaf().entry().timestamp());
    }

    @Test
    void aDamagedLeafIsAFormatError() {
        assertThrows(CtFormatException.class, () -> new RawEntry(new byte[] {0, 0, 1}, new byte[0]).leaf());
    }

    @Test
    void comparesByContent() {
        assertEquals(new RawEntry(new byte[] {1}, new byte[] {2}), new RawEntry(new byte[] {1}, new byte[] {2}));
        assertNotEquals(new RawEntry(new byte[] {1}, new byte[] {2}), new RawEntry(new byte[] {1}, new byte[] {3}));
    }
}
