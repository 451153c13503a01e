package dev.ocspwatch.common.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.CtEntries;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimestampedEntryTest {
    /** leaf_input without its 2-byte MerkleTreeLeaf header (version, leaf_type). */
    private static byte[] timestampedEntry(String file, int index) {
        byte[] leaf = CtVectors.entryField(file, "leaf_input").get(index);
        return Arrays.copyOfRange(leaf, 2, leaf.length);
    }

    @Test
    void readsTheRealPrecertEntry() throws Exception {
        TimestampedEntry entry = TimestampedEntry.parse(timestampedEntry(CtVectors.PRECERT_AND_X509, 0));
        assertEquals(CtVectors.PRECERT_TIMESTAMP, entry.timestamp());
        assertTrue(entry.precert());
        CtEntry.PrecertEntry precert = assertInstanceOf(CtEntry.PrecertEntry.class, entry.entry());
        assertEquals(CtVectors.PRECERT_ISSUER_KEY_HASH, CtVectors.hex(precert.issuerKeyHash()));
        assertEquals(1146, precert.tbsCertificate().length, "README: TBSCertificate 1146 bytes");
        assertEquals(0, entry.extensions().length, "README: extensions empty");
        assertEquals(List.of(), entry.ctExtensions().extensions());
    }

    @Test
    void readsTheRealX509EntryAndItsCertificate() throws Exception {
        TimestampedEntry entry = TimestampedEntry.parse(timestampedEntry(CtVectors.PRECERT_AND_X509, 1));
        assertEquals(CtVectors.X509_TIMESTAMP, entry.timestamp());
        assertFalse(entry.precert());
        CtEntry.X509Entry x509 = assertInstanceOf(CtEntry.X509Entry.class, entry.entry());
        // the independent test reader's view of the same certificate
        assertArrayEquals(CtEntries.read(CtVectors.PRECERT_AND_X509).get(1).certificate(), x509.certificate());
    }

    @Test
    void encodesBackToTheSameBytesForEveryRealEntry() throws Exception {
        for (String file : List.of(CtVectors.PRECERT_AND_X509, CtVectors.FOUR_X509)) {
            for (byte[] leaf : CtVectors.entryField(file, "leaf_input")) {
                byte[] bytes = Arrays.copyOfRange(leaf, 2, leaf.length);
                assertArrayEquals(bytes, TimestampedEntry.parse(bytes).encode(), file);
            }
        }
    }

    @Test
    void everyTruncationIsAFormatErrorNeverACrash() {
        byte[] bytes = timestampedEntry(CtVectors.PRECERT_AND_X509, 0);
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThrows(CtFormatException.class, () -> TimestampedEntry.parse(truncated), "cut at " + cut);
        }
    }

    @Test
    void namesTheFieldThatWasCut() {
        byte[] bytes = timestampedEntry(CtVectors.PRECERT_AND_X509, 0);
        CtFormatException e = assertThrows(CtFormatException.class,
                () -> TimestampedEntry.parse(Arrays.copyOf(bytes, 100)));
        // 8 timestamp + 2 entry_type + 32 issuer_key_hash: the TBS length sits at offset 42
        assertEquals("tbs_certificate at offset 42 declares 1146 bytes, only 55 left", e.getMessage());
    }

    @Test
    void refusesTrailingBytes() {
        byte[] bytes = CtVectors.concat(timestampedEntry(CtVectors.PRECERT_AND_X509, 1), new byte[] {7});
        CtFormatException e = assertThrows(CtFormatException.class, () -> TimestampedEntry.parse(bytes));
        assertEquals("1 trailing bytes at offset " + (bytes.length - 1) + " after the TimestampedEntry (07)", e.getMessage());
    }

    @Test
    void refusesAnUnknownEntryType() {
        byte[] bytes = timestampedEntry(CtVectors.PRECERT_AND_X509, 1);
        bytes[9] = 2;
        CtFormatException e = assertThrows(CtFormatException.class, () -> TimestampedEntry.parse(bytes));
        assertEquals("entry_type 2 at offset 8 is neither x509_entry(0) nor precert_entry(1)", e.getMessage());
    }

    @Test
    void refusesAnEmptyCertificate() {
        byte[] bytes = CtVectors.hex("0000014b4981f0c8" + "0000" + "000000" + "0000");
        CtFormatException e = assertThrows(CtFormatException.class, () -> TimestampedEntry.parse(bytes));
        assertEquals("certificate at offset 10 has length 0, at least 1 required", e.getMessage());
    }

    @Test
    void refusesATimestampBeyondTheLongRange() {
        byte[] bytes = timestampedEntry(CtVectors.PRECERT_AND_X509, 1);
        bytes[0] = (byte) 0x80;
        assertThrows(CtFormatException.class, () -> TimestampedEntry.parse(bytes));
    }

    @Test
    void encodesAConstructedEntryAsTheSpecLaysItOut() {
        TimestampedEntry entry = new TimestampedEntry(0x0102030405060708L,
                new CtEntry.X509Entry(CtVectors.hex("3000")), CtExtensions.ofLeafIndex(9).encode());
        assertEquals("0102030405060708" + "0000" + "000002" + "3000" + "0008" + "00" + "0005" + "0000000009",
                CtVectors.hex(entry.encode()));
    }

    @Test
    void comparesByContent() throws Exception {
        byte[] bytes = timestampedEntry(CtVectors.PRECERT_AND_X509, 0);
        assertEquals(TimestampedEntry.parse(bytes), TimestampedEntry.parse(bytes.clone()));
    }
}
