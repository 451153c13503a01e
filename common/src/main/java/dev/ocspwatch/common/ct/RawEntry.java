package dev.ocspwatch.common.ct;

import java.util.Arrays;
import java.util.Objects;

/**
 * One element of a get-entries answer (RFC 6962 4.6) after base64 decoding:
 * {@code leaf_input} (a MerkleTreeLeaf) and {@code extra_data} (the chain; see {@link ExtraData}).
 */
public record RawEntry(byte[] leafInput, byte[] extraData) {
    public RawEntry {
        Objects.requireNonNull(leafInput, "leafInput");
        Objects.requireNonNull(extraData, "extraData");
    }

    public MerkleTreeLeaf leaf() throws CtFormatException {
        return MerkleTreeLeaf.parse(leafInput);
    }

    /** SHA-256(0x00 || leaf_input): the hash the log's tree holds, over the bytes as served. */
    public byte[] leafHash() {
        return MerkleTree.leafHash(leafInput);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawEntry other && Arrays.equals(leafInput, other.leafInput)
                && Arrays.equals(extraData, other.extraData);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(leafInput) + Arrays.hashCode(extraData);
    }

    @Override
    public String toString() {
        return "RawEntry[leafInput=" + leafInput.length + " bytes, extraData=" + extraData.length + " bytes]";
    }
}
