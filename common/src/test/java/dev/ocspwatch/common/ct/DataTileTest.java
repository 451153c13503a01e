package dev.ocspwatch.common.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.id.CertificateId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DataTileTest {
    private static List<TileLeaf> full;
    private static List<TileLeaf> partial;

    @BeforeAll
    static void parse() throws Exception {
        full = DataTile.parse(CtVectors.bytes(CtVectors.DATA_TILE), 256);
        partial = DataTile.parse(CtVectors.bytes(CtVectors.PARTIAL_DATA_TILE), 10);
    }

    @Test
    void theFullTileHolds256PrecertEntriesWithLeafIndexes0To255() throws Exception {
        assertEquals(256, full.size());
        for (int i = 0; i < 256; i++) {
            TileLeaf leaf = full.get(i);
            assertTrue(leaf.entry().precert(), "entry " + i);
            assertEquals(i, leaf.entry().ctExtensions().leafIndex().orElseThrow(), "entry " + i);
            assertEquals(2, leaf.chainFingerprints().size(), "entry " + i);
        }
    }

    @Test
    void entryTimestampsAndIssuersAreTheReadmeValues() {
        assertEquals(1746292399101L, full.get(0).entry().timestamp());
        assertEquals(1746292523102L, full.get(255).entry().timestamp());
        assertEquals(CtVectors.TILE_ENTRY0_ISSUER_KEY_HASH, CtVectors.hex(issuerKeyHash(full.get(0))));
        Set<String> issuers = new HashSet<>();
        full.forEach(leaf -> issuers.add(CtVectors.hex(issuerKeyHash(leaf))));
        assertEquals(4, issuers.size(), "README: 4 distinct issuer_key_hash values");
    }

    @Test
    void theFirstEntryHasTheReadmeCertificateId() {
        CtEntry.PrecertEntry precert = (CtEntry.PrecertEntry) full.get(0).entry().entry();
        TBSCertificate tbs = TBSCertificate.getInstance(precert.tbsCertificate());
        assertEquals(CtVectors.TILE_ENTRY0_ID,
                new CertificateId(CtVectors.hex(precert.issuerKeyHash()), tbs.getSerialNumber().getValue()).toString());
    }

    @Test
    void everyLeafHashIsTheMatchingHashOfTheLevel0Tile() {
        List<byte[]> level0 = CtVectors.hashes(CtVectors.LEVEL0_TILE);
        assertEquals(256, level0.size());
        for (int i = 0; i < 256; i++) {
            assertArrayEquals(level0.get(i), full.get(i).leafHash(), "entry " + i);
        }
        List<byte[]> partialLevel0 = CtVectors.hashes(CtVectors.PARTIAL_LEVEL0_TILE);
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(partialLevel0.get(i), partial.get(i).leafHash(), "partial entry " + i);
        }
    }

    @Test
    void theTreeHashesOfTheTilesAreTheReadmeValues() {
        assertEquals(CtVectors.TILE_ROOT, CtVectors.hex(MerkleTree.rootHash(full.stream().map(TileLeaf::leafHash).toList())));
        assertEquals(CtVectors.PARTIAL_TILE_ROOT,
                CtVectors.hex(MerkleTree.rootHash(partial.stream().map(TileLeaf::leafHash).toList())));
    }

    @Test
    void thePartialTileHoldsIndexes768To777() throws Exception {
        assertEquals(10, partial.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(768 + i, partial.get(i).entry().ctExtensions().leafIndex().orElseThrow());
        }
        assertEquals(1746292632101L, partial.get(0).entry().timestamp());
        assertEquals(1746292633102L, partial.get(9).entry().timestamp());
    }

    @Test
    void encodesBackToTheServedBytes() {
        assertArrayEquals(CtVectors.bytes(CtVectors.DATA_TILE), DataTile.encode(full));
        assertArrayEquals(CtVectors.bytes(CtVectors.PARTIAL_DATA_TILE), DataTile.encode(partial));
    }

    @Test
    void aTileWithMoreEntriesThanExpectedHasTrailingBytes() {
        // entry 255 starts at offset 405734 (a separate Python walk of the tile)
        CtFormatException e = assertThrows(CtFormatException.class,
                () -> DataTile.parse(CtVectors.bytes(CtVectors.DATA_TILE), 255));
        assertTrue(e.getMessage().startsWith("2631 trailing bytes at offset 405734 after the 255 entries of the data tile"),
                e.getMessage());
    }

    @Test
    void aTileWithFewerEntriesThanExpectedSaysWhereItEnded() {
        CtFormatException e = assertThrows(CtFormatException.class,
                () -> DataTile.parse(CtVectors.bytes(CtVectors.PARTIAL_DATA_TILE), 11));
        assertEquals("data tile ends at offset 15354 after 10 entries, expected 11", e.getMessage());
        assertEquals("data tile ends at offset 0 after 0 entries, expected 256",
                assertThrows(CtFormatException.class, () -> DataTile.parse(new byte[0], 256)).getMessage());
    }

    @Test
    void aTruncatedEntryIsNamedByNumberAndOffset() {
        byte[] bytes = CtVectors.bytes(CtVectors.PARTIAL_DATA_TILE);
        CtFormatException e = assertThrows(CtFormatException.class,
                () -> DataTile.parse(Arrays.copyOf(bytes, bytes.length - 1), 10));
        // entry 9 starts at 13795; its last field is the fingerprint list
        assertTrue(e.getMessage().startsWith("data tile entry 9 at offset 13795: certificate_chain needs 64 bytes"),
                e.getMessage());
    }

    @Test
    void garbageIsAFormatErrorAtEntry0() {
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0x5a);
        CtFormatException e = assertThrows(CtFormatException.class, () -> DataTile.parse(garbage, 1));
        assertEquals("data tile entry 0 at offset 0: entry_type 23130 at offset 8 is neither x509_entry(0) nor precert_entry(1)",
                e.getMessage());
    }

    @Test
    void aCorruptedEntryInTheMiddleIsNamed() {
        byte[] bytes = CtVectors.bytes(CtVectors.DATA_TILE).clone();
        bytes[2715 + 9] = 9; // entry_type of entry 1
        CtFormatException e = assertThrows(CtFormatException.class, () -> DataTile.parse(bytes, 256));
        assertEquals("data tile entry 1 at offset 2715: entry_type 9 at offset 2723 is neither x509_entry(0) nor precert_entry(1)",
                e.getMessage());
    }

    @Test
    void widthsOutsideOneTo256AreProgrammingErrors() {
        assertThrows(IllegalArgumentException.class, () -> DataTile.parse(new byte[0], 0));
        assertThrows(IllegalArgumentException.class, () -> DataTile.parse(new byte[0], 257));
        assertThrows(IllegalArgumentException.class, () -> DataTile.encode(List.of()));
    }

    private static byte[] issuerKeyHash(TileLeaf leaf) {
        return ((CtEntry.PrecertEntry) leaf.entry().entry()).issuerKeyHash();
    }
}
