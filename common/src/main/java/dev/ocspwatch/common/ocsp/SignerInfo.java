package dev.ocspwatch.common.ocsp;

import java.time.Instant;

/**
 * The certificate whose key signed a response, as a report shows it.
 *
 * @param role {@code issuer} (the CA signed directly) or {@code delegated} (an OCSP responder certificate)
 */
public record SignerInfo(String role, String subject, String serialHex, Instant notAfter, String sha256) {
}
