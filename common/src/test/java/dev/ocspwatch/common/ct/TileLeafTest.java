package dev.ocspwatch.common.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.CtEntries;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TileLeafTest {
    /** Entry 0 of tile/data/000 spans bytes 0..2714 (computed with a separate Python walk of the tile). */
    private static byte[] firstTileEntry() {
        return Arrays.copyOf(CtVectors.bytes(CtVectors.DATA_TILE), 2715);
    }

    @Test
    void readsTheFirstRealTileEntry() throws Exception {
        TileLeaf leaf = TileLeaf.parse(firstTileEntry());
        assertEquals(1746292399101L, leaf.entry().timestamp());
        CtEntry.PrecertEntry precert = (CtEntry.PrecertEntry) leaf.entry().entry();
        assertEquals(CtVectors.TILE_ENTRY0_ISSUER_KEY_HASH, CtVectors.hex(precert.issuerKeyHash()));
        assertEquals(2, leaf.chainFingerprints().size());
        assertEquals("54588456f084df53d35714fb90760edaf1d222500858b4c07d3a4d91308dec42", leaf.chainFingerprintsHex().get(0));
        assertEquals("e70570a989f8565aabdf7cae27abd1621872d6a3f811e3fef27e3dba02912198", leaf.chainFingerprintsHex().get(1));
        assertTrue(leaf.preCertificate().length > 0);
        assertEquals(0x30, leaf.preCertificate()[0] & 0xff, "pre_certificate is a DER SEQUENCE");
    }

    @Test
    void itsLeafHashIsTheFirstHashOfTheLevel0Tile() throws Exception {
        assertEquals("c853d5121104135a85f8a66a9d16d62234d541473ed78424032622564baddddf",
                CtVectors.hex(TileLeaf.parse(firstTileEntry()).leafHash()));
    }

    @Test
    void encodesBackToTheSameBytes() throws Exception {
        assertArrayEquals(firstTileEntry(), TileLeaf.parse(firstTileEntry()).encode());
    }

    @Test
    void anX509LeafHasNoPreCertificateAndRoundTrips() throws Exception {
        CtEntries.Entry real = CtEntries.read(CtVectors.PRECERT_AND_X509).get(1);
        TimestampedEntry entry = new TimestampedEntry(CtVectors.X509_TIMESTAMP, new CtEntry.X509Entry(real.certificate()),
                CtExtensions.ofLeafIndex(42).encode());
        List<byte[]> fingerprints = real.chain().stream().map(TileLeafTest::sha256).toList();
        TileLeaf leaf = new TileLeaf(entry, null, fingerprints);
        byte[] bytes = leaf.encode();
        TileLeaf parsed = TileLeaf.parse(bytes);
        assertEquals(leaf, parsed);
        assertNull(parsed.preCertificate());
        // TimestampedEntry, then directly the fingerprint list: uint16 64 and two hashes
        int chainAt = bytes.length - 2 - 64;
        assertEquals("0040", CtVectors.hex(Arrays.copyOfRange(bytes, chainAt, chainAt + 2)));
        assertArrayEquals(fingerprints.get(1), Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length));
    }

    @Test
    void refusesAChainLengthThatIsNotWholeFingerprints() {
        byte[] bytes = firstTileEntry();
        bytes[2715 - 66] = 0;       // uint16 chain length 0x0040 -> 0x0021
        bytes[2715 - 65] = 0x21;
        CtFormatException e = assertThrows(CtFormatException.class, () -> TileLeaf.parse(bytes));
        assertEquals("certificate_chain at offset 2649 has length 33, not a multiple of 32-byte fingerprints", e.getMessage());
    }

    @Test
    void everyTruncationIsAFormatError() {
        byte[] bytes = firstTileEntry();
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThrows(CtFormatException.class, () -> TileLeaf.parse(truncated), "cut at " + cut);
        }
    }

    @Test
    void thePreCertificateGoesWithPrecertEntriesOnly() {
        TimestampedEntry x509 = new TimestampedEntry(1, new CtEntry.X509Entry(new byte[] {0x30}), new byte[0]);
        TimestampedEntry precert = new TimestampedEntry(1, new CtEntry.PrecertEntry(new byte[32], new byte[] {0x30}), new byte[0]);
        assertThrows(IllegalArgumentException.class, () -> new TileLeaf(x509, new byte[] {1}, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new TileLeaf(precert, null, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new TileLeaf(x509, null, List.of(new byte[31])));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
