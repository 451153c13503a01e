package dev.ocspwatch.common.x509;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.Vectors;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DerSliceTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void cutsTheTbsCertificateAsTheJdkSeesIt() throws Exception {
        for (String file : new String[] {"certs/verisign-facebook-leaf.der", "certs/gts-root-r1.pem"}) {
            byte[] der = Vectors.certificate(file).getEncoded();
            X509Certificate jdk = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            assertArrayEquals(jdk.getTBSCertificate(), DerSlice.firstElementOfSequence(der), file);
        }
    }

    @Test
    void handlesShortAndLongFormLengths() {
        assertArrayEquals(HEX.parseHex("020105"), DerSlice.firstElementOfSequence(HEX.parseHex("3006020105020106")));
        byte[] big = new byte[300];
        byte[] der = new byte[4 + 4 + 300];
        System.arraycopy(HEX.parseHex("3082013004820128"), 0, der, 0, 8);
        System.arraycopy(big, 0, der, 8, 296);
        byte[] inner = DerSlice.firstElementOfSequence(Arrays.copyOf(der, 4 + 4 + 296));
        assertArrayEquals(Arrays.copyOfRange(der, 4, 4 + 4 + 296), inner);
    }

    @Test
    void refusesWhatIsNotASequence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DerSlice.firstElementOfSequence(HEX.parseHex("0403010203")));
        assertTrue(e.getMessage().contains("SEQUENCE"), e.getMessage());
    }

    @Test
    void refusesTruncatedElements() {
        assertThrows(IllegalArgumentException.class, () -> DerSlice.firstElementOfSequence(HEX.parseHex("30")));
        assertThrows(IllegalArgumentException.class, () -> DerSlice.firstElementOfSequence(HEX.parseHex("3006020505")));
        assertThrows(IllegalArgumentException.class, () -> DerSlice.firstElementOfSequence(HEX.parseHex("300430820101")));
        assertThrows(IllegalArgumentException.class, () -> DerSlice.firstElementOfSequence(HEX.parseHex("3080020100")), "indefinite length");
    }
}
