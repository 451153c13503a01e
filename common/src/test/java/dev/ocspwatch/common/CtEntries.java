package dev.ocspwatch.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A minimal RFC 6962 get-entries reader for tests (independent of any production CT code):
 * the leaf's entry type and issuer_key_hash, and the DER certificates of extra_data.
 */
public final class CtEntries {
    private CtEntries() {
    }

    /**
     * @param entryType 0 x509_entry, 1 precert_entry
     * @param issuerKeyHash the precert's issuer_key_hash, null for x509 entries
     * @param certificate the x509 entry's certificate or the precert entry's pre_certificate
     * @param chain extra_data's chain, issuer first
     */
    public record Entry(int entryType, byte[] issuerKeyHash, byte[] certificate, List<byte[]> chain) {
    }

    public static List<Entry> read(String vector) {
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(Vectors.bytes(vector));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode e : json.get("entries")) {
            ByteBuffer leaf = ByteBuffer.wrap(Base64.getDecoder().decode(e.get("leaf_input").asText()));
            ByteBuffer extra = ByteBuffer.wrap(Base64.getDecoder().decode(e.get("extra_data").asText()));
            int version = leaf.get();
            int leafType = leaf.get();
            if (version != 0 || leafType != 0) {
                throw new IllegalArgumentException("not a v1 timestamped_entry leaf");
            }
            leaf.getLong(); // timestamp
            int entryType = leaf.getShort();
            if (entryType == 0) {
                byte[] certificate = opaque24(leaf);
                entries.add(new Entry(0, null, certificate, list24(extra)));
            } else if (entryType == 1) {
                byte[] issuerKeyHash = new byte[32];
                leaf.get(issuerKeyHash);
                opaque24(leaf); // tbs_certificate
                byte[] preCertificate = opaque24(extra);
                entries.add(new Entry(1, issuerKeyHash, preCertificate, list24(extra)));
            } else {
                throw new IllegalArgumentException("unknown entry_type " + entryType);
            }
        }
        return entries;
    }

    private static int uint24(ByteBuffer b) {
        return ((b.get() & 0xff) << 16) | ((b.get() & 0xff) << 8) | (b.get() & 0xff);
    }

    private static byte[] opaque24(ByteBuffer b) {
        byte[] out = new byte[uint24(b)];
        b.get(out);
        return out;
    }

    private static List<byte[]> list24(ByteBuffer b) {
        int total = uint24(b);
        int end = b.position() + total;
        List<byte[]> out = new ArrayList<>();
        while (b.position() < end) {
            out.add(opaque24(b));
        }
        if (b.position() != end || b.hasRemaining()) {
            throw new IllegalArgumentException("bad certificate chain framing: " + Arrays.toString(new int[] {b.position(), end}));
        }
        return out;
    }
}
