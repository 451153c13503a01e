package dev.ocspwatch.common.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CtEntryTest {
    @Test
    void entryTypesAreTheRfc6962Values() {
        assertEquals(0, new CtEntry.X509Entry(new byte[] {0x30}).entryType());
        assertEquals(1, new CtEntry.PrecertEntry(new byte[32], new byte[] {0x30}).entryType());
    }

    @Test
    void entriesCompareByContent() {
        assertEquals(new CtEntry.X509Entry(new byte[] {1, 2}), new CtEntry.X509Entry(new byte[] {1, 2}));
        assertNotEquals(new CtEntry.X509Entry(new byte[] {1, 2}), new CtEntry.X509Entry(new byte[] {1, 3}));
        assertEquals(new CtEntry.PrecertEntry(new byte[32], new byte[] {5}).hashCode(),
                new CtEntry.PrecertEntry(new byte[32], new byte[] {5}).hashCode());
    }

    @Test
    void refusesWhatTheWireCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> new CtEntry.X509Entry(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new CtEntry.X509Entry(new byte[1 << 24]));
        assertThrows(IllegalArgumentException.class, () -> new CtEntry.PrecertEntry(new byte[31], new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new CtEntry.PrecertEntry(new byte[32], new byte[0]));
    }
}
