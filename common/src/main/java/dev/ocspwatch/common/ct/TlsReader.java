package dev.ocspwatch.common.ct;

import dev.ocspwatch.common.id.Hex;
import java.util.Arrays;

/**
 * Reads the TLS presentation language (RFC 8446 section 3) that RFC 6962 and static-ct-api
 * structures are written in: big-endian unsigned integers and opaque vectors with a 1-, 2- or
 * 3-byte length prefix ({@code opaque x<min..2^24-1>}). Every read is bounds-checked and every
 * error names the field and the absolute offset where it failed.
 */
final class TlsReader {
    private final byte[] bytes;
    private final int limit;
    private int position;

    TlsReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private TlsReader(byte[] bytes, int offset, int limit) {
        this.bytes = bytes;
        this.position = offset;
        this.limit = limit;
    }

    int position() {
        return position;
    }

    int remaining() {
        return limit - position;
    }

    boolean hasRemaining() {
        return position < limit;
    }

    int uint8(String field) throws CtFormatException {
        need(1, field);
        return bytes[position++] & 0xff;
    }

    int uint16(String field) throws CtFormatException {
        return (int) unsigned(2, field);
    }

    int uint24(String field) throws CtFormatException {
        return (int) unsigned(3, field);
    }

    long uint40(String field) throws CtFormatException {
        return unsigned(5, field);
    }

    /** A uint64 that must fit a Java long: CT timestamps and tree sizes do, by centuries. */
    long uint64(String field) throws CtFormatException {
        int at = position;
        long value = unsigned(8, field);
        if (value < 0) {
            throw new CtFormatException(field + " at offset " + at + " is above 2^63-1: "
                    + Long.toUnsignedString(value));
        }
        return value;
    }

    byte[] fixed(int length, String field) throws CtFormatException {
        need(length, field);
        byte[] out = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return out;
    }

    /** {@code opaque field<min..2^16-1>}. */
    byte[] opaque16(String field, int min) throws CtFormatException {
        int at = position;
        return body(uint16(field + " length"), min, at, field);
    }

    /** {@code opaque field<min..2^24-1>}. */
    byte[] opaque24(String field, int min) throws CtFormatException {
        int at = position;
        return body(uint24(field + " length"), min, at, field);
    }

    /** A reader over the next {@code length} bytes (the body of a vector of structures); skips them here. */
    TlsReader slice(int length, String field) throws CtFormatException {
        need(length, field);
        TlsReader inner = new TlsReader(bytes, position, position + length);
        position += length;
        return inner;
    }

    void expectEnd(String what) throws CtFormatException {
        if (hasRemaining()) {
            throw new CtFormatException(remaining() + " trailing bytes at offset " + position + " after " + what
                    + " (" + Hex.of(Arrays.copyOfRange(bytes, position, Math.min(limit, position + 8)))
                    + (remaining() > 8 ? "..." : "") + ")");
        }
    }

    private byte[] body(int length, int min, int at, String field) throws CtFormatException {
        if (length < min) {
            throw new CtFormatException(field + " at offset " + at + " has length " + length
                    + ", at least " + min + " required");
        }
        if (length > remaining()) {
            throw new CtFormatException(field + " at offset " + at + " declares " + length
                    + " bytes, only " + remaining() + " left");
        }
        return fixed(length, field);
    }

    private long unsigned(int size, String field) throws CtFormatException {
        need(size, field);
        long value = 0;
        for (int i = 0; i < size; i++) {
            value = (value << 8) | (bytes[position++] & 0xff);
        }
        return value;
    }

    private void need(int length, String field) throws CtFormatException {
        if (length > remaining()) {
            throw new CtFormatException(field + " needs " + length + " bytes at offset " + position
                    + ", only " + remaining() + " left");
        }
    }
}
