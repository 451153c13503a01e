package dev.ocspwatch.common.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.Vectors;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

class DistinguishedNamesTest {
    @Test
    void showsTheMostSpecificAttributeFirst() {
        // encoded order C, O, CN (as X.500 stores it); people read CN first (RFC 4514)
        X500Name name = Vectors.certificate("certs/gts-ca-1c3.pem").getSubject();
        assertEquals("C=US,O=Google Trust Services LLC,CN=GTS CA 1C3", name.toString());
        assertEquals("CN=GTS CA 1C3,O=Google Trust Services LLC,C=US", DistinguishedNames.display(name));
    }

    @Test
    void escapesSpecialCharactersAndKeepsMultiValuedRdns() {
        String shown = DistinguishedNames.display(new X500Name("O=Org,CN=a\\,b+OU=x"));
        // the attributes of one RDN stay together (their order is the DER SET order), the RDNs reverse
        assertTrue(shown.equals("CN=a\\,b+OU=x,O=Org") || shown.equals("OU=x+CN=a\\,b,O=Org"), shown);
    }

    @Test
    void showsAnEmptyName() {
        assertEquals("", DistinguishedNames.display(new X500Name(new org.bouncycastle.asn1.x500.RDN[0])));
    }
}
