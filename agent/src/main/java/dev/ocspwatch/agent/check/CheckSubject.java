package dev.ocspwatch.agent.check;

import dev.ocspwatch.common.x509.CertificateInfo;
import dev.ocspwatch.common.x509.IssuerCertificate;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The certificate under check, its issuer (verified to have signed it), where the issuer came
 * from, and for {@code --host} what the handshake showed.
 *
 * @param issuerSource "--issuer FILE", "bundle", "TLS chain" or "caIssuers URL"
 * @param stapled the stapled OCSP response bytes, or null
 */
public record CheckSubject(X509CertificateHolder certificate, CertificateInfo info, IssuerCertificate issuer,
                           String issuerSource, TlsEndpoint tls, byte[] stapled) {
}
