package dev.ocspwatch.collector.state;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Reads what {@link BinaryOut} wrote, in the same order; a truncated or foreign value fails loudly. */
final class BinaryIn {
    private final byte[] bytes;
    private int at;

    BinaryIn(byte[] bytes) {
        this.bytes = bytes;
    }

    private void need(int n) {
        if (n < 0 || at + n > bytes.length) {
            throw new IllegalArgumentException("truncated state value: " + n + " bytes wanted at " + at + " of " + bytes.length);
        }
    }

    int u8() {
        need(1);
        return bytes[at++] & 0xff;
    }

    int i32() {
        need(4);
        int v = (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8 | (bytes[at + 3] & 0xff);
        at += 4;
        return v;
    }

    long i64() {
        long high = i32();
        return high << 32 | (i32() & 0xffff_ffffL);
    }

    boolean bool() {
        return u8() != 0;
    }

    String string() {
        int n = i32();
        if (n == -1) {
            return null;
        }
        need(n);
        String s = new String(bytes, at, n, StandardCharsets.UTF_8);
        at += n;
        return s;
    }

    <E extends Enum<E>> E name(Class<E> type) {
        String s = string();
        return s == null ? null : Enum.valueOf(type, s);
    }

    Instant instant() {
        if (u8() == 0) {
            return null;
        }
        long seconds = i64();
        return Instant.ofEpochSecond(seconds, i32());
    }
}
