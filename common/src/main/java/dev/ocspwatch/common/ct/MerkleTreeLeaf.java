package dev.ocspwatch.common.ct;

import java.util.Objects;

/**
 * RFC 6962 3.4, the {@code leaf_input} of get-entries and the input of a leaf hash:
 * <pre>
 * enum { v1(0), (255) } Version;
 * enum { timestamped_entry(0), (255) } MerkleLeafType;
 * struct {
 *   Version version;
 *   MerkleLeafType leaf_type;
 *   select (leaf_type) {
 *     case timestamped_entry: TimestampedEntry;
 *   }
 * } MerkleTreeLeaf;
 * </pre>
 * Only v1 timestamped_entry leaves exist; anything else is a format error.
 */
public record MerkleTreeLeaf(TimestampedEntry entry) {
    static final int V1 = 0;
    static final int TIMESTAMPED_ENTRY = 0;

    public MerkleTreeLeaf {
        Objects.requireNonNull(entry, "entry");
    }

    public static MerkleTreeLeaf parse(byte[] leafInput) throws CtFormatException {
        TlsReader reader = new TlsReader(leafInput);
        int version = reader.uint8("version");
        if (version != V1) {
            throw new CtFormatException("MerkleTreeLeaf version " + version + " at offset 0 is not v1(0)");
        }
        int type = reader.uint8("leaf_type");
        if (type != TIMESTAMPED_ENTRY) {
            throw new CtFormatException("MerkleTreeLeaf leaf_type " + type + " at offset 1 is not timestamped_entry(0)");
        }
        TimestampedEntry entry = TimestampedEntry.read(reader);
        reader.expectEnd("the MerkleTreeLeaf");
        return new MerkleTreeLeaf(entry);
    }

    public byte[] encode() {
        TlsWriter writer = new TlsWriter(2 + entry.sizeHint());
        writer.uint8(V1, "version").uint8(TIMESTAMPED_ENTRY, "leaf_type");
        entry.writeTo(writer);
        return writer.toByteArray();
    }

    /** SHA-256(0x00 || MerkleTreeLeaf), RFC 6962 2.1. */
    public byte[] leafHash() {
        return MerkleTree.leafHash(encode());
    }
}
