package dev.ocspwatch.common.x509;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Distinguished names as people read them: RFC 4514 order (most specific first), BC's labels. */
public final class DistinguishedNames {
    private DistinguishedNames() {
    }

    public static String display(X500Name name) {
        RDN[] rdns = name.getRDNs();
        RDN[] reversed = new RDN[rdns.length];
        for (int i = 0; i < rdns.length; i++) {
            reversed[i] = rdns[rdns.length - 1 - i];
        }
        return new X500Name(BCStyle.INSTANCE, reversed).toString();
    }
}
