package dev.ocspwatch.collector.state;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * A growable byte buffer for the collector's compact state encodings. The state of a certificate
 * is read and written for every observation; JSON (text, field names, ISO times) cost most of
 * the collector's time, so state is kept in this length-prefixed binary form instead.
 */
final class BinaryOut {
    private byte[] bytes;
    private int size;

    BinaryOut(int capacity) {
        bytes = new byte[capacity];
    }

    private void room(int n) {
        if (size + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
        }
    }

    BinaryOut u8(int b) {
        room(1);
        bytes[size++] = (byte) b;
        return this;
    }

    BinaryOut i32(int v) {
        room(4);
        bytes[size++] = (byte) (v >>> 24);
        bytes[size++] = (byte) (v >>> 16);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
        return this;
    }

    BinaryOut i64(long v) {
        i32((int) (v >>> 32));
        return i32((int) v);
    }

    BinaryOut bool(boolean b) {
        return u8(b ? 1 : 0);
    }

    /** Length (-1 for null), then the bytes. */
    BinaryOut bytes(byte[] b) {
        if (b == null) {
            return i32(-1);
        }
        i32(b.length);
        room(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
        return this;
    }

    BinaryOut string(String s) {
        return bytes(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    /** An enum by name, so reordering constants never changes what stored state means. */
    BinaryOut name(Enum<?> e) {
        return string(e == null ? null : e.name());
    }

    BinaryOut instant(Instant t) {
        if (t == null) {
            return u8(0);
        }
        return u8(1).i64(t.getEpochSecond()).i32(t.getNano());
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}
