package dev.ocspwatch.lab.ct;

import static dev.ocspwatch.lab.ct.CtTestSupport.HEX;
import static dev.ocspwatch.lab.ct.CtTestSupport.der;
import static dev.ocspwatch.lab.ct.CtTestSupport.leafHash;
import static dev.ocspwatch.lab.ct.CtTestSupport.mth;
import static dev.ocspwatch.lab.ct.CtTestSupport.sha256;
import static dev.ocspwatch.lab.ct.CtTestSupport.spkiSha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.ct.Checkpoint;
import dev.ocspwatch.common.ct.CtEntry;
import dev.ocspwatch.common.ct.DataTile;
import dev.ocspwatch.common.ct.MerkleTree;
import dev.ocspwatch.common.ct.SignedTreeHead;
import dev.ocspwatch.common.ct.TileLeaf;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.world.ManualClock;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedCtLogTest {
    private static final Instant START = Instant.parse("2025-06-01T12:00:00.123Z");
    private static CtTestSupport.Pki pki;
    private static X509CertificateHolder certificate;
    private static X509CertificateHolder precertificate;
    private static KeyPair logKey;

    private ManualClock clock;

    @BeforeAll
    static void pki() {
        pki = new CtTestSupport.Pki("CT log test");
        BigInteger serial = new BigInteger("5eed0001", 16);
        precertificate = pki.issue(serial, true);
        certificate = pki.issue(serial, false);
        logKey = KeyKind.ECDSA_P256.generate();
    }

    @BeforeEach
    void clock() {
        clock = new ManualClock(START);
    }

    private SimulatedCtLog log(Duration mergeDelay) {
        return new SimulatedCtLog("test-log", logKey, clock, mergeDelay);
    }

    @Test
    void submissionsGetConsecutiveIndexesAndTheClocksMillisecondAsTimestamp() {
        SimulatedCtLog log = log(Duration.ZERO);
        SimulatedCtLog.Submission first = log.submit(precertificate, pki.chain(), true);
        clock.set(Instant.parse("2025-06-01T12:00:01.623Z"));
        SimulatedCtLog.Submission second = log.submit(certificate, pki.chain(), false);
        clock.advance(Duration.ofNanos(999_999)); // the same millisecond
        SimulatedCtLog.Submission third = log.submit(certificate, pki.chain(), false);

        assertEquals(new SimulatedCtLog.Submission(0, 1748779200123L), first);
        assertEquals(new SimulatedCtLog.Submission(1, 1748779201623L), second);
        assertEquals(new SimulatedCtLog.Submission(2, 1748779201623L), third);
        List<SimulatedCtLog.LogEntry> entries = log.entries(0, 10);
        assertEquals(3, entries.size());
        long[] timestamps = {1748779200123L, 1748779201623L, 1748779201623L};
        for (int i = 0; i < 3; i++) {
            assertEquals(i, entries.get(i).index());
            assertEquals(timestamps[i], entries.get(i).leaf().entry().timestamp());
            assertEquals(entries.get(i).leaf().entry(), entries.get(i).tileLeaf().entry(), "both APIs serve one TimestampedEntry");
        }
    }

    @Test
    void everyEntryCarriesTheStaticCtLeafIndexExtension() throws Exception {
        SimulatedCtLog log = log(Duration.ZERO);
        for (int i = 0; i < 258; i++) {
            log.submit(certificate, pki.chain(), false);
        }
        List<SimulatedCtLog.LogEntry> entries = log.entries(0, 258);
        // extension_type leaf_index(0), extension_data<0..2^16-1> of 5 bytes, a big-endian uint40
        assertArrayEquals(HEX.parseHex("000005" + "0000000000"), entries.get(0).leaf().entry().extensions());
        assertArrayEquals(HEX.parseHex("000005" + "00000000ff"), entries.get(255).leaf().entry().extensions());
        assertArrayEquals(HEX.parseHex("000005" + "0000000101"), entries.get(257).leaf().entry().extensions());
        for (SimulatedCtLog.LogEntry entry : entries) {
            assertEquals(entry.index(), entry.leaf().entry().ctExtensions().leafIndex().getAsLong());
            assertEquals(entry.index(), entry.tileLeaf().entry().ctExtensions().leafIndex().getAsLong());
        }
    }

    @Test
    void theLeafIndexExtensionIsByteIdenticalToARealStaticCtLogs() throws Exception {
        // navigli2025h2's first data tile holds leaves 0..255: the same indexes, so the same extension bytes
        List<TileLeaf> real = DataTile.parse(CtTestSupport.vector("static-ct/navigli2025h2/tile/data/000"), 256);
        SimulatedCtLog log = log(Duration.ZERO);
        for (int i = 0; i < 256; i++) {
            log.submit(i % 2 == 0 ? precertificate : certificate, pki.chain(), i % 2 == 0);
        }
        List<SimulatedCtLog.LogEntry> lab = log.entries(0, 256);
        for (int i = 0; i < 256; i++) {
            assertArrayEquals(real.get(i).entry().extensions(), lab.get(i).leaf().entry().extensions(), "leaf " + i);
        }
    }

    @Test
    void aPrecertEntryCarriesTheIssuerKeyHashAndTheTbsWithoutPoison() throws Exception {
        SimulatedCtLog log = log(Duration.ZERO);
        log.submit(precertificate, pki.chain(), true);
        SimulatedCtLog.LogEntry entry = log.entries(0, 1).get(0);

        CtEntry.PrecertEntry precert = assertInstanceOf(CtEntry.PrecertEntry.class, entry.leaf().entry().entry());
        assertArrayEquals(spkiSha256(pki.intermediateDer()), precert.issuerKeyHash());
        byte[] precertTbs = CtTestSupport.tbs(precertificate);
        assertArrayEquals(CtTestSupport.withoutPoisonByBouncyCastle(precertTbs), precert.tbsCertificate());
        assertArrayEquals(CtTestSupport.withoutPoisonBySplice(precertTbs), precert.tbsCertificate());
        TBSCertificate tbs = TBSCertificate.getInstance(ASN1Primitive.fromByteArray(precert.tbsCertificate()));
        assertNull(tbs.getExtensions().getExtension(new ASN1ObjectIdentifier(CtTestSupport.POISON)));
        assertEquals(new BigInteger("5eed0001", 16), tbs.getSerialNumber().getValue());
        assertEquals(precertificate.getIssuer(), tbs.getIssuer());

        assertTrue(entry.leaf().entry().precert());
        assertArrayEquals(der(precertificate), entry.preCertificate());
        assertArrayEquals(der(precertificate), entry.tileLeaf().preCertificate());
        assertEquals(List.of(HEX.formatHex(sha256(pki.intermediateDer())), HEX.formatHex(sha256(pki.rootDer()))),
                entry.tileLeaf().chainFingerprintsHex());
        assertEquals(2, entry.chain().size());
        assertArrayEquals(pki.intermediateDer(), entry.chain().get(0));
        assertArrayEquals(pki.rootDer(), entry.chain().get(1));
    }

    @Test
    void anX509EntryCarriesTheCertificate() {
        SimulatedCtLog log = log(Duration.ZERO);
        log.submit(certificate, List.of(pki.intermediate.certificate()), false);
        SimulatedCtLog.LogEntry entry = log.entries(0, 1).get(0);

        CtEntry.X509Entry x509 = assertInstanceOf(CtEntry.X509Entry.class, entry.leaf().entry().entry());
        assertArrayEquals(der(certificate), x509.certificate());
        assertFalse(entry.leaf().entry().precert());
        assertNull(entry.preCertificate());
        assertNull(entry.tileLeaf().preCertificate());
        assertEquals(List.of(HEX.formatHex(sha256(pki.intermediateDer()))), entry.tileLeaf().chainFingerprintsHex());
        assertEquals(1, entry.chain().size());
        assertArrayEquals(pki.intermediateDer(), entry.chain().get(0));
        // the leaf hash covers exactly the MerkleTreeLeaf: version v1(0), leaf_type timestamped_entry(0), the entry
        byte[] expectedLeaf = concat(new byte[] {0, 0}, ByteBuffer.allocate(8).putLong(START.toEpochMilli()).array(),
                new byte[] {0, 0}, uint24(x509.certificate().length), x509.certificate(), HEX.parseHex("0008000005" + "0000000000"));
        assertArrayEquals(expectedLeaf, entry.leaf().encode());
        assertArrayEquals(leafHash(expectedLeaf), log.leafHashes().get(0));
    }

    @Test
    void mergeDelayHidesEntriesUntilTheClockReachesTimestampPlusDelay() {
        SimulatedCtLog log = log(Duration.ofSeconds(30));
        SimulatedCtLog.Submission first = log.submit(certificate, pki.chain(), false);
        clock.advance(Duration.ofSeconds(10));
        log.submit(precertificate, pki.chain(), true);

        assertEquals(START.toEpochMilli(), first.timestamp(), "the SCT timestamp is the submission's, not the merge's");
        assertInvisible(log, 0);
        clock.set(START.plusSeconds(30).minusMillis(1));
        assertInvisible(log, 0);
        SignedTreeHead empty = log.treeHead();
        assertArrayEquals(sha256(), empty.rootHash(), "the empty tree's hash is SHA-256 of nothing");

        clock.set(START.plusSeconds(30));
        assertEquals(1, log.size());
        List<SimulatedCtLog.LogEntry> visible = log.entries(0, 10);
        assertEquals(1, visible.size());
        assertEquals(START.toEpochMilli(), visible.get(0).leaf().entry().timestamp());
        assertEquals(1, log.treeHead().treeSize());
        assertArrayEquals(leafHash(visible.get(0).leaf().encode()), log.treeHead().rootHash());
        assertEquals(1, log.leafHashes().size());
        assertEquals(List.of(), log.entries(1, 2), "the second entry is still being merged");

        clock.set(START.plusSeconds(40));
        assertEquals(2, log.size());
        assertEquals(2, log.entries(0, 10).size());
        assertEquals(2, log.treeHead().treeSize());
        assertEquals(2, log.checkpoint().size());
    }

    private static void assertInvisible(SimulatedCtLog log, long expectedSize) {
        assertEquals(expectedSize, log.size());
        assertEquals(expectedSize, log.treeHead().treeSize());
        assertEquals(expectedSize, log.checkpoint().size());
        assertEquals(List.of(), log.entries(expectedSize, expectedSize + 10));
        assertEquals(expectedSize, log.leafHashes().size());
    }

    @Test
    void theTreeHeadIsTheMerkleTreeHashOfTheVisibleLeavesSignedByTheLogKey() throws Exception {
        SimulatedCtLog log = log(Duration.ZERO);
        for (int i = 0; i < 7; i++) {
            log.submit(i % 3 == 0 ? precertificate : certificate, pki.chain(), i % 3 == 0);
            clock.advance(Duration.ofMillis(250));
        }
        SignedTreeHead head = log.treeHead();
        List<byte[]> leafHashes = new ArrayList<>();
        for (SimulatedCtLog.LogEntry entry : log.entries(0, 7)) {
            leafHashes.add(leafHash(entry.leaf().encode()));
        }
        assertEquals(7, head.treeSize());
        assertEquals(clock.millis(), head.timestamp());
        assertArrayEquals(mth(leafHashes), head.rootHash());
        assertArrayEquals(MerkleTree.rootHash(leafHashes), head.rootHash());
        assertTrue(head.verify(logKey.getPublic()));
        assertFalse(head.verify(KeyKind.ECDSA_P256.generate().getPublic()));

        // RFC 6962 3.5 TreeHeadSignature, signed with the JDK: v1(0), tree_hash(1), timestamp, tree_size, root
        byte[] signed = concat(new byte[] {0, 1}, ByteBuffer.allocate(16).putLong(head.timestamp()).putLong(7).array(), head.rootHash());
        assertEquals(4, head.signature().hashAlgorithm(), "sha256");
        assertEquals(3, head.signature().signatureAlgorithm(), "ecdsa");
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(logKey.getPublic());
        verifier.update(signed);
        assertTrue(verifier.verify(head.signature().signature()));
    }

    @Test
    void theTreeHeadIsResignedOnlyWhenTheSizeChanges() {
        SimulatedCtLog log = log(Duration.ofSeconds(5));
        log.submit(certificate, pki.chain(), false);
        clock.advance(Duration.ofSeconds(5));
        SignedTreeHead first = log.treeHead();
        assertEquals(1, first.treeSize());
        assertEquals(START.plusSeconds(5).toEpochMilli(), first.timestamp());

        clock.advance(Duration.ofMinutes(3));
        assertSame(first, log.treeHead(), "same size: the same signed head, not a new signature");
        log.submit(certificate, pki.chain(), false);
        clock.advance(Duration.ofSeconds(4));
        assertSame(first, log.treeHead(), "an entry still merging does not change the head");

        clock.advance(Duration.ofSeconds(1));
        SignedTreeHead second = log.treeHead();
        assertEquals(2, second.treeSize());
        assertEquals(clock.millis(), second.timestamp());
        assertNotEquals(first.signature(), second.signature());
        assertTrue(second.verify(logKey.getPublic()));
        clock.advance(Duration.ofSeconds(1));
        assertSame(second, log.treeHead());
    }

    @Test
    void issuersAreRetrievableByTheirFingerprint() {
        SimulatedCtLog log = log(Duration.ofHours(1));
        assertNull(log.issuer(HEX.formatHex(sha256(pki.intermediateDer()))));
        log.submit(precertificate, pki.chain(), true);
        assertArrayEquals(pki.intermediateDer(), log.issuer(HEX.formatHex(sha256(pki.intermediateDer()))));
        assertArrayEquals(pki.rootDer(), log.issuer(HEX.formatHex(sha256(pki.rootDer()))));
        assertNull(log.issuer(HEX.formatHex(sha256(der(certificate)))), "a logged leaf is not an issuer");
        assertNull(log.issuer(HEX.formatHex(new byte[32])));
    }

    @Test
    void theCheckpointCarriesTheOriginAndTheSignedTreeHead() throws Exception {
        SimulatedCtLog log = log(Duration.ZERO);
        log.submit(certificate, pki.chain(), false);
        log.submit(precertificate, pki.chain(), true);
        assertEquals("test-log", log.checkpoint().origin(), "the origin defaults to the log's name");
        log.origin("ct.lab.test/2025h2");
        Checkpoint checkpoint = Checkpoint.parse(log.checkpoint().format());
        SignedTreeHead head = log.treeHead();

        assertEquals("ct.lab.test/2025h2", checkpoint.origin());
        assertEquals(2, checkpoint.size());
        assertArrayEquals(head.rootHash(), checkpoint.rootHash());
        assertEquals(head.timestamp(), checkpoint.verify(logKey.getPublic()));
        assertArrayEquals(sha256(logKey.getPublic().getEncoded()), log.logId().bytes(), "RFC 6962: SHA-256 of the SPKI");
    }

    private static byte[] uint24(int value) {
        return new byte[] {(byte) (value >> 16), (byte) (value >> 8), (byte) value};
    }

    private static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }
}
