package dev.ocspwatch.agent.prober;

import dev.ocspwatch.common.kafka.IssuerRecord;
import dev.ocspwatch.common.x509.CertificateInputException;
import dev.ocspwatch.common.x509.IssuerCertificate;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The issuing CAs the prober knows, from the compacted {@code ocspwatch.issuers}, by SHA-256 of
 * their SubjectPublicKeyInfo: what a CertID is built from and a response's signature checked
 * against. An issuer record whose certificate does not hash to its key is refused (a CertID
 * built from it would ask about the wrong CA).
 */
final class IssuerDirectory {
    private final Map<String, IssuerCertificate> issuers = new ConcurrentHashMap<>();

    /** Reads one record; returns why it was refused, or null. Thread-safe. */
    String put(String key, IssuerRecord record) {
        if (record == null) {
            return "empty record for issuer " + key;
        }
        IssuerCertificate issuer;
        try {
            issuer = IssuerCertificate.of(new X509CertificateHolder(Base64.getDecoder().decode(record.certificate())));
        } catch (IOException | IllegalArgumentException | CertificateInputException e) {
            return "issuer " + key + ": certificate does not parse: " + e.getMessage();
        }
        if (!issuer.spkiSha256().equals(key) || !issuer.spkiSha256().equals(record.issuerSpkiSha256())) {
            return "issuer record keyed " + key + " holds a certificate whose SPKI hashes to " + issuer.spkiSha256();
        }
        issuers.putIfAbsent(key, issuer);
        return null;
    }

    IssuerCertificate get(String issuerSpkiSha256) {
        return issuers.get(issuerSpkiSha256);
    }

    int size() {
        return issuers.size();
    }
}
