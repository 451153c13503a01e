package dev.ocspwatch.common.ct;

import dev.ocspwatch.common.id.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a static-ct-api data tile:
 * <pre>
 * struct {
 *   TimestampedEntry timestamped_entry;
 *   select (entry_type) {
 *     case x509_entry: Empty;
 *     case precert_entry: ASN.1Cert pre_certificate;
 *   };
 *   Fingerprint certificate_chain&lt;0..2^16-1&gt;;
 * } TileLeaf;
 * opaque Fingerprint[32];
 * </pre>
 * {@code preCertificate} is null for an x509_entry; the fingerprints are SHA-256 of the issuers'
 * DER, served at {@code issuer/<hex>}.
 */
public record TileLeaf(TimestampedEntry entry, byte[] preCertificate, List<byte[]> chainFingerprints) {
    private static final int MAX_FINGERPRINTS = 0xffff / 32;

    public TileLeaf {
        Objects.requireNonNull(entry, "entry");
        if (entry.precert() != (preCertificate != null)) {
            throw new IllegalArgumentException(entry.precert()
                    ? "a precert_entry needs its pre_certificate" : "an x509_entry has no pre_certificate");
        }
        if (preCertificate != null && (preCertificate.length == 0 || preCertificate.length >= 1 << 24)) {
            throw new IllegalArgumentException("pre_certificate must be 1 to 2^24-1 bytes, was " + preCertificate.length);
        }
        chainFingerprints = List.copyOf(chainFingerprints);
        if (chainFingerprints.size() > MAX_FINGERPRINTS) {
            throw new IllegalArgumentException("at most " + MAX_FINGERPRINTS + " chain fingerprints fit, got "
                    + chainFingerprints.size());
        }
        for (byte[] fingerprint : chainFingerprints) {
            Bytes.requireLength(fingerprint, 32, "chain fingerprint");
        }
    }

    /** One TileLeaf that must fill {@code bytes} exactly. */
    public static TileLeaf parse(byte[] bytes) throws CtFormatException {
        TlsReader reader = new TlsReader(bytes);
        TileLeaf leaf = read(reader);
        reader.expectEnd("the TileLeaf");
        return leaf;
    }

    static TileLeaf read(TlsReader reader) throws CtFormatException {
        TimestampedEntry entry = TimestampedEntry.read(reader);
        byte[] preCertificate = entry.precert() ? reader.opaque24("pre_certificate", 1) : null;
        int at = reader.position();
        int length = reader.uint16("certificate_chain length");
        if (length % 32 != 0) {
            throw new CtFormatException("certificate_chain at offset " + at + " has length " + length
                    + ", not a multiple of 32-byte fingerprints");
        }
        TlsReader chain = reader.slice(length, "certificate_chain");
        List<byte[]> fingerprints = new ArrayList<>(length / 32);
        while (chain.hasRemaining()) {
            fingerprints.add(chain.fixed(32, "fingerprint"));
        }
        return new TileLeaf(entry, preCertificate, fingerprints);
    }

    public byte[] encode() {
        TlsWriter writer = new TlsWriter(sizeHint());
        writeTo(writer);
        return writer.toByteArray();
    }

    void writeTo(TlsWriter writer) {
        entry.writeTo(writer);
        if (preCertificate != null) {
            writer.opaque24(preCertificate, "pre_certificate");
        }
        writer.uint16(32 * chainFingerprints.size(), "certificate_chain length");
        for (byte[] fingerprint : chainFingerprints) {
            writer.fixed(fingerprint);
        }
    }

    int sizeHint() {
        return entry.sizeHint() + (preCertificate == null ? 0 : 3 + preCertificate.length)
                + 2 + 32 * chainFingerprints.size();
    }

    /** The leaf hash of this entry: SHA-256(0x00 || MerkleTreeLeaf{v1, timestamped_entry}). */
    public byte[] leafHash() {
        return new MerkleTreeLeaf(entry).leafHash();
    }

    /** The fingerprints as lower-case hex, the form of {@code issuer/<hex>} paths. */
    public List<String> chainFingerprintsHex() {
        return chainFingerprints.stream().map(Hex::of).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TileLeaf other && entry.equals(other.entry)
                && Arrays.equals(preCertificate, other.preCertificate)
                && Bytes.equal(chainFingerprints, other.chainFingerprints);
    }

    @Override
    public int hashCode() {
        return (entry.hashCode() * 31 + Arrays.hashCode(preCertificate)) * 31 + Bytes.hash(chainFingerprints);
    }

    @Override
    public String toString() {
        return "TileLeaf[entry=" + entry + ", preCertificate="
                + (preCertificate == null ? "none" : preCertificate.length + " bytes")
                + ", chainFingerprints=" + chainFingerprintsHex() + "]";
    }
}
