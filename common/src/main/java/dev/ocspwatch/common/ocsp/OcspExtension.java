package dev.ocspwatch.common.ocsp;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/** An extension as received: OID, criticality and the extnValue octets. */
public record OcspExtension(ASN1ObjectIdentifier oid, boolean critical, byte[] value) {
    public OcspExtension {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }
}
