package dev.ocspwatch.common.ct;

import dev.ocspwatch.common.id.Hex;
import java.util.Arrays;

/**
 * The {@code signed_entry} of a TimestampedEntry (RFC 6962 3.4), chosen by its entry_type:
 * <pre>
 * enum { x509_entry(0), precert_entry(1), (65535) } LogEntryType;
 * opaque ASN.1Cert&lt;1..2^24-1&gt;;
 * opaque TBSCertificate&lt;1..2^24-1&gt;;
 * struct {
 *   opaque issuer_key_hash[32];
 *   TBSCertificate tbs_certificate;
 * } PreCert;
 * </pre>
 * Byte arrays are not copied; treat them as immutable. Records compare by content.
 */
public sealed interface CtEntry {
    int X509_ENTRY = 0;
    int PRECERT_ENTRY = 1;

    /** The LogEntryType value on the wire. */
    int entryType();

    /** An x509_entry: the DER certificate the log holds. */
    record X509Entry(byte[] certificate) implements CtEntry {
        public X509Entry {
            requireAsn1Cert(certificate, "certificate");
        }

        @Override
        public int entryType() {
            return X509_ENTRY;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof X509Entry other && Arrays.equals(certificate, other.certificate);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(certificate);
        }

        @Override
        public String toString() {
            return "X509Entry[" + certificate.length + " bytes]";
        }
    }

    /**
     * A precert_entry: SHA-256 of the real issuer's SubjectPublicKeyInfo (not of a precertificate
     * signing CA's) and the precertificate's DER TBSCertificate without the poison extension.
     */
    record PrecertEntry(byte[] issuerKeyHash, byte[] tbsCertificate) implements CtEntry {
        public PrecertEntry {
            Bytes.requireLength(issuerKeyHash, 32, "issuer_key_hash");
            requireAsn1Cert(tbsCertificate, "tbs_certificate");
        }

        @Override
        public int entryType() {
            return PRECERT_ENTRY;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PrecertEntry other && Arrays.equals(issuerKeyHash, other.issuerKeyHash)
                    && Arrays.equals(tbsCertificate, other.tbsCertificate);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(issuerKeyHash) + Arrays.hashCode(tbsCertificate);
        }

        @Override
        public String toString() {
            return "PrecertEntry[issuerKeyHash=" + Hex.of(issuerKeyHash) + ", tbsCertificate="
                    + tbsCertificate.length + " bytes]";
        }
    }

    private static void requireAsn1Cert(byte[] der, String what) {
        if (der == null || der.length == 0 || der.length >= 1 << 24) {
            throw new IllegalArgumentException(what + " must be 1 to 2^24-1 bytes, was "
                    + (der == null ? "null" : der.length));
        }
    }
}
