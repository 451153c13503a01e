package dev.ocspwatch.lab.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Base64;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * PEM text of the lab's certificates and keys, as OpenSSL and people read them. Private keys are
 * written as PKCS#8 ({@code PRIVATE KEY}), which every OpenSSL 3 reads for RSA and EC alike.
 */
public final class Pem {
    private Pem() {
    }

    /** Certificates (X509CertificateHolder), CRLs, keys: one PEM block each, in order. */
    public static String of(Object... objects) {
        StringBuilder text = new StringBuilder();
        for (Object object : objects) {
            if (object instanceof PrivateKey key) {
                text.append("-----BEGIN PRIVATE KEY-----\n")
                        .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded()))
                        .append("\n-----END PRIVATE KEY-----\n");
                continue;
            }
            StringWriter block = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(block)) {
                writer.writeObject(object);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            text.append(block);
        }
        return text.toString();
    }

    /** Writes {@link #of} to {@code file} and returns it. */
    public static Path write(Path file, Object... objects) {
        try {
            return Files.writeString(file, of(objects));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
