package dev.ocspwatch.common.ct;

import dev.ocspwatch.common.id.CertificateId;
import dev.ocspwatch.common.id.Hex;
import dev.ocspwatch.common.x509.CertificateInfo;
import dev.ocspwatch.common.x509.CertificateInputException;
import dev.ocspwatch.common.x509.DistinguishedNames;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Turns a parsed log entry and its chain into the {@link LoggedCertificate} discovery publishes.
 * The issuer is, for an x509_entry, the chain's first certificate (whose subject must be the
 * certificate's issuer); for a precert_entry, the chain certificate whose SPKI SHA-256 equals
 * the entry's issuer_key_hash (RFC 6962 3.2: a precertificate signing CA may sit in between).
 * Certificate facts come from the x509_entry's certificate or the precert_entry's TBSCertificate.
 * Every failure is a CtFormatException whose message starts with {@code "log index N: "}.
 */
public final class LoggedCertificates {
    private LoggedCertificates() {
    }

    /** An RFC 6962 get-entries element: leaf_input plus extra_data's chain. */
    public static LoggedCertificate fromGetEntries(RawEntry raw, long logIndex) throws CtFormatException {
        try {
            TimestampedEntry entry = raw.leaf().entry();
            return of(entry, ExtraData.parse(raw.extraData(), entry.entry()).chain(), logIndex);
        } catch (CtFormatException e) {
            throw e.getMessage().startsWith(prefix(logIndex)) ? e : e.within(prefix(logIndex));
        }
    }

    /**
     * A static-ct-api TileLeaf; issuers come from {@code issuers}, which maps a lower-case hex
     * fingerprint to the DER served at {@code issuer/<fingerprint>} (null when it is not known).
     * A leaf_index extension, if present, must equal {@code logIndex}.
     */
    public static LoggedCertificate fromTileLeaf(TileLeaf leaf, long logIndex, Function<String, byte[]> issuers)
            throws CtFormatException {
        OptionalLong leafIndex;
        try {
            leafIndex = leaf.entry().ctExtensions().leafIndex();
        } catch (CtFormatException e) {
            throw e.within(prefix(logIndex) + "extensions: ");
        }
        if (leafIndex.isPresent() && leafIndex.getAsLong() != logIndex) {
            throw new CtFormatException(prefix(logIndex) + "leaf_index extension says " + leafIndex.getAsLong());
        }
        List<byte[]> fingerprints = leaf.chainFingerprints();
        return build(leaf.entry(), fingerprints.size(), i -> {
            String hex = Hex.of(fingerprints.get(i));
            byte[] der;
            try {
                der = issuers.apply(hex);
            } catch (RuntimeException e) {
                throw new CtFormatException("issuer " + hex + " (chain " + i + ") lookup failed: " + e, e);
            }
            if (der == null) {
                throw new CtFormatException("issuer " + hex + " (chain " + i + ") is not available");
            }
            if (!IssuerPath.matches(fingerprints.get(i), der)) {
                throw new CtFormatException("issuer given for fingerprint " + hex + " hashes to "
                        + Hex.of(Bytes.sha256(der)));
            }
            return der;
        }, logIndex);
    }

    /** An entry with its chain of DER certificates, issuer first. */
    public static LoggedCertificate of(TimestampedEntry entry, List<byte[]> chain, long logIndex) throws CtFormatException {
        return build(entry, chain.size(), chain::get, logIndex);
    }

    private interface Chain {
        byte[] get(int i) throws CtFormatException;
    }

    private static LoggedCertificate build(TimestampedEntry entry, int chainSize, Chain chain, long logIndex)
            throws CtFormatException {
        try {
            X509CertificateHolder subject;
            X509CertificateHolder issuer = null;
            byte[] issuerDer = null;
            String issuerSpkiSha256;
            if (entry.entry() instanceof CtEntry.PrecertEntry precert) {
                subject = fromTbs(precert.tbsCertificate());
                issuerSpkiSha256 = Hex.of(precert.issuerKeyHash());
                for (int i = 0; i < chainSize && issuer == null; i++) {
                    byte[] der = chain.get(i);
                    X509CertificateHolder candidate = certificate(der, "chain certificate " + i);
                    if (MessageDigest.isEqual(spkiSha256(candidate), precert.issuerKeyHash())) {
                        issuer = candidate;
                        issuerDer = der;
                    }
                }
                if (issuer == null) {
                    throw new CtFormatException("no certificate of the chain of " + chainSize
                            + " has the issuer_key_hash " + issuerSpkiSha256 + " as its SPKI SHA-256");
                }
            } else {
                byte[] der = ((CtEntry.X509Entry) entry.entry()).certificate();
                subject = certificate(der, "certificate");
                if (chainSize == 0) {
                    throw new CtFormatException("x509_entry with an empty chain: no issuer");
                }
                issuerDer = chain.get(0);
                issuer = certificate(issuerDer, "chain certificate 0");
                if (!issuer.getSubject().equals(subject.getIssuer())) {
                    throw new CtFormatException("chain certificate 0 is \"" + DistinguishedNames.display(issuer.getSubject())
                            + "\", not the issuer \"" + DistinguishedNames.display(subject.getIssuer()) + "\"");
                }
                issuerSpkiSha256 = Hex.of(spkiSha256(issuer));
            }
            CertificateInfo info = CertificateInfo.of(subject);
            return new LoggedCertificate(
                    new CertificateId(issuerSpkiSha256, subject.getSerialNumber()),
                    subject.getSerialNumber(),
                    issuerSpkiSha256,
                    info.subject(),
                    DistinguishedNames.display(issuer.getSubject()),
                    entry.precert(),
                    entry.timestamp(),
                    logIndex,
                    info.notBefore(),
                    info.notAfter(),
                    info.dnsNames(),
                    info.ocspUrls(),
                    info.crlUrls(),
                    issuerDer);
        } catch (CtFormatException e) {
            throw e.within(prefix(logIndex));
        } catch (CertificateInputException e) {
            throw new CtFormatException(prefix(logIndex) + (entry.precert() ? "tbs_certificate: " : "certificate: ")
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CtFormatException(prefix(logIndex) + "unreadable certificate data: " + e, e);
        }
    }

    /** A TBSCertificate wrapped as a certificate with an empty signature, so CertificateInfo can read it. */
    private static X509CertificateHolder fromTbs(byte[] der) throws CtFormatException {
        TBSCertificate tbs;
        try {
            tbs = TBSCertificate.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new CtFormatException("tbs_certificate is not a DER TBSCertificate: " + e.getMessage(), e);
        }
        ASN1EncodableVector v = new ASN1EncodableVector(3);
        v.add(tbs);
        v.add(tbs.getSignature());
        v.add(new DERBitString(new byte[0]));
        return new X509CertificateHolder(Certificate.getInstance(new DERSequence(v)));
    }

    private static X509CertificateHolder certificate(byte[] der, String what) throws CtFormatException {
        try {
            return new X509CertificateHolder(Certificate.getInstance(ASN1Primitive.fromByteArray(der)));
        } catch (IOException | RuntimeException e) {
            throw new CtFormatException(what + " is not a DER X.509 certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] spkiSha256(X509CertificateHolder certificate) throws CtFormatException {
        try {
            return Bytes.sha256(certificate.getSubjectPublicKeyInfo().getEncoded());
        } catch (IOException e) {
            throw new CtFormatException("certificate key cannot be encoded: " + e.getMessage(), e);
        }
    }

    private static String prefix(long logIndex) {
        return "log index " + logIndex + ": ";
    }
}
