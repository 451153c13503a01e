package dev.ocspwatch.common.id;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HexTest {
    @Test
    void writesLowerCase() {
        assertEquals("00ff10", Hex.of(new byte[] {0, (byte) 0xff, 0x10}));
        assertEquals("", Hex.of(new byte[0]));
    }

    @Test
    void readsEitherCase() {
        assertArrayEquals(new byte[] {0, (byte) 0xff, 0x10}, Hex.parse("00FF10"));
        assertArrayEquals(new byte[] {(byte) 0xab}, Hex.parse("aB"));
    }

    @Test
    void quotesWhatIsNotHex() {
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class, () -> Hex.parse("abc"));
        assertTrue(odd.getMessage().contains("\"abc\""), odd.getMessage());
        IllegalArgumentException letters = assertThrows(IllegalArgumentException.class, () -> Hex.parse("zz"));
        assertTrue(letters.getMessage().contains("\"zz\""), letters.getMessage());
        String longInput = "x".repeat(200);
        IllegalArgumentException abbreviated = assertThrows(IllegalArgumentException.class, () -> Hex.parse(longInput));
        assertTrue(abbreviated.getMessage().length() < 120 && abbreviated.getMessage().contains("..."), abbreviated.getMessage());
    }
}
