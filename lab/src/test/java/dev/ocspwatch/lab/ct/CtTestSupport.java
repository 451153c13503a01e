package dev.ocspwatch.lab.ct;

import dev.ocspwatch.lab.pki.CertificateProfile;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.pki.SimulatedCa;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Shared fixtures and independent expectations for the CT log tests: a small PKI that issues
 * quickly (one CA, one subject key), the poison removal done two other ways (Bouncy Castle's
 * object model, and a hand-written DER walk), SHA-256 and the Merkle Tree Hash written out from
 * RFC 6962 without production code, and the real log data shipped with the common module.
 */
final class CtTestSupport {
    static final HexFormat HEX = HexFormat.of();
    static final String POISON = "1.3.6.1.4.1.11129.2.4.3";
    /** DER of the poison OID: 06 0A 2B 06 01 04 01 D6 79 02 04 03. */
    static final byte[] POISON_OID_DER = HEX.parseHex("060a2b06010401d679020403");
    static final Instant CA_NOT_BEFORE = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant LEAF_NOT_BEFORE = Instant.parse("2025-05-31T00:00:00Z");
    /** The real CT data (the shared vectors), as the common module's tests read it, seen from the lab module. */
    static final Path VECTORS = Path.of("../common/src/test/resources/vectors/ct");

    private CtTestSupport() {
    }

    /** A root, an issuing CA under it, and one subject key for every certificate (issuing is then only a signature). */
    static final class Pki {
        final SimulatedCa root;
        final SimulatedCa intermediate;
        final KeyPair subjectKeys = KeyKind.ECDSA_P256.generate();

        Pki(String name) {
            Random random = new Random(42);
            root = SimulatedCa.root(name + " Root", KeyKind.ECDSA_P256, CA_NOT_BEFORE, random);
            intermediate = root.intermediate(name + " Issuing CA", KeyKind.ECDSA_P256, CA_NOT_BEFORE, List.of(), List.of());
        }

        CertificateProfile profile(String dnsName, List<String> ocsp, List<String> crl) {
            return new CertificateProfile(List.of(dnsName), LEAF_NOT_BEFORE, Duration.ofDays(90), ocsp, crl, List.of(), false);
        }

        X509CertificateHolder issue(CertificateProfile profile, BigInteger serial, boolean precert) {
            return intermediate.issue(profile.withPrecertificate(precert), serial, subjectKeys).certificate();
        }

        X509CertificateHolder issue(BigInteger serial, boolean precert) {
            return issue(profile("host-" + serial + ".lab.test", List.of("http://ocsp.lab.test/" + serial),
                    List.of("http://crl.lab.test/ca.crl")), serial, precert);
        }

        List<X509CertificateHolder> chain() {
            return List.of(intermediate.certificate(), root.certificate());
        }

        byte[] intermediateDer() {
            return der(intermediate.certificate());
        }

        byte[] rootDer() {
            return der(root.certificate());
        }
    }

    static byte[] der(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of the certificate's SubjectPublicKeyInfo, read by the JDK (not Bouncy Castle). */
    static byte[] spkiSha256(byte[] certificateDer) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificateDer));
            return sha256(certificate.getPublicKey().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] tbs(X509CertificateHolder certificate) {
        try {
            return certificate.toASN1Structure().getTBSCertificate().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 6962 2.1 leaf hash: SHA-256(0x00 || leaf input). */
    static byte[] leafHash(byte[] leafInput) {
        return sha256(new byte[] {0}, leafInput);
    }

    /** RFC 6962 2.1 Merkle Tree Hash, written out from the RFC. */
    static byte[] mth(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return sha256();
        }
        if (leafHashes.size() == 1) {
            return leafHashes.get(0);
        }
        int k = 1;
        while (k * 2 < leafHashes.size()) {
            k *= 2;
        }
        return sha256(new byte[] {1}, mth(leafHashes.subList(0, k)), mth(leafHashes.subList(k, leafHashes.size())));
    }

    /** The poison removal with Bouncy Castle's object model: the same TBSCertificate fields, extensions in order minus poison. */
    static byte[] withoutPoisonByBouncyCastle(byte[] tbsDer) {
        try {
            TBSCertificate tbs = TBSCertificate.getInstance(ASN1Primitive.fromByteArray(tbsDer));
            Extensions extensions = tbs.getExtensions();
            List<Extension> kept = new ArrayList<>();
            if (extensions != null) {
                for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
                    if (!oid.getId().equals(POISON)) {
                        kept.add(extensions.getExtension(oid));
                    }
                }
            }
            TBSCertificate rebuilt = new TBSCertificate(tbs.getVersion(), tbs.getSerialNumber(), tbs.getSignature(),
                    tbs.getIssuer(), tbs.getValidity(), tbs.getSubject(), tbs.getSubjectPublicKeyInfo(),
                    tbs.getIssuerUniqueId(), tbs.getSubjectUniqueId(),
                    kept.isEmpty() ? null : new Extensions(kept.toArray(new Extension[0])));
            return rebuilt.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The poison removal as a byte splice: walk the TBSCertificate's DER, copy every element as
     * it is, and inside {@code [3] Extensions} drop the Extension whose OID is the poison's (the
     * whole {@code [3]} when nothing is left, since Extensions has SIZE (1..MAX)); then re-write
     * the lengths around what changed.
     */
    static byte[] withoutPoisonBySplice(byte[] tbs) {
        Tlv outer = Tlv.at(tbs, 0);
        if (tbs[0] != 0x30 || outer.end != tbs.length) {
            throw new IllegalArgumentException("not one DER SEQUENCE");
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (int at = outer.contentStart; at < outer.end; ) {
            Tlv element = Tlv.at(tbs, at);
            if ((tbs[at] & 0xff) == 0xa3) {
                Tlv sequence = Tlv.at(tbs, element.contentStart);
                ByteArrayOutputStream kept = new ByteArrayOutputStream();
                for (int e = sequence.contentStart; e < sequence.end; ) {
                    Tlv extension = Tlv.at(tbs, e);
                    Tlv oid = Tlv.at(tbs, extension.contentStart);
                    if (!Arrays.equals(Arrays.copyOfRange(tbs, extension.contentStart, oid.end), POISON_OID_DER)) {
                        kept.write(tbs, e, extension.end - e);
                    }
                    e = extension.end;
                }
                if (kept.size() > 0) {
                    content.writeBytes(wrap(0xa3, wrap(0x30, kept.toByteArray())));
                }
            } else {
                content.write(tbs, at, element.end - at);
            }
            at = element.end;
        }
        return wrap(0x30, content.toByteArray());
    }

    private record Tlv(int contentStart, int end) {
        static Tlv at(byte[] der, int offset) {
            int first = der[offset + 1] & 0xff;
            int length;
            int start;
            if (first < 0x80) {
                length = first;
                start = offset + 2;
            } else {
                int count = first & 0x7f;
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (der[offset + 2 + i] & 0xff);
                }
                start = offset + 2 + count;
            }
            return new Tlv(start, start + length);
        }
    }

    static byte[] wrap(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] vector(String relative) {
        try {
            return Files.readAllBytes(VECTORS.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("the real CT data is missing: " + VECTORS.resolve(relative).toAbsolutePath(), e);
        }
    }
}
