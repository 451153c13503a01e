package dev.ocspwatch.lab.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Signs RFC 5280 v2 CRLs for a {@link SimulatedCa}. */
final class CrlSigner {
    private CrlSigner() {
    }

    static byte[] sign(SimulatedCa ca, List<CrlEntry> revoked, Instant thisUpdate, Instant nextUpdate, BigInteger number) {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(ca.certificate().getSubject(), Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        for (CrlEntry entry : revoked) {
            if (entry.reason() == null) {
                builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), (Extensions) null);
            } else {
                builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), entry.reason());
            }
        }
        try {
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            // RFC 5280 5.2.1: conforming CRL issuers MUST include the authority key identifier.
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate().getSubjectPublicKeyInfo()));
            return builder.build(new JcaContentSignerBuilder(ca.keyKind().signatureAlgorithm()).build(ca.privateKey()))
                    .getEncoded();
        } catch (CertIOException | OperatorCreationException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot sign CRL: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
