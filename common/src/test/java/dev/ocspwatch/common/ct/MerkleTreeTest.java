package dev.ocspwatch.common.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
    /**
     * The reference inputs of the Certificate Transparency project's Merkle tree tests
     * (merkle_tree_test.cc, also in certificate-transparency-go) and the root of each prefix.
     */
    private static final List<byte[]> LEAVES = List.of(
            new byte[0], CtVectors.hex("00"), CtVectors.hex("10"), CtVectors.hex("2021"), CtVectors.hex("3031"),
            CtVectors.hex("40414243"), CtVectors.hex("5051525354555657"), CtVectors.hex("606162636465666768696a6b6c6d6e6f"));
    private static final List<String> ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    @Test
    void rootsOfTheReferenceTreesOfEverySizeFrom0To8() {
        List<byte[]> hashes = LEAVES.stream().map(MerkleTree::leafHash).toList();
        for (int n = 0; n <= 8; n++) {
            assertEquals(ROOTS.get(n), CtVectors.hex(MerkleTree.rootHash(hashes.subList(0, n))), "size " + n);
        }
    }

    @Test
    void theLeafHashOfNothingIsTheOneLeafRoot() {
        assertEquals(ROOTS.get(1), CtVectors.hex(MerkleTree.leafHash(new byte[0])));
    }

    @Test
    void aNodeHashPrefixesOne() {
        // MTH of the first two reference leaves = SHA-256(0x01 || h0 || h1)
        assertEquals(ROOTS.get(2), CtVectors.hex(MerkleTree.nodeHash(MerkleTree.leafHash(LEAVES.get(0)),
                MerkleTree.leafHash(LEAVES.get(1)))));
    }

    @Test
    void theFour2013EntriesHaveTheReadmeRoot() {
        List<byte[]> hashes = CtVectors.FOUR_LEAF_HASHES.stream().map(CtVectors::hex).toList();
        assertEquals(CtVectors.FOUR_ROOT_BASE64, Base64.getEncoder().encodeToString(MerkleTree.rootHash(hashes)));
    }

    @Test
    void level0TileHashesAreTheLeafHashes() {
        List<byte[]> level0 = CtVectors.hashes(CtVectors.LEVEL0_TILE);
        List<byte[]> tile = MerkleTree.tileHashes(level0, 0, 0, 256);
        for (int i = 0; i < 256; i++) {
            assertArrayEquals(level0.get(i), tile.get(i));
        }
        assertEquals(10, MerkleTree.tileHashes(level0, 0, 0, 10).size());
    }

    @Test
    void theLevel1HashOfAFullTileIsItsTreeHash() {
        // a tree of 256 leaves: a full level-0 tile and a level-1 tile of width 1 holding MTH(D[0:256])
        List<byte[]> tile = MerkleTree.tileHashes(CtVectors.hashes(CtVectors.LEVEL0_TILE), 1, 0, 1);
        assertEquals(CtVectors.TILE_ROOT, CtVectors.hex(tile.get(0)));
    }

    @Test
    void level1HashesOfALargerTreeAreSubtreeRoots() {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 3 * 256 + 5; i++) {
            leaves.add(MerkleTree.leafHash(new byte[] {(byte) i, (byte) (i >> 8)}));
        }
        List<byte[]> level1 = MerkleTree.tileHashes(leaves, 1, 0, 3);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(MerkleTree.rootHash(leaves.subList(256 * i, 256 * i + 256)), level1.get(i));
        }
        // the root of 768 leaves: the two power-of-two halves 512 and 256 (RFC 6962 2.1 split)
        assertArrayEquals(MerkleTree.rootHash(leaves.subList(0, 768)),
                MerkleTree.nodeHash(MerkleTree.nodeHash(level1.get(0), level1.get(1)), level1.get(2)));
    }

    @Test
    void refusesATileTheTreeDoesNotHold() {
        List<byte[]> level0 = CtVectors.hashes(CtVectors.LEVEL0_TILE);
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.tileHashes(level0, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.tileHashes(level0, 1, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.tileHashes(level0, 6, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.tileHashes(level0, 5, 1L << 31, 256));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.tileHashes(level0, 5, (1L << 31) - 1, 256));
    }
}
