package dev.ocspwatch.common.ct;

import java.util.Objects;

/**
 * The body of a static-ct-api checkpoint's signature line (after the 4-byte key ID):
 * <pre>
 * struct {
 *   uint64 timestamp;
 *   TreeHeadSignature signature;     -- the DigitallySigned value
 * } RFC6962NoteSignature;
 * </pre>
 * The timestamp is the TreeHeadSignature's; the note's size and root hash complete it.
 */
public record Rfc6962NoteSignature(long timestamp, DigitallySigned signature) {
    public Rfc6962NoteSignature {
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must not be negative: " + timestamp);
        }
        Objects.requireNonNull(signature, "signature");
    }

    public static Rfc6962NoteSignature parse(byte[] bytes) throws CtFormatException {
        TlsReader reader = new TlsReader(bytes);
        long timestamp = reader.uint64("timestamp");
        DigitallySigned signature = DigitallySigned.read(reader);
        reader.expectEnd("the RFC6962NoteSignature");
        return new Rfc6962NoteSignature(timestamp, signature);
    }

    public byte[] encode() {
        TlsWriter writer = new TlsWriter(8 + 4 + signature.signature().length);
        writer.uint64(timestamp, "timestamp");
        signature.writeTo(writer);
        return writer.toByteArray();
    }
}
