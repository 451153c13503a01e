package dev.ocspwatch.common.ocsp;

import dev.ocspwatch.common.id.Hex;
import dev.ocspwatch.common.x509.IssuerCertificate;
import java.math.BigInteger;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;

/**
 * RFC 6960 4.1.1:
 * <pre>
 * CertID ::= SEQUENCE {
 *     hashAlgorithm       AlgorithmIdentifier,
 *     issuerNameHash      OCTET STRING, -- Hash of issuer's DN
 *     issuerKeyHash       OCTET STRING, -- Hash of issuer's public key
 *     serialNumber        CertificateSerialNumber }
 * </pre>
 * Hashes are lower-case hex so the record compares and serializes by value.
 */
public record CertId(CertIdHash hash, String issuerNameHash, String issuerKeyHash, BigInteger serial) {
    public CertId {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(issuerNameHash, "issuerNameHash");
        Objects.requireNonNull(issuerKeyHash, "issuerKeyHash");
        Objects.requireNonNull(serial, "serial");
    }

    /**
     * The CertID for {@code serial} under {@code issuer}. For a precertificate the issuer is the
     * real issuing CA, not a precertificate signing CA (DESIGN.md, "Identity and time").
     */
    public static CertId of(IssuerCertificate issuer, BigInteger serial, CertIdHash hash) {
        return new CertId(hash,
                Hex.of(issuer.nameHash(hash.jcaName())),
                Hex.of(issuer.keyHash(hash.jcaName())),
                serial);
    }

    public org.bouncycastle.asn1.ocsp.CertID toAsn1() {
        return new org.bouncycastle.asn1.ocsp.CertID(hash.algorithmIdentifier(),
                new DEROctetString(Hex.parse(issuerNameHash)),
                new DEROctetString(Hex.parse(issuerKeyHash)),
                new ASN1Integer(serial));
    }
}
