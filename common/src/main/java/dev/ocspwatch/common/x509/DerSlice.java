package dev.ocspwatch.common.x509;

import java.util.Arrays;

/**
 * Cuts exact byte ranges out of DER. Signatures cover the bytes as they were sent
 * (tbsCertificate, tbsResponseData), and re-encoding a parsed structure can change them
 * (an explicitly encoded DEFAULT, an unsorted SET), so the signed part is sliced, never rebuilt.
 */
public final class DerSlice {
    private DerSlice() {
    }

    /** The complete first element (tag, length, value) inside the SEQUENCE that {@code der} holds. */
    public static byte[] firstElementOfSequence(byte[] der) {
        int[] outer = header(der, 0);
        if ((der[0] & 0xff) != 0x30) {
            throw new IllegalArgumentException("expected a SEQUENCE, found tag 0x" + Integer.toHexString(der[0] & 0xff));
        }
        int start = outer[0];
        int[] inner = header(der, start);
        long end = (long) inner[0] + inner[1];
        if (end > der.length) {
            throw new IllegalArgumentException("truncated DER element");
        }
        return Arrays.copyOfRange(der, start, (int) end);
    }

    /** Returns {offset of the value, length of the value} for the element starting at {@code at}. */
    private static int[] header(byte[] der, int at) {
        if (at + 2 > der.length) {
            throw new IllegalArgumentException("truncated DER header");
        }
        if ((der[at] & 0x1f) == 0x1f) {
            throw new IllegalArgumentException("high-tag-number form is not expected here");
        }
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return new int[] {at + 2, first};
        }
        int n = first & 0x7f;
        if (n == 0 || n > 4 || at + 2 + n > der.length) {
            throw new IllegalArgumentException("invalid DER length");
        }
        long length = 0;
        for (int i = 0; i < n; i++) {
            length = (length << 8) | (der[at + 2 + i] & 0xff);
        }
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("DER length too large");
        }
        return new int[] {at + 2 + n, (int) length};
    }
}
