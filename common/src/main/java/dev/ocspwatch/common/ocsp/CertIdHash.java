package dev.ocspwatch.common.ocsp;

import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/** Hash algorithms a CertID may use (RFC 6960 4.1.1 hashAlgorithm). SHA-1 is what RFC 5019 clients send. */
public enum CertIdHash {
    SHA1("1.3.14.3.2.26", "SHA-1"),
    SHA224("2.16.840.1.101.3.4.2.4", "SHA-224"),
    SHA256("2.16.840.1.101.3.4.2.1", "SHA-256"),
    SHA384("2.16.840.1.101.3.4.2.2", "SHA-384"),
    SHA512("2.16.840.1.101.3.4.2.3", "SHA-512");

    private final ASN1ObjectIdentifier oid;
    private final String jcaName;

    CertIdHash(String oid, String jcaName) {
        this.oid = new ASN1ObjectIdentifier(oid);
        this.jcaName = jcaName;
    }

    public String jcaName() {
        return jcaName;
    }

    /** With explicit NULL parameters, as OpenSSL, Go and Bouncy Castle all encode it. */
    public AlgorithmIdentifier algorithmIdentifier() {
        return new AlgorithmIdentifier(oid, DERNull.INSTANCE);
    }

    public static Optional<CertIdHash> fromOid(ASN1ObjectIdentifier oid) {
        for (CertIdHash hash : values()) {
            if (hash.oid.equals(oid)) {
                return Optional.of(hash);
            }
        }
        return Optional.empty();
    }
}
