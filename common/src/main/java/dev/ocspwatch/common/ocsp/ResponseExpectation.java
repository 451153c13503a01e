package dev.ocspwatch.common.ocsp;

import dev.ocspwatch.common.x509.IssuerCertificate;
import java.util.Objects;

/**
 * What a response is judged against: the issuer (who may sign, and whose name and key the
 * CertID hashes), the CertID that was asked for, and whether the subject is a CA certificate
 * (BR 4.9.10 sets different update rules for Subordinate CA certificates).
 */
public record ResponseExpectation(IssuerCertificate issuer, CertId certId, boolean subordinateCa) {
    public ResponseExpectation {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(certId, "certId");
    }

    public static ResponseExpectation subscriber(IssuerCertificate issuer, CertId certId) {
        return new ResponseExpectation(issuer, certId, false);
    }
}
