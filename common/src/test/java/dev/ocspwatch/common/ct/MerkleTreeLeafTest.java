package dev.ocspwatch.common.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeLeafTest {
    @Test
    void leafHashesAreTheReadmeValues() throws Exception {
        List<byte[]> leaves = CtVectors.entryField(CtVectors.PRECERT_AND_X509, "leaf_input");
        assertEquals(CtVectors.PRECERT_LEAF_HASH, CtVectors.hex(MerkleTreeLeaf.parse(leaves.get(0)).leafHash()));
        assertEquals(CtVectors.X509_LEAF_HASH, CtVectors.hex(MerkleTreeLeaf.parse(leaves.get(1)).leafHash()));
        List<byte[]> four = CtVectors.entryField(CtVectors.FOUR_X509, "leaf_input");
        for (int i = 0; i < 4; i++) {
            assertEquals(CtVectors.FOUR_LEAF_HASHES.get(i), CtVectors.hex(MerkleTreeLeaf.parse(four.get(i)).leafHash()));
        }
    }

    @Test
    void readsTheTimestampsOfTheFour2013Entries() throws Exception {
        List<byte[]> four = CtVectors.entryField(CtVectors.FOUR_X509, "leaf_input");
        long[] expected = {1364258252899L, 1364288407155L, 1364288407155L, 1364288407156L};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], MerkleTreeLeaf.parse(four.get(i)).entry().timestamp());
        }
    }

    @Test
    void encodesBackToTheLeafInput() throws Exception {
        for (String file : List.of(CtVectors.PRECERT_AND_X509, CtVectors.FOUR_X509)) {
            for (byte[] leaf : CtVectors.entryField(file, "leaf_input")) {
                assertArrayEquals(leaf, MerkleTreeLeaf.parse(leaf).encode());
            }
        }
    }

    @Test
    void refusesAnotherVersionOrLeafType() {
        byte[] leaf = CtVectors.entryField(CtVectors.PRECERT_AND_X509, "leaf_input").get(1);
        byte[] v2 = leaf.clone();
        v2[0] = 1;
        assertEquals("MerkleTreeLeaf version 1 at offset 0 is not v1(0)",
                assertThrows(CtFormatException.class, () -> MerkleTreeLeaf.parse(v2)).getMessage());
        byte[] type = leaf.clone();
        type[1] = 3;
        assertEquals("MerkleTreeLeaf leaf_type 3 at offset 1 is not timestamped_entry(0)",
                assertThrows(CtFormatException.class, () -> MerkleTreeLeaf.parse(type)).getMessage());
    }

    @Test
    void refusesEmptyTruncatedAndTrailingInput() {
        byte[] leaf = CtVectors.entryField(CtVectors.PRECERT_AND_X509, "leaf_input").get(0);
        assertEquals("version needs 1 bytes at offset 0, only 0 left",
                assertThrows(CtFormatException.class, () -> MerkleTreeLeaf.parse(new byte[0])).getMessage());
        assertThrows(CtFormatException.class, () -> MerkleTreeLeaf.parse(java.util.Arrays.copyOf(leaf, leaf.length - 1)));
        CtFormatException trailing = assertThrows(CtFormatException.class,
                () -> MerkleTreeLeaf.parse(CtVectors.concat(leaf, new byte[] {0})));
        assertEquals("1 trailing bytes at offset " + leaf.length + " after the MerkleTreeLeaf (00)", trailing.getMessage());
    }
}
