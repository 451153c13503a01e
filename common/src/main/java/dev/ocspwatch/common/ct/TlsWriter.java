package dev.ocspwatch.common.ct;

import java.util.Arrays;

/**
 * Writes the TLS presentation language, the mirror of {@link TlsReader}. Values that do not fit
 * their field are programming errors (the writer encodes our own data) and throw
 * IllegalArgumentException naming the field.
 */
final class TlsWriter {
    private byte[] bytes;
    private int size;

    TlsWriter(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    TlsWriter uint8(int value, String field) {
        return unsigned(value, 1, field);
    }

    TlsWriter uint16(int value, String field) {
        return unsigned(value, 2, field);
    }

    TlsWriter uint24(int value, String field) {
        return unsigned(value, 3, field);
    }

    TlsWriter uint40(long value, String field) {
        return unsigned(value, 5, field);
    }

    TlsWriter uint64(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative: " + value);
        }
        return unsigned(value, 8, field);
    }

    TlsWriter fixed(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
        return this;
    }

    TlsWriter opaque16(byte[] value, String field) {
        return uint16(value.length, field + " length").fixed(value);
    }

    TlsWriter opaque24(byte[] value, String field) {
        return uint24(value.length, field + " length").fixed(value);
    }

    int size() {
        return size;
    }

    /** Writes a length prefix of {@code width} bytes at {@code at} for everything written after it. */
    TlsWriter backfillLength(int at, int width, String field) {
        long length = size - at - width;
        checkRange(length, width, field);
        for (int i = width - 1; i >= 0; i--) {
            bytes[at + i] = (byte) length;
            length >>>= 8;
        }
        return this;
    }

    /** Reserves a length prefix to fill in with {@link #backfillLength}; returns its position. */
    int reserve(int width) {
        ensure(width);
        int at = size;
        size += width;
        return at;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private TlsWriter unsigned(long value, int width, String field) {
        checkRange(value, width, field);
        ensure(width);
        for (int i = width - 1; i >= 0; i--) {
            bytes[size + i] = (byte) value;
            value >>>= 8;
        }
        size += width;
        return this;
    }

    private static void checkRange(long value, int width, String field) {
        if (value < 0 || (width < 8 && value >= 1L << (8 * width))) {
            throw new IllegalArgumentException(field + " " + value + " does not fit " + (8 * width) + " bits");
        }
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }
}
