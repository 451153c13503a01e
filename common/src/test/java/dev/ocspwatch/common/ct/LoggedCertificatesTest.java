package dev.ocspwatch.common.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ocspwatch.common.CtEntries;
import dev.ocspwatch.common.Names;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.junit.jupiter.api.Test;

/**
 * Expected values: the vectors README (ids, timestamps, issuer names) and, for names, URLs and
 * validity, what {@code openssl x509 -noout -text} prints for the certificates in the entries.
 */
class LoggedCertificatesTest {
    private static final List<CtEntries.Entry> INDEPENDENT = CtEntries.read(CtVectors.PRECERT_AND_X509);

    private static List<RawEntry> entries(String file) throws CtFormatException {
        return GetEntriesResponse.parse(CtVectors.text(file));
    }

    private static TimestampedEntry timestampedEntry(int index) throws CtFormatException {
        return entries(CtVectors.PRECERT_AND_X509).get(index).leaf().entry();
    }

    @Test
    void aPrecertEntryIsIdentifiedByItsRealIssuer() throws Exception {
        LoggedCertificate c = LoggedCertificates.fromGetEntries(entries(CtVectors.PRECERT_AND_X509).get(0), 7);
        assertEquals(CtVectors.PRECERT_ID, c.certificateId().toString());
        assertEquals(new BigInteger("0532298C396A3E25FCAA1977E827B5F3", 16), c.serial());
        assertEquals(CtVectors.PRECERT_ISSUER_KEY_HASH, c.issuerSpkiSha256());
        assertEquals("GeoTrust EV SSL TEST CA - G4", Names.commonName(c.issuerSubject()));
        assertEquals("sdfedsf.trust", Names.commonName(c.subject()));
        assertTrue(c.precertificate());
        assertEquals(CtVectors.PRECERT_TIMESTAMP, c.timestamp());
        assertEquals(7, c.logIndex());
        assertEquals(Instant.parse("2015-02-02T00:00:00Z"), c.notBefore());
        assertEquals(Instant.parse("2016-02-27T23:59:59Z"), c.notAfter());
        assertEquals(List.of("kjasdhf.trust", "ssdfs.trust", "sdfedsf.trust", "www.sdfedsf.trust"), c.dnsNames());
        assertEquals(List.of("http://gm.symcd.com"), c.ocspUrls());
        assertEquals(List.of("http://gm.symcb.com/gm.crl"), c.crlUrls());
        assertArrayEquals(INDEPENDENT.get(0).chain().get(0), c.issuerCertificate());
    }

    @Test
    void anX509EntryIsIdentifiedByTheFirstChainCertificate() throws Exception {
        LoggedCertificate c = LoggedCertificates.fromGetEntries(entries(CtVectors.PRECERT_AND_X509).get(1), 8);
        assertEquals(CtVectors.X509_ID, c.certificateId().toString());
        assertEquals("6a5d4161f5c9b68043270b0c", c.serialHex());
        assertEquals("GlobalSign Extended Validation CA - G2 TEST", Names.commonName(c.issuerSubject()));
        assertEquals("csrcn.ssl24.jp", Names.commonName(c.subject()));
        assertFalse(c.precertificate());
        assertEquals(CtVectors.X509_TIMESTAMP, c.timestamp());
        assertEquals(Instant.parse("2014-11-13T01:58:01Z"), c.notBefore());
        assertEquals(Instant.parse("2016-11-13T01:58:01Z"), c.notAfter());
        assertEquals(List.of("csrcn.ssl24.jp"), c.dnsNames());
        assertEquals(List.of("http://ocsp2.globalsign.com/gsorganizationvalcatg2"), c.ocspUrls());
        assertEquals(List.of("http://crl.globalsign.com/gs/gsorganizationvalcatg2.crl"), c.crlUrls());
        assertArrayEquals(INDEPENDENT.get(1).chain().get(0), c.issuerCertificate());
    }

    @Test
    void readsTheFour2013Certificates() throws Exception {
        List<RawEntry> four = entries(CtVectors.FOUR_X509);
        // issuer SPKI SHA-256: openssl x509 -pubkey | openssl pkey -pubin -outform DER | sha256sum
        String[] ids = {
                "b6b95432abae57fe020cb2b74f4f9f9173c8c708afc9e732ace23279047c6d05:1484f905000000007d3c",
                "fc7b1eafe778adf9a5b28c71d7f3bdec51a7b1d615c6c64e183c26d267de3038:f63a",
                "c36c41370fa3eab517977286dff5a4ce703f020f81d570c460a5b385df7597f8:a298a5e6349fb08834b6cc9be0e8b0b672faef4",
                "486fec06830973d22027cf9d1a0207c932efcfbc325418a8ee53280da9cfb919:1121353f3deced6c539f16d45e6c2387b421"};
        for (int i = 0; i < 4; i++) {
            assertEquals(ids[i], LoggedCertificates.fromGetEntries(four.get(i), i).certificateId().toString(), "entry " + i);
        }
        LoggedCertificate google = LoggedCertificates.fromGetEntries(four.get(0), 0);
        assertEquals(List.of("mail.google.com"), google.dnsNames());
        assertFalse(google.hasOcsp(), "mail.google.com (2013) names no OCSP responder");
        assertEquals(List.of("http://www.gstatic.com/GoogleInternetAuthority/GoogleInternetAuthority.crl"), google.crlUrls());
        LoggedCertificate oxford = LoggedCertificates.fromGetEntries(four.get(3), 3);
        assertEquals(List.of("http://ocsp2.globalsign.com/gsextendvalg2"), oxford.ocspUrls());
        assertEquals(List.of("www.oxfordplayhouse.com", "oxfordplayhouse.com"), oxford.dnsNames());
        assertEquals(List.of("http://crl.globalsign.com/gs/gsextendvalg2.crl"), oxford.crlUrls());
    }

    @Test
    void aPrecertificateSigningCaBeforeTheIssuerIsSkipped() throws Exception {
        List<byte[]> chain = INDEPENDENT.get(0).chain();
        // another CA first (the x509 entry's issuer), then the real issuer
        List<byte[]> withSigningCa = List.of(INDEPENDENT.get(1).chain().get(0), chain.get(0), chain.get(1));
        LoggedCertificate c = LoggedCertificates.of(timestampedEntry(0), withSigningCa, 3);
        assertEquals(CtVectors.PRECERT_ID, c.certificateId().toString());
        assertArrayEquals(chain.get(0), c.issuerCertificate());
    }

    @Test
    void aPrecertChainWithoutTheIssuerIsRejectedNamingTheIndex() throws Exception {
        List<byte[]> chain = INDEPENDENT.get(0).chain();
        CtFormatException e = assertThrows(CtFormatException.class,
                () -> LoggedCertificates.of(timestampedEntry(0), chain.subList(1, 3), 41));
        assertEquals("log index 41: no certificate of the chain of 2 has the issuer_key_hash "
                + CtVectors.PRECERT_ISSUER_KEY_HASH + " as its SPKI SHA-256", e.getMessage());
    }

    @Test
    void anX509ChainThatDoesNotStartWithTheIssuerIsRejected() throws Exception {
        List<byte[]> chain = INDEPENDENT.get(1).chain();
        CtFormatException e = assertThrows(CtFormatException.class,
                () -> LoggedCertificates.of(timestampedEntry(1), chain.subList(1, 2), 42));
        assertTrue(e.getMessage().startsWith("log index 42: chain certificate 0 is \""), e.getMessage());
        assertTrue(e.getMessage().endsWith("not the issuer \"CN=GlobalSign Extended Validation CA - G2 TEST,O=GlobalSign nv-sa,C=BE\""),
                e.getMessage());
        assertEquals("log index 43: x509_entry with an empty chain: no issuer",
                assertThrows(CtFormatException.class, () -> LoggedCertificates.of(timestampedEntry(1), List.of(), 43))
                        .getMessage());
    }

    @Test
    void unparsableCertificatesAndTbsAreFormatErrors() throws Exception {
        TimestampedEntry garbageCert = new TimestampedEntry(1, new CtEntry.X509Entry(new byte[] {0x30, 0x03, 1, 2, 3}), new byte[0]);
        CtFormatException cert = assertThrows(CtFormatException.class,
                () -> LoggedCertificates.of(garbageCert, INDEPENDENT.get(1).chain(), 5));
        assertTrue(cert.getMessage().startsWith("log index 5: certificate is not a DER X.509 certificate"), cert.getMessage());

        TimestampedEntry garbageTbs = new TimestampedEntry(1,
                new CtEntry.PrecertEntry(CtVectors.hex(CtVectors.PRECERT_ISSUER_KEY_HASH), new byte[] {0x04, 0x00}), new byte[0]);
        CtFormatException tbs = assertThrows(CtFormatException.class,
                () -> LoggedCertificates.of(garbageTbs, INDEPENDENT.get(0).chain(), 6));
        assertTrue(tbs.getMessage().startsWith("log index 6: tbs_certificate is not a DER TBSCertificate"), tbs.getMessage());

        CtEntry.PrecertEntry real = (CtEntry.PrecertEntry) timestampedEntry(0).entry();
        TimestampedEntry trailing = new TimestampedEntry(1, new CtEntry.PrecertEntry(real.issuerKeyHash(),
                CtVectors.concat(real.tbsCertificate(), new byte[] {0})), new byte[0]);
        assertThrows(CtFormatException.class, () -> LoggedCertificates.of(trailing, INDEPENDENT.get(0).chain(), 7));

        List<byte[]> badChain = List.of(new byte[] {0x30, 0x00});
        CtFormatException chain = assertThrows(CtFormatException.class,
                () -> LoggedCertificates.of(timestampedEntry(0), badChain, 8));
        assertTrue(chain.getMessage().startsWith("log index 8: chain certificate 0 is not a DER X.509 certificate"),
                chain.getMessage());
    }

    @Test
    void aDamagedExtensionInTheTbsIsAFormatErrorNamingIt() throws Exception {
        CtEntry.PrecertEntry real = (CtEntry.PrecertEntry) timestampedEntry(0).entry();
        byte[] damaged = withExtensionValue(real.tbsCertificate(), Extension.authorityInfoAccess, CtVectors.hex("020105"));
        TimestampedEntry entry = new TimestampedEntry(1, new CtEntry.PrecertEntry(real.issuerKeyHash(), damaged), new byte[0]);
        CtFormatException e = assertThrows(CtFormatException.class,
                () -> LoggedCertificates.of(entry, INDEPENDENT.get(0).chain(), 9));
        assertTrue(e.getMessage().startsWith("log index 9: tbs_certificate: damaged authorityInfoAccess extension"), e.getMessage());
    }

    @Test
    void aDamagedLeafOrExtraDataIsAFormatErrorNamingTheIndex() throws Exception {
        RawEntry real = entries(CtVectors.PRECERT_AND_X509).get(0);
        CtFormatException leaf = assertThrows(CtFormatException.class,
                () -> LoggedCertificates.fromGetEntries(new RawEntry(new byte[] {1}, real.extraData()), 12));
        assertEquals("log index 12: MerkleTreeLeaf version 1 at offset 0 is not v1(0)", leaf.getMessage());
        CtFormatException extra = assertThrows(CtFormatException.class,
                () -> LoggedCertificates.fromGetEntries(new RawEntry(real.leafInput(), new byte[] {0}), 13));
        assertTrue(extra.getMessage().startsWith("log index 13: extra_data: "), extra.getMessage());
    }

    @Test
    void randomDamageNeverEscapesAsARuntimeException() throws Exception {
        Random random = new Random(6962);
        for (RawEntry real : entries(CtVectors.PRECERT_AND_X509)) {
            for (int round = 0; round < 400; round++) {
                byte[] leaf = real.leafInput().clone();
                byte[] extra = real.extraData().clone();
                byte[] target = random.nextBoolean() ? leaf : extra;
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    target[random.nextInt(target.length)] = (byte) random.nextInt(256);
                }
                try {
                    LoggedCertificates.fromGetEntries(new RawEntry(leaf, extra), round);
                } catch (CtFormatException expected) {
                    assertTrue(expected.getMessage().startsWith("log index " + round + ": "), expected.getMessage());
                } catch (RuntimeException e) {
                    fail("round " + round + " escaped with " + e, e);
                }
            }
        }
    }

    @Test
    void aTileLeafFindsItsIssuersByFingerprint() throws Exception {
        Map<String, byte[]> issuers = new HashMap<>();
        for (CtEntries.Entry entry : INDEPENDENT) {
            entry.chain().forEach(der -> issuers.put(CtVectors.hex(TileLeafTest.sha256(der)), der));
        }
        for (int i = 0; i < 2; i++) {
            TimestampedEntry entry = timestampedEntry(i);
            TileLeaf leaf = new TileLeaf(entry, entry.precert() ? INDEPENDENT.get(i).certificate() : null,
                    INDEPENDENT.get(i).chain().stream().map(TileLeafTest::sha256).toList());
            assertEquals(LoggedCertificates.fromGetEntries(entries(CtVectors.PRECERT_AND_X509).get(i), 100 + i),
                    LoggedCertificates.fromTileLeaf(leaf, 100 + i, issuers::get), "entry " + i);
        }
    }

    @Test
    void aRealTileEntryWhoseIssuerCannotBeFoundIsRejected() throws Exception {
        TileLeaf first = DataTile.parse(CtVectors.bytes(CtVectors.PARTIAL_DATA_TILE), 10).get(0);
        String fingerprint = first.chainFingerprintsHex().get(0);
        CtFormatException missing = assertThrows(CtFormatException.class,
                () -> LoggedCertificates.fromTileLeaf(first, 768, hex -> null));
        assertEquals("log index 768: issuer " + fingerprint + " (chain 0) is not available", missing.getMessage());
        CtFormatException failing = assertThrows(CtFormatException.class,
                () -> LoggedCertificates.fromTileLeaf(first, 768, hex -> {
                    throw new IllegalStateException("cache closed");
                }));
        assertEquals("log index 768: issuer " + fingerprint + " (chain 0) lookup failed: java.lang.IllegalStateException: cache closed",
                failing.getMessage());
        byte[] wrong = INDEPENDENT.get(0).chain().get(0);
        CtFormatException mismatch = assertThrows(CtFormatException.class,
                () -> LoggedCertificates.fromTileLeaf(first, 768, hex -> wrong));
        assertEquals("log index 768: issuer given for fingerprint " + fingerprint + " hashes to "
                + CtVectors.hex(TileLeafTest.sha256(wrong)), mismatch.getMessage());
    }

    @Test
    void aTileLeafAtTheWrongIndexIsRejected() throws Exception {
        TileLeaf first = DataTile.parse(CtVectors.bytes(CtVectors.PARTIAL_DATA_TILE), 10).get(0);
        assertEquals("log index 5: leaf_index extension says 768",
                assertThrows(CtFormatException.class, () -> LoggedCertificates.fromTileLeaf(first, 5, hex -> null))
                        .getMessage());
    }

    /** The TBSCertificate with one extension's extnValue replaced. */
    private static byte[] withExtensionValue(byte[] tbsDer, ASN1ObjectIdentifier oid, byte[] value) throws Exception {
        ASN1Sequence tbs = ASN1Sequence.getInstance(tbsDer);
        ASN1EncodableVector fields = new ASN1EncodableVector();
        for (int i = 0; i < tbs.size() - 1; i++) {
            fields.add(tbs.getObjectAt(i));
        }
        Extensions extensions = Extensions.getInstance(((ASN1TaggedObject) tbs.getObjectAt(tbs.size() - 1)).getExplicitBaseObject());
        ExtensionsGenerator generator = new ExtensionsGenerator();
        for (ASN1ObjectIdentifier id : extensions.getExtensionOIDs()) {
            if (id.equals(oid)) {
                generator.addExtension(id, false, value);
            } else {
                generator.addExtension(extensions.getExtension(id));
            }
        }
        fields.add(new DERTaggedObject(true, 3, generator.generate()));
        return new DERSequence(fields).getEncoded();
    }
}
