package dev.ocspwatch.common.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.CtEntries;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtraDataTest {
    private static CtEntry entry(String file, int index) throws CtFormatException {
        return MerkleTreeLeaf.parse(CtVectors.entryField(file, "leaf_input").get(index)).entry().entry();
    }

    private static byte[] extraData(String file, int index) {
        return CtVectors.entryField(file, "extra_data").get(index);
    }

    @Test
    void readsThePrecertChainEntry() throws Exception {
        ExtraData data = ExtraData.parse(extraData(CtVectors.PRECERT_AND_X509, 0), entry(CtVectors.PRECERT_AND_X509, 0));
        CtEntries.Entry independent = CtEntries.read(CtVectors.PRECERT_AND_X509).get(0);
        assertArrayEquals(independent.certificate(), data.preCertificate());
        assertEquals(3, data.chain().size(), "README: chain of 3");
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(independent.chain().get(i), data.chain().get(i));
        }
    }

    @Test
    void readsTheX509CertificateChain() throws Exception {
        ExtraData data = ExtraData.parse(extraData(CtVectors.PRECERT_AND_X509, 1), entry(CtVectors.PRECERT_AND_X509, 1));
        assertNull(data.preCertificate());
        assertEquals(2, data.chain().size(), "README: chain of 2");
        int[] fourChains = {2, 3, 3, 2};
        for (int i = 0; i < 4; i++) {
            assertEquals(fourChains[i], ExtraData.parse(extraData(CtVectors.FOUR_X509, i), entry(CtVectors.FOUR_X509, i))
                    .chain().size(), "four-x509 entry " + i);
        }
    }

    @Test
    void encodesBackToTheSameBytesForEveryRealEntry() throws Exception {
        for (String file : List.of(CtVectors.PRECERT_AND_X509, CtVectors.FOUR_X509)) {
            List<byte[]> all = CtVectors.entryField(file, "extra_data");
            for (int i = 0; i < all.size(); i++) {
                assertArrayEquals(all.get(i), ExtraData.parse(all.get(i), entry(file, i)).encode(), file + " " + i);
            }
        }
    }

    @Test
    void readingAnX509ChainAsAPrecertChainEntryFails() throws Exception {
        CtEntry precert = entry(CtVectors.PRECERT_AND_X509, 0);
        CtFormatException e = assertThrows(CtFormatException.class,
                () -> ExtraData.parse(extraData(CtVectors.PRECERT_AND_X509, 1), precert));
        assertTrue(e.getMessage().startsWith("extra_data: "), e.getMessage());
    }

    @Test
    void everyTruncationAndTrailingByteIsAFormatError() throws Exception {
        byte[] bytes = extraData(CtVectors.PRECERT_AND_X509, 0);
        CtEntry precert = entry(CtVectors.PRECERT_AND_X509, 0);
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThrows(CtFormatException.class, () -> ExtraData.parse(truncated, precert), "cut at " + cut);
        }
        CtFormatException trailing = assertThrows(CtFormatException.class,
                () -> ExtraData.parse(CtVectors.concat(bytes, new byte[] {9}), precert));
        assertEquals("extra_data: 1 trailing bytes at offset " + bytes.length + " after the PrecertChainEntry (09)",
                trailing.getMessage());
    }

    @Test
    void anEmptyCertificateInTheChainIsAFormatError() throws Exception {
        CtFormatException e = assertThrows(CtFormatException.class,
                () -> ExtraData.parse(CtVectors.hex("000003" + "000000"), new CtEntry.X509Entry(new byte[] {0x30})));
        assertEquals("extra_data: certificate_chain[0] at offset 3 has length 0, at least 1 required", e.getMessage());
    }

    @Test
    void encodesTheLayoutsOfRfc6962() {
        assertEquals("000002aabb" + "000000", CtVectors.hex(ExtraData.precert(CtVectors.hex("aabb"), List.of()).encode()));
        assertEquals("000009" + "000002aabb" + "000001cc",
                CtVectors.hex(ExtraData.x509(List.of(CtVectors.hex("aabb"), CtVectors.hex("cc"))).encode()));
        assertEquals("000002aabb" + "000004" + "000001cc",
                CtVectors.hex(ExtraData.precert(CtVectors.hex("aabb"), List.of(CtVectors.hex("cc"))).encode()));
        assertEquals("000000", CtVectors.hex(ExtraData.x509(List.of()).encode()));
    }
}
