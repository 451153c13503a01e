package dev.ocspwatch.common.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoteSignatureTest {
    /** The example signature line of c2sp.org/signed-note (an Ed25519 signature: 4 + 64 bytes). */
    private static final String SPEC_EXAMPLE = "\u2014 quasimodo.example/salvatore "
            + "NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=";

    @Test
    void readsTheSpecExample() throws Exception {
        NoteSignature signature = NoteSignature.parse(SPEC_EXAMPLE);
        assertEquals("quasimodo.example/salvatore", signature.keyName());
        assertEquals(0x367ba04b, signature.keyId());
        assertEquals("367ba04b", signature.keyIdHex());
        assertEquals(64, signature.signature().length);
    }

    @Test
    void writesTheSameLineBack() throws Exception {
        assertEquals(SPEC_EXAMPLE, NoteSignature.parse(SPEC_EXAMPLE).line());
    }

    @Test
    void refusesALineWithoutTheEmDash() {
        CtFormatException e = assertThrows(CtFormatException.class,
                () -> NoteSignature.parse(SPEC_EXAMPLE.replace('\u2014', '-')));
        assertTrue(e.getMessage().startsWith("signature line does not start with an em dash (U+2014) and a space"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\u2014 a+b AAAAAAA=",               // '+' in the key name
            "\u2014  AAAAAAA=",                  // empty key name
            "\u2014 name\u00a0x AAAAAAA=",       // a Unicode space in the key name
            "\u2014 name AAAA",                  // 3 bytes: no room for key ID and signature
            "\u2014 name AAAAAA==",              // 4 bytes: a key ID and nothing signed
            "\u2014 name AAAAAAA",               // unpadded base64
            "\u2014 name AAAA AAAA",             // a space inside the signature
            "\u2014 name !!!!!!!!",              // not base64
            "\u2014 name"})                      // no signature at all
    void refusesMalformedLines(String line) {
        assertThrows(CtFormatException.class, () -> NoteSignature.parse(line));
    }
}
