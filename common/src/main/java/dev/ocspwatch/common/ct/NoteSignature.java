package dev.ocspwatch.common.ct;

import dev.ocspwatch.common.id.Hex;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One signature line of a signed note (c2sp.org/signed-note):
 * <pre>
 * — &lt;key name&gt; base64(32-bit key ID || signature)
 * </pre>
 * starting with an em dash (U+2014) and a space. Key names are non-empty and hold no Unicode
 * space and no {@code +}. {@code signature} is the bytes after the key ID.
 */
public record NoteSignature(String keyName, int keyId, byte[] signature) {
    static final String PREFIX = "\u2014 ";

    public NoteSignature {
        checkKeyName(keyName);
        Objects.requireNonNull(signature, "signature");
        if (signature.length == 0) {
            throw new IllegalArgumentException("a note signature needs at least one byte after the key ID");
        }
    }

    /** Parses one line, without its newline. */
    public static NoteSignature parse(String line) throws CtFormatException {
        if (!line.startsWith(PREFIX)) {
            throw new CtFormatException("signature line does not start with an em dash (U+2014) and a space: " + quote(line));
        }
        int space = line.indexOf(' ', PREFIX.length());
        if (space < 0) {
            throw new CtFormatException("signature line has no space between key name and signature: " + quote(line));
        }
        String name = line.substring(PREFIX.length(), space);
        String encoded = line.substring(space + 1);
        try {
            checkKeyName(name);
        } catch (IllegalArgumentException e) {
            throw new CtFormatException("signature line: " + e.getMessage() + ": " + quote(line));
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new CtFormatException("signature line: signature is not base64: " + quote(line));
        }
        if (!Base64.getEncoder().encodeToString(bytes).equals(encoded)) {
            throw new CtFormatException("signature line: signature is not canonical padded base64: " + quote(line));
        }
        if (bytes.length < 5) {
            throw new CtFormatException("signature line: " + bytes.length
                    + " bytes, a key ID and a signature need at least 5: " + quote(line));
        }
        return new NoteSignature(name, ByteBuffer.wrap(bytes).getInt(), Arrays.copyOfRange(bytes, 4, bytes.length));
    }

    /** The line, without its newline. */
    public String line() {
        byte[] bytes = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
        return PREFIX + keyName + " " + Base64.getEncoder().encodeToString(bytes);
    }

    /** The key ID as 8 lower-case hex digits, e.g. {@code 78f4abae}. */
    public String keyIdHex() {
        return Hex.of(ByteBuffer.allocate(4).putInt(keyId).array());
    }

    private static void checkKeyName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("key name is empty");
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c) || c < 0x20) {
                throw new IllegalArgumentException("key name contains a space, a control character or '+'");
            }
            i += Character.charCount(c);
        }
    }

    private static String quote(String s) {
        return "\"" + JsonFields.abbreviate(s) + "\"";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteSignature other && keyName.equals(other.keyName) && keyId == other.keyId
                && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return (keyName.hashCode() * 31 + keyId) * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "NoteSignature[" + keyName + ", key ID " + keyIdHex() + ", " + signature.length + " bytes]";
    }
}
