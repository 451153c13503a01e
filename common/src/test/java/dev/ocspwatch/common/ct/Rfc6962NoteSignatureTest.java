package dev.ocspwatch.common.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class Rfc6962NoteSignatureTest {
    /** The bytes after the key ID in rome2024h1's signature line. */
    private static byte[] romeBody() {
        String line = CtVectors.text(CtVectors.ROME_CHECKPOINT).split("\n")[4];
        byte[] all = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1));
        assertEquals(87, all.length, "README: 87 bytes");
        return Arrays.copyOfRange(all, 4, all.length);
    }

    @Test
    void readsRomesTimestampAndSignature() throws Exception {
        Rfc6962NoteSignature note = Rfc6962NoteSignature.parse(romeBody());
        assertEquals(1711519390034L, note.timestamp());
        assertEquals(4, note.signature().hashAlgorithm());
        assertEquals(3, note.signature().signatureAlgorithm());
    }

    @Test
    void encodesBackToTheSameBytes() throws Exception {
        assertArrayEquals(romeBody(), Rfc6962NoteSignature.parse(romeBody()).encode());
    }

    @Test
    void refusesTruncatedAndTrailingBytes() {
        byte[] body = romeBody();
        assertThrows(CtFormatException.class, () -> Rfc6962NoteSignature.parse(Arrays.copyOf(body, 7)));
        assertThrows(CtFormatException.class, () -> Rfc6962NoteSignature.parse(Arrays.copyOf(body, body.length - 1)));
        assertThrows(CtFormatException.class, () -> Rfc6962NoteSignature.parse(CtVectors.concat(body, new byte[1])));
    }
}
