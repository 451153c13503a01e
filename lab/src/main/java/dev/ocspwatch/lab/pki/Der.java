package dev.ocspwatch.lab.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.bouncycastle.cert.X509CertificateHolder;

/** DER bytes of the lab's own certificates, which always encode (no checked exception to carry). */
public final class Der {
    private Der() {
    }

    public static byte[] of(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The DER SubjectPublicKeyInfo. */
    public static byte[] spki(X509CertificateHolder certificate) {
        try {
            return certificate.getSubjectPublicKeyInfo().getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
