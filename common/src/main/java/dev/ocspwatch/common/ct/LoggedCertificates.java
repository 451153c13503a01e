package dev.ocspwatch.common.ct;

import dev.ocspwatch.common.id.CertificateId;
import dev.ocspwatch.common.id.Hex;
import dev.ocspwatch.common.x509.CertificateExtensions;
import dev.ocspwatch.common.x509.CertificateInputException;
import dev.ocspwatch.common.x509.DistinguishedNames;
import dev.ocspwatch.common.x509.X509Time;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.TBSCertificate;

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
            TBSCertificate subject;
            ChainCertificate issuer = null;
            String issuerSpkiSha256;
            if (entry.entry() instanceof CtEntry.PrecertEntry precert) {
                subject = tbs(precert.tbsCertificate());
                issuerSpkiSha256 = Hex.of(precert.issuerKeyHash());
                for (int i = 0; i < chainSize && issuer == null; i++) {
                    ChainCertificate candidate = chainCertificate(chain.get(i), i);
                    if (MessageDigest.isEqual(candidate.spkiSha256(), precert.issuerKeyHash())) {
                        issuer = candidate;
                    }
                }
                if (issuer == null) {
                    throw new CtFormatException("no certificate of the chain of " + chainSize
                            + " has the issuer_key_hash " + issuerSpkiSha256 + " as its SPKI SHA-256");
                }
            } else {
                subject = certificate(((CtEntry.X509Entry) entry.entry()).certificate()).getTBSCertificate();
                if (chainSize == 0) {
                    throw new CtFormatException("x509_entry with an empty chain: no issuer");
                }
                issuer = chainCertificate(chain.get(0), 0);
                if (!issuer.subject().equals(subject.getIssuer())) {
                    throw new CtFormatException("chain certificate 0 is \"" + issuer.subjectDisplay()
                            + "\", not the issuer \"" + DistinguishedNames.display(subject.getIssuer()) + "\"");
                }
                issuerSpkiSha256 = Hex.of(issuer.spkiSha256());
            }
            Extensions extensions = subject.getExtensions();
            BigInteger serial = subject.getSerialNumber().getValue();
            return new LoggedCertificate(
                    new CertificateId(issuerSpkiSha256, serial),
                    serial,
                    issuerSpkiSha256,
                    DistinguishedNames.display(subject.getSubject()),
                    issuer.subjectDisplay(),
                    entry.precert(),
                    entry.timestamp(),
                    logIndex,
                    X509Time.instant(subject.getStartDate()),
                    X509Time.instant(subject.getEndDate()),
                    CertificateExtensions.dnsNames(extensions),
                    CertificateExtensions.access(extensions).ocspUrls(),
                    CertificateExtensions.crlUrls(extensions),
                    issuer.der());
        } catch (CtFormatException e) {
            throw e.within(prefix(logIndex));
        } catch (CertificateInputException e) {
            throw new CtFormatException(prefix(logIndex) + (entry.precert() ? "tbs_certificate: " : "certificate: ")
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CtFormatException(prefix(logIndex) + "unreadable certificate data: " + e, e);
        }
    }

    /**
     * A chain certificate, parsed once: every entry of a log names the same few issuers, and
     * parsing them again for each entry took a third of the time. Bounded; cleared when full.
     */
    private record ChainCertificate(byte[] der, X500Name subject, String subjectDisplay, byte[] spkiSha256) {
    }

    private static final int CHAIN_CACHE_LIMIT = 4096;
    private static final Map<ByteBuffer, ChainCertificate> CHAIN_CACHE = new ConcurrentHashMap<>();

    private static ChainCertificate chainCertificate(byte[] der, int position) throws CtFormatException {
        ByteBuffer key = ByteBuffer.wrap(der);
        ChainCertificate known = CHAIN_CACHE.get(key);
        if (known != null) {
            return known;
        }
        Certificate certificate;
        try {
            certificate = Certificate.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new CtFormatException("chain certificate " + position + " is not a DER X.509 certificate: " + e.getMessage(), e);
        }
        byte[] spki;
        try {
            spki = certificate.getSubjectPublicKeyInfo().getEncoded();
        } catch (IOException e) {
            throw new CtFormatException("chain certificate " + position + ": key cannot be encoded: " + e.getMessage(), e);
        }
        ChainCertificate parsed = new ChainCertificate(der, certificate.getSubject(), DistinguishedNames.display(certificate.getSubject()),
                Bytes.sha256(spki));
        if (CHAIN_CACHE.size() >= CHAIN_CACHE_LIMIT) {
            CHAIN_CACHE.clear();
        }
        CHAIN_CACHE.put(key, parsed);
        return parsed;
    }

    private static TBSCertificate tbs(byte[] der) throws CtFormatException {
        try {
            return TBSCertificate.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new CtFormatException("tbs_certificate is not a DER TBSCertificate: " + e.getMessage(), e);
        }
    }

    private static Certificate certificate(byte[] der) throws CtFormatException {
        try {
            return Certificate.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new CtFormatException("certificate is not a DER X.509 certificate: " + e.getMessage(), e);
        }
    }

    private static String prefix(long logIndex) {
        return "log index " + logIndex + ": ";
    }
}
