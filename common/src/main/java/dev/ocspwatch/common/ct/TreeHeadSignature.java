package dev.ocspwatch.common.ct;

import dev.ocspwatch.common.id.Hex;
import java.util.Arrays;
import java.util.Objects;

/**
 * RFC 6962 3.5, the bytes a log signs for a tree head (get-sth, and a checkpoint's
 * RFC6962NoteSignature):
 * <pre>
 * digitally-signed struct {
 *   Version version;                      -- v1(0)
 *   SignatureType signature_type = tree_hash;   -- 1
 *   uint64 timestamp;
 *   uint64 tree_size;
 *   opaque sha256_root_hash[32];
 * } TreeHeadSignature;
 * </pre>
 */
public record TreeHeadSignature(long timestamp, long treeSize, byte[] rootHash) {
    static final int V1 = 0;
    static final int TREE_HASH = 1;
    public static final int LENGTH = 1 + 1 + 8 + 8 + 32;

    public TreeHeadSignature {
        if (timestamp < 0 || treeSize < 0) {
            throw new IllegalArgumentException("timestamp and tree size must not be negative: " + timestamp + ", " + treeSize);
        }
        Bytes.requireLength(rootHash, 32, "root hash");
    }

    public byte[] encode() {
        return new TlsWriter(LENGTH).uint8(V1, "version").uint8(TREE_HASH, "signature_type")
                .uint64(timestamp, "timestamp").uint64(treeSize, "tree_size").fixed(rootHash).toByteArray();
    }

    public static TreeHeadSignature parse(byte[] bytes) throws CtFormatException {
        TlsReader reader = new TlsReader(bytes);
        int version = reader.uint8("version");
        int type = reader.uint8("signature_type");
        if (version != V1 || type != TREE_HASH) {
            throw new CtFormatException("not a v1 tree_hash TreeHeadSignature: version " + version
                    + ", signature_type " + type);
        }
        TreeHeadSignature out = new TreeHeadSignature(reader.uint64("timestamp"), reader.uint64("tree_size"),
                reader.fixed(32, "sha256_root_hash"));
        reader.expectEnd("the TreeHeadSignature");
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TreeHeadSignature other && timestamp == other.timestamp && treeSize == other.treeSize
                && Arrays.equals(rootHash, other.rootHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestamp, treeSize) * 31 + Arrays.hashCode(rootHash);
    }

    @Override
    public String toString() {
        return "TreeHeadSignature[timestamp=" + timestamp + ", treeSize=" + treeSize + ", rootHash=" + Hex.of(rootHash) + "]";
    }
}
