package dev.ocspwatch.app.bench;

import dev.ocspwatch.lab.ct.SimulatedCtLog;
import dev.ocspwatch.lab.pki.KeyKind;
import dev.ocspwatch.lab.pki.SimulatedCa;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;

/**
 * Many distinct certificates fast, for benchmarks: real structure (SAN, AIA OCSP, a precertificate
 * poison on every other one), one subject key, and a dummy signature.
 */
final class BenchCertificates {
    private BenchCertificates() {
    }

    static void fill(SimulatedCtLog log, SimulatedCa issuing, SimulatedCa root, int count, Random random) throws Exception {
        KeyPair subject = KeyKind.ECDSA_P256.generate();
        Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        ContentSigner dummy = new DummySigner();
        List<X509CertificateHolder> chain = List.of(issuing.certificate(), root.certificate());
        for (int i = 0; i < count; i++) {
            byte[] serial = new byte[16];
            random.nextBytes(serial);
            serial[0] = (byte) ((serial[0] & 0x3f) | 0x40);
            String name = "bench-" + i + ".example";
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuing.certificate().getSubject(), new BigInteger(serial),
                    Date.from(notBefore), Date.from(notBefore.plus(Duration.ofDays(90))), new X500Name("CN=" + name), subject.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
            builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription(
                    X509ObjectIdentifiers.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, "http://ocsp.bench.example/"))));
            boolean precert = i % 2 == 0;
            if (precert) {
                builder.addExtension(dev.ocspwatch.common.x509.CertificateInfo.CT_POISON, true, DERNull.INSTANCE);
            }
            log.submit(builder.build(dummy), chain, precert);
        }
    }

    /** Signs nothing: a fixed 64-byte "signature" under sha256WithRSAEncryption. */
    private static final class DummySigner implements ContentSigner {
        private final ByteArrayOutputStream sink = new ByteArrayOutputStream();

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return new AlgorithmIdentifier(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
        }

        @Override
        public OutputStream getOutputStream() {
            sink.reset();
            return sink;
        }

        @Override
        public byte[] getSignature() {
            return new byte[64];
        }
    }
}
