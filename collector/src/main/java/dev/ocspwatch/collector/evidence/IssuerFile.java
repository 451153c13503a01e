package dev.ocspwatch.collector.evidence;

import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.common.id.Hex;
import dev.ocspwatch.common.kafka.IssuerRecord;
import dev.ocspwatch.common.x509.DistinguishedNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The issuing CA's certificate as a bundle ships it: {@code issuer.pem} at the top of the
 * folder, what {@code openssl ocsp -issuer} rebuilds requests from and checks signatures with.
 * The subject is read from the certificate itself, not from the record, so the report says what
 * {@code openssl x509 -in issuer.pem -noout -subject} will.
 *
 * @param sha256 lower-case hex SHA-256 of the DER certificate (its fingerprint)
 */
record IssuerFile(byte[] der, String sha256, String subject) {
    /** The name inside the bundle's folder, and the one every generated command uses. */
    static final String NAME = OpensslCommands.ISSUER_FILE;

    /**
     * Null when the evidence carries no issuer, or one that is not a certificate: a bad record
     * must not sink a bundle, and {@link #unreadable} lets the report say so.
     */
    static IssuerFile of(CertificateEvidence evidence) {
        IssuerRecord issuer = evidence.issuer();
        if (issuer == null) {
            return null;
        }
        try {
            byte[] der = Base64.getDecoder().decode(issuer.certificate());
            X509CertificateHolder certificate = new X509CertificateHolder(der);
            return new IssuerFile(der, Hex.of(MessageDigest.getInstance("SHA-256").digest(der)),
                    DistinguishedNames.display(certificate.getSubject()));
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** An issuer record was there, but its certificate did not parse. */
    static boolean unreadable(CertificateEvidence evidence) {
        return evidence.issuer() != null && of(evidence) == null;
    }

    /** PEM with 64-column lines and "\n" everywhere, so the same certificate always zips to the same bytes. */
    byte[] pem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII);
    }
}
