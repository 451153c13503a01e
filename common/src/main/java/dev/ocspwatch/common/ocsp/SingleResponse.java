package dev.ocspwatch.common.ocsp;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * One SingleResponse (RFC 6960 4.2.1) as received:
 * <pre>
 * SingleResponse ::= SEQUENCE {
 *    certID                       CertID,
 *    certStatus                   CertStatus,
 *    thisUpdate                   GeneralizedTime,
 *    nextUpdate         [0]       EXPLICIT GeneralizedTime OPTIONAL,
 *    singleExtensions   [1]       EXPLICIT Extensions OPTIONAL }
 * RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime, revocationReason [0] EXPLICIT CRLReason OPTIONAL }
 * </pre>
 * The CertID hash algorithm is kept as an OID because a response may use one we do not know.
 */
public record SingleResponse(
        ASN1ObjectIdentifier hashAlgorithm,
        byte[] issuerNameHash,
        byte[] issuerKeyHash,
        BigInteger serial,
        CertStatus status,
        Instant revocationTime,
        Integer revocationReason,
        Instant thisUpdate,
        Instant nextUpdate,
        List<OcspExtension> extensions) {

    public SingleResponse {
        issuerNameHash = issuerNameHash.clone();
        issuerKeyHash = issuerKeyHash.clone();
        extensions = List.copyOf(extensions);
    }

    /** "sha1", "sha256", ... or the OID when it is not one of {@link CertIdHash}. */
    public String hashAlgorithmName() {
        return CertIdHash.fromOid(hashAlgorithm).map(h -> h.name().toLowerCase(java.util.Locale.ROOT))
                .orElse(hashAlgorithm.getId());
    }

    @Override
    public byte[] issuerNameHash() {
        return issuerNameHash.clone();
    }

    @Override
    public byte[] issuerKeyHash() {
        return issuerKeyHash.clone();
    }
}
