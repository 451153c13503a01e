package dev.ocspwatch.common.ct;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6962 2.1, the Merkle Tree Hash over leaf hashes:
 * <pre>
 * MTH({})      = SHA-256()
 * MTH({d(0)})  = SHA-256(0x00 || d(0))                       -- the leaf hash
 * MTH(D[n])    = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))  -- k the largest power of two &lt; n
 * </pre>
 * and the static-ct-api tiles built from it: hash {@code i} of tile {@code n} at level {@code l}
 * is {@code MTH(D[(n*256+i) * 256^l : (n*256+i+1) * 256^l])}.
 */
public final class MerkleTree {
    private MerkleTree() {
    }

    /** SHA-256(0x00 || leaf input). */
    public static byte[] leafHash(byte[] leafInput) {
        MessageDigest sha256 = Bytes.sha256();
        sha256.update((byte) 0x00);
        return sha256.digest(leafInput);
    }

    /** SHA-256(0x01 || left || right). */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        return nodeHash(Bytes.sha256(), left, right);
    }

    /** The Merkle Tree Hash of the given leaf hashes; SHA-256 of nothing for an empty tree. */
    public static byte[] rootHash(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return Bytes.sha256().digest();
        }
        return subtree(Bytes.sha256(), leafHashes, 0, leafHashes.size()).clone();
    }

    /**
     * The {@code width} hashes of tile {@code index} at {@code level} (0..5), from all leaf hashes
     * of the tree. Level 0 hashes are the leaf hashes themselves.
     *
     * @throws IllegalArgumentException if the tree does not hold the whole tile
     */
    public static List<byte[]> tileHashes(List<byte[]> leafHashes, int level, long index, int width) {
        TilePath.hashTile(level, index, width); // validates level, index and width
        long span = 1L << (8 * level);
        long first = index * TilePath.FULL_WIDTH;
        if (index > Integer.MAX_VALUE || first + width > leafHashes.size() / span) {
            throw new IllegalArgumentException("a tree of " + leafHashes.size() + " leaves has no "
                    + TilePath.hashTile(level, index, width).path());
        }
        MessageDigest sha256 = Bytes.sha256();
        List<byte[]> out = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            int start = (int) ((first + i) * span);
            out.add(subtree(sha256, leafHashes, start, (int) (start + span)).clone());
        }
        return out;
    }

    private static byte[] subtree(MessageDigest sha256, List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int k = Integer.highestOneBit(n - 1);
        byte[] left = subtree(sha256, leaves, from, from + k);
        byte[] right = subtree(sha256, leaves, from + k, to);
        return nodeHash(sha256, left, right);
    }

    private static byte[] nodeHash(MessageDigest sha256, byte[] left, byte[] right) {
        sha256.reset();
        sha256.update((byte) 0x01);
        sha256.update(left);
        return sha256.digest(right);
    }
}
