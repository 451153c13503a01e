package dev.ocspwatch.common.ct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code extra_data} of a get-entries element (RFC 6962 4.6, structures of 3.1): for an
 * x509_entry the {@code certificate_chain}, for a precert_entry the whole PrecertChainEntry:
 * <pre>
 * ASN.1Cert certificate_chain&lt;0..2^24-1&gt;;         -- x509_entry
 * struct {
 *   ASN.1Cert pre_certificate;
 *   ASN.1Cert precertificate_chain&lt;0..2^24-1&gt;;
 * } PrecertChainEntry;                              -- precert_entry
 * </pre>
 * {@code preCertificate} is null for an x509_entry. The chain starts with the issuer of the
 * logged (pre)certificate, which may be a precertificate signing CA.
 */
public record ExtraData(byte[] preCertificate, List<byte[]> chain) {
    public ExtraData {
        if (preCertificate != null && (preCertificate.length == 0 || preCertificate.length >= 1 << 24)) {
            throw new IllegalArgumentException("pre_certificate must be 1 to 2^24-1 bytes, was " + preCertificate.length);
        }
        chain = List.copyOf(chain);
        long total = 0;
        for (byte[] certificate : chain) {
            if (certificate.length == 0 || certificate.length >= 1 << 24) {
                throw new IllegalArgumentException("chain certificates must be 1 to 2^24-1 bytes, was " + certificate.length);
            }
            total += 3 + certificate.length;
        }
        if (total >= 1 << 24) {
            throw new IllegalArgumentException("chain of " + total + " bytes does not fit a uint24 length");
        }
    }

    public static ExtraData x509(List<byte[]> chain) {
        return new ExtraData(null, chain);
    }

    public static ExtraData precert(byte[] preCertificate, List<byte[]> chain) {
        if (preCertificate == null) {
            throw new IllegalArgumentException("a PrecertChainEntry needs its pre_certificate");
        }
        return new ExtraData(preCertificate, chain);
    }

    /** Parses the extra_data that goes with {@code entry}: its entry type decides the layout. */
    public static ExtraData parse(byte[] bytes, CtEntry entry) throws CtFormatException {
        TlsReader reader = new TlsReader(bytes);
        boolean precert = entry instanceof CtEntry.PrecertEntry;
        try {
            byte[] preCertificate = precert ? reader.opaque24("pre_certificate", 1) : null;
            String name = precert ? "precertificate_chain" : "certificate_chain";
            TlsReader list = reader.slice(reader.uint24(name + " length"), name);
            List<byte[]> chain = new ArrayList<>();
            while (list.hasRemaining()) {
                chain.add(list.opaque24(name + "[" + chain.size() + "]", 1));
            }
            reader.expectEnd(precert ? "the PrecertChainEntry" : "the certificate_chain");
            return new ExtraData(preCertificate, chain);
        } catch (CtFormatException e) {
            throw e.within("extra_data: ");
        }
    }

    public byte[] encode() {
        int size = 3 + (preCertificate == null ? 0 : 3 + preCertificate.length);
        for (byte[] certificate : chain) {
            size += 3 + certificate.length;
        }
        TlsWriter writer = new TlsWriter(size);
        if (preCertificate != null) {
            writer.opaque24(preCertificate, "pre_certificate");
        }
        int length = writer.reserve(3);
        for (byte[] certificate : chain) {
            writer.opaque24(certificate, "chain certificate");
        }
        return writer.backfillLength(length, 3, "chain").toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtraData other && Arrays.equals(preCertificate, other.preCertificate)
                && Bytes.equal(chain, other.chain);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(preCertificate) + Bytes.hash(chain);
    }

    @Override
    public String toString() {
        return "ExtraData[preCertificate=" + (preCertificate == null ? "none" : preCertificate.length + " bytes")
                + ", chain of " + chain.size() + "]";
    }
}
