package dev.ocspwatch.common.ct;

import java.util.Arrays;
import java.util.Objects;

/**
 * RFC 6962 3.4, the part of a MerkleTreeLeaf (and of a static-ct-api TileLeaf) the log signs:
 * <pre>
 * struct {
 *   uint64 timestamp;
 *   LogEntryType entry_type;
 *   select(entry_type) {
 *     case x509_entry: ASN.1Cert;
 *     case precert_entry: PreCert;
 *   } signed_entry;
 *   CtExtensions extensions;          -- opaque CtExtensions&lt;0..2^16-1&gt;
 * } TimestampedEntry;
 * </pre>
 * The timestamp is milliseconds since the epoch, the SCT's. Extensions are kept as the raw bytes
 * (opaque in RFC 6962; static-ct-api gives them a structure, read with {@link #ctExtensions()}).
 */
public record TimestampedEntry(long timestamp, CtEntry entry, byte[] extensions) {
    public TimestampedEntry {
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must not be negative: " + timestamp);
        }
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(extensions, "extensions");
        if (extensions.length > 0xffff) {
            throw new IllegalArgumentException("extensions must be at most 65535 bytes, was " + extensions.length);
        }
    }

    public static TimestampedEntry parse(byte[] bytes) throws CtFormatException {
        TlsReader reader = new TlsReader(bytes);
        TimestampedEntry entry = read(reader);
        reader.expectEnd("the TimestampedEntry");
        return entry;
    }

    static TimestampedEntry read(TlsReader reader) throws CtFormatException {
        long timestamp = reader.uint64("timestamp");
        int typeAt = reader.position();
        int type = reader.uint16("entry_type");
        CtEntry entry;
        if (type == CtEntry.X509_ENTRY) {
            entry = new CtEntry.X509Entry(reader.opaque24("certificate", 1));
        } else if (type == CtEntry.PRECERT_ENTRY) {
            byte[] issuerKeyHash = reader.fixed(32, "issuer_key_hash");
            entry = new CtEntry.PrecertEntry(issuerKeyHash, reader.opaque24("tbs_certificate", 1));
        } else {
            throw new CtFormatException("entry_type " + type + " at offset " + typeAt
                    + " is neither x509_entry(0) nor precert_entry(1)");
        }
        return new TimestampedEntry(timestamp, entry, reader.opaque16("extensions", 0));
    }

    public byte[] encode() {
        TlsWriter writer = new TlsWriter(sizeHint());
        writeTo(writer);
        return writer.toByteArray();
    }

    void writeTo(TlsWriter writer) {
        writer.uint64(timestamp, "timestamp").uint16(entry.entryType(), "entry_type");
        if (entry instanceof CtEntry.X509Entry x509) {
            writer.opaque24(x509.certificate(), "certificate");
        } else if (entry instanceof CtEntry.PrecertEntry precert) {
            writer.fixed(precert.issuerKeyHash()).opaque24(precert.tbsCertificate(), "tbs_certificate");
        }
        writer.opaque16(extensions, "extensions");
    }

    int sizeHint() {
        int body = entry instanceof CtEntry.X509Entry x509 ? x509.certificate().length
                : 32 + ((CtEntry.PrecertEntry) entry).tbsCertificate().length;
        return 8 + 2 + 3 + body + 2 + extensions.length;
    }

    /** The extensions read as static-ct-api CtExtensions (where leaf_index lives). */
    public CtExtensions ctExtensions() throws CtFormatException {
        return CtExtensions.parse(extensions);
    }

    public boolean precert() {
        return entry instanceof CtEntry.PrecertEntry;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimestampedEntry other && timestamp == other.timestamp && entry.equals(other.entry)
                && Arrays.equals(extensions, other.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestamp, entry) * 31 + Arrays.hashCode(extensions);
    }

    @Override
    public String toString() {
        return "TimestampedEntry[timestamp=" + timestamp + ", entry=" + entry + ", extensions="
                + extensions.length + " bytes]";
    }
}
