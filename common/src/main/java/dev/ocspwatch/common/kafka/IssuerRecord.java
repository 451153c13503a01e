package dev.ocspwatch.common.kafka;

import java.util.Objects;

/**
 * An issuing CA certificate, once per issuer on the compacted {@code ocspwatch.issuers} (keyed
 * by {@link #issuerSpkiSha256()}): what probers need to build CertIDs and check signatures.
 *
 * @param certificate the DER certificate, base64
 */
public record IssuerRecord(String issuerSpkiSha256, String subject, String certificate) {
    public IssuerRecord {
        Objects.requireNonNull(issuerSpkiSha256, "issuerSpkiSha256");
        Objects.requireNonNull(certificate, "certificate");
    }
}
