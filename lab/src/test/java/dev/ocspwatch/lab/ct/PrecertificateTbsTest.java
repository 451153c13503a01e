package dev.ocspwatch.lab.ct;

import static dev.ocspwatch.lab.ct.CtTestSupport.HEX;
import static dev.ocspwatch.lab.ct.CtTestSupport.POISON;
import static dev.ocspwatch.lab.ct.CtTestSupport.POISON_OID_DER;
import static dev.ocspwatch.lab.ct.CtTestSupport.tbs;
import static dev.ocspwatch.lab.ct.CtTestSupport.withoutPoisonByBouncyCastle;
import static dev.ocspwatch.lab.ct.CtTestSupport.withoutPoisonBySplice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.ct.CtEntry;
import dev.ocspwatch.common.ct.DataTile;
import dev.ocspwatch.common.ct.ExtraData;
import dev.ocspwatch.common.ct.GetEntriesResponse;
import dev.ocspwatch.common.ct.RawEntry;
import dev.ocspwatch.common.ct.TileLeaf;
import dev.ocspwatch.common.ct.TimestampedEntry;
import dev.ocspwatch.lab.pki.KeyKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrecertificateTbsTest {
    private static final ASN1ObjectIdentifier PRIVATE_EXTENSION = new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.7");
    private static KeyPair caKeys;
    private static KeyPair subjectKeys;

    @BeforeAll
    static void keys() {
        caKeys = KeyKind.ECDSA_P256.generate();
        subjectKeys = KeyKind.ECDSA_P256.generate();
    }

    /** The extensions a precertificate is built with, in this order; "poison" marks where the poison goes. */
    private static final List<String> LAYOUT = List.of("san", "basicConstraints", "private", "keyUsage");

    /**
     * A precertificate built with Bouncy Castle directly (not with the lab's CA): critical and
     * non-critical extensions, a private one, unique IDs, and the poison at {@code poisonAt}.
     */
    private static X509CertificateHolder precertificate(int poisonAt, boolean withOthers, boolean uniqueIds) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=Test Issuing CA,O=ocspwatch lab"),
                    new BigInteger("0123456789abcdef0123456789abcdef", 16), Date.from(Instant.parse("2025-05-01T00:00:00Z")),
                    Date.from(Instant.parse("2025-08-01T00:00:00Z")), new X500Name("CN=precert.lab.test"), subjectKeys.getPublic());
            if (uniqueIds) {
                builder.setIssuerUniqueID(new boolean[] {true, false, true, true, false, false, true, false, true});
                builder.setSubjectUniqueID(new boolean[] {false, true, true});
            }
            List<String> layout = new ArrayList<>(withOthers ? LAYOUT : List.of());
            layout.add(Math.min(poisonAt, layout.size()), "poison");
            for (String extension : layout) {
                switch (extension) {
                    case "san" -> builder.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.dNSName, "precert.lab.test")));
                    case "basicConstraints" -> builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    case "private" -> builder.addExtension(PRIVATE_EXTENSION, false,
                            new DEROctetString("kept as it is".getBytes(StandardCharsets.US_ASCII)));
                    case "keyUsage" -> builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    case "poison" -> builder.addExtension(new ASN1ObjectIdentifier(POISON), true, DERNull.INSTANCE);
                    default -> throw new IllegalStateException(extension);
                }
            }
            return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TBSCertificate parse(byte[] tbsDer) {
        try {
            return TBSCertificate.getInstance(ASN1Primitive.fromByteArray(tbsDer));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "poison at position {0}")
    @ValueSource(ints = {0, 2, 4})
    void removesThePoisonAndKeepsEverythingElseByteForByte(int poisonAt) {
        X509CertificateHolder precert = precertificate(poisonAt, true, true);
        byte[] original = tbs(precert);
        byte[] stripped = PrecertificateTbs.withoutPoison(precert);

        assertArrayEquals(withoutPoisonBySplice(original), stripped, "the TBS must be the original bytes minus the poison extension");
        assertArrayEquals(withoutPoisonByBouncyCastle(original), stripped);
        assertEquals(-1, indexOf(stripped, POISON_OID_DER));

        TBSCertificate before = parse(original);
        TBSCertificate after = parse(stripped);
        List<String> expectedOrder = new ArrayList<>();
        for (ASN1ObjectIdentifier oid : before.getExtensions().getExtensionOIDs()) {
            if (!oid.getId().equals(POISON)) {
                expectedOrder.add(oid.getId());
            }
        }
        List<String> order = Stream.of(after.getExtensions().getExtensionOIDs()).map(ASN1ObjectIdentifier::getId).toList();
        assertEquals(List.of("2.5.29.17", "2.5.29.19", PRIVATE_EXTENSION.getId(), "2.5.29.15"), order);
        assertEquals(expectedOrder, order);
        for (ASN1ObjectIdentifier oid : after.getExtensions().getExtensionOIDs()) {
            Extension kept = after.getExtensions().getExtension(oid);
            Extension was = before.getExtensions().getExtension(oid);
            assertEquals(was.isCritical(), kept.isCritical(), "criticality of " + oid);
            assertArrayEquals(was.getExtnValue().getOctets(), kept.getExtnValue().getOctets(), "value of " + oid);
        }
        assertTrue(after.getExtensions().getExtension(Extension.basicConstraints).isCritical());
        assertFalse(after.getExtensions().getExtension(PRIVATE_EXTENSION).isCritical());
        assertEquals(before.getSerialNumber(), after.getSerialNumber());
        assertEquals(before.getIssuer(), after.getIssuer());
        assertEquals(before.getSubject(), after.getSubject());
        assertEquals(before.getValidity(), after.getValidity());
        assertEquals(before.getSignature(), after.getSignature());
        assertEquals(before.getSubjectPublicKeyInfo(), after.getSubjectPublicKeyInfo());
        assertEquals(before.getIssuerUniqueId(), after.getIssuerUniqueId());
        assertEquals(before.getSubjectUniqueId(), after.getSubjectUniqueId());
        assertNotNull(after.getIssuerUniqueId());
        assertEquals(3, after.getVersionNumber());
    }

    @Test
    void leavesTheInputCertificateUntouched() {
        X509CertificateHolder precert = precertificate(1, true, false);
        byte[] before = CtTestSupport.der(precert);
        PrecertificateTbs.withoutPoison(precert);
        assertArrayEquals(before, CtTestSupport.der(precert));
        assertNotNull(precert.getExtension(new ASN1ObjectIdentifier(POISON)));
    }

    @Test
    void aCertificateWithoutThePoisonKeepsItsTbsExactly() {
        X509CertificateHolder precert = precertificate(1, true, true);
        X509CertificateHolder withoutPoison;
        try {
            // a certificate with the same extensions but no poison: what the final certificate's TBS looks like
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(precert).removeExtension(new ASN1ObjectIdentifier(POISON));
            withoutPoison = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertNull(withoutPoison.getExtension(new ASN1ObjectIdentifier(POISON)));
        assertArrayEquals(tbs(withoutPoison), PrecertificateTbs.withoutPoison(withoutPoison));
    }

    @Test
    void aPrecertificateWhoseOnlyExtensionIsThePoisonLosesTheExtensionsField() {
        // RFC 5280: Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension, so an empty [3] is not DER for a TBSCertificate
        X509CertificateHolder precert = precertificate(0, false, false);
        byte[] original = tbs(precert);
        byte[] stripped = PrecertificateTbs.withoutPoison(precert);

        assertArrayEquals(withoutPoisonBySplice(original), stripped);
        assertArrayEquals(withoutPoisonByBouncyCastle(original), stripped);
        assertEquals(-1, indexOf(stripped, HEX.parseHex("a3023000")), "no empty [3] { SEQUENCE {} }");
        assertNull(parse(stripped).getExtensions());
    }

    /**
     * Real logs' precert entries: the TBSCertificate each log holds is its precertificate's TBS
     * without the poison, byte for byte (checked for every precert entry of the real data whose
     * precertificate was signed by the real issuer, not by a precertificate signing CA).
     */
    @Test
    void matchesTheTbsRealLogsHoldForRealPrecertificates() throws Exception {
        List<byte[][]> pairs = new ArrayList<>(); // {pre_certificate, tbs_certificate}
        for (String tile : List.of("static-ct/navigli2025h2/tile/data/000", "static-ct/navigli2025h2/tile/data/003.p/10")) {
            int width = tile.contains(".p/") ? Integer.parseInt(tile.substring(tile.lastIndexOf('/') + 1)) : 256;
            for (TileLeaf leaf : DataTile.parse(CtTestSupport.vector(tile), width)) {
                if (leaf.entry().entry() instanceof CtEntry.PrecertEntry precert) {
                    pairs.add(new byte[][] {leaf.preCertificate(), precert.tbsCertificate()});
                }
            }
        }
        String json = new String(CtTestSupport.vector("rfc6962/get-entries-precert-and-x509.json"), StandardCharsets.UTF_8);
        for (RawEntry raw : GetEntriesResponse.parse(json)) {
            TimestampedEntry entry = raw.leaf().entry();
            if (entry.entry() instanceof CtEntry.PrecertEntry precert) {
                pairs.add(new byte[][] {ExtraData.parse(raw.extraData(), precert).preCertificate(), precert.tbsCertificate()});
            }
        }
        int checked = 0;
        for (byte[][] pair : pairs) {
            X509CertificateHolder precertificate = new X509CertificateHolder(pair[0]);
            TBSCertificate logged = parse(pair[1]);
            if (!logged.getIssuer().equals(precertificate.getIssuer())) {
                continue; // issued by a precertificate signing CA: the log rewrote the issuer, which the lab never needs
            }
            assertNotNull(precertificate.getExtension(new ASN1ObjectIdentifier(POISON)));
            assertArrayEquals(pair[1], PrecertificateTbs.withoutPoison(precertificate),
                    "real precertificate serial " + precertificate.getSerialNumber().toString(16));
            checked++;
        }
        assertTrue(checked >= 10, "real precert entries checked: " + checked + " of " + pairs.size());
    }

    @Test
    void theIndependentRemovalsAgreeWithEachOtherOnRealPrecertificates() throws Exception {
        // guards the two expectations above: they must reproduce what a real log did, without the production code
        int checked = 0;
        for (TileLeaf leaf : DataTile.parse(CtTestSupport.vector("static-ct/navigli2025h2/tile/data/000"), 256)) {
            if (leaf.entry().entry() instanceof CtEntry.PrecertEntry precert) {
                byte[] original = tbs(new X509CertificateHolder(leaf.preCertificate()));
                if (!parse(precert.tbsCertificate()).getIssuer().equals(parse(original).getIssuer())) {
                    continue;
                }
                assertArrayEquals(precert.tbsCertificate(), withoutPoisonBySplice(original));
                assertArrayEquals(precert.tbsCertificate(), withoutPoisonByBouncyCastle(original));
                checked++;
            }
        }
        assertTrue(checked >= 10, "checked " + checked);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
