package dev.ocspwatch.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A small test PKI built with Bouncy Castle, independent of the production code: CA and
 * responder certificates and signed OCSP responses with any field a test needs to get wrong.
 */
public final class TestPki {
    private TestPki() {
    }

    public static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static X500Name name(String cn) {
        return new X500Name("C=US,O=ocspwatch test,CN=" + cn);
    }

    /** A self-signed CA certificate. */
    public static X509CertificateHolder ca(String cn, KeyPair key, Instant notBefore, Instant notAfter) {
        return certificate(name(cn), key.getPublic(), name(cn), key.getPrivate(), BigInteger.ONE, notBefore, notAfter,
                builder -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                });
    }

    /** What a test adds to a certificate. */
    @FunctionalInterface
    public interface Extensions0 {
        void add(X509v3CertificateBuilder builder) throws IOException;
    }

    public static X509CertificateHolder certificate(X500Name subject, PublicKey subjectKey, X500Name issuer,
                                                    PrivateKey issuerKey, BigInteger serial, Instant notBefore,
                                                    Instant notAfter, Extensions0 extensions) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial,
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
            extensions.add(builder);
            return builder.build(signer("SHA256withECDSA", issuerKey));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The extensions of a BR-conformant delegated OCSP responder certificate (BR 7.1.2.8). */
    public static Extensions0 conformingResponder() {
        return builder -> {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
            builder.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        };
    }

    public static void crlDistributionPoint(X509v3CertificateBuilder builder, String url) throws IOException {
        GeneralNames names = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url));
        builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(names), null, null)}));
    }

    public static ContentSigner signer(String algorithm, PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(algorithm).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static DigestCalculator sha1() {
        return digest(CertificateID.HASH_SHA1);
    }

    public static DigestCalculator digest(AlgorithmIdentifier algorithm) {
        try {
            return new JcaDigestCalculatorProviderBuilder().build().get(algorithm);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CertID for {@code serial} under {@code issuer}, computed by Bouncy Castle. */
    public static CertificateID certId(X509CertificateHolder issuer, BigInteger serial, AlgorithmIdentifier hash) {
        try {
            return new CertificateID(digest(hash), issuer, serial);
        } catch (OCSPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CertID whose hash algorithm is an OID nobody knows (the hashes are copied from {@code like}). */
    public static CertificateID certIdWithUnknownHash(CertificateID like) {
        CertID asn1 = like.toASN1Primitive();
        return new CertificateID(new CertID(new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1")),
                asn1.getIssuerNameHash(), asn1.getIssuerKeyHash(), asn1.getSerialNumber()));
    }

    public static Extensions extensions(Extension... extensions) {
        return new Extensions(extensions);
    }

    public static Extension extension(String oid, boolean critical, byte[] value) {
        return new Extension(new ASN1ObjectIdentifier(oid), critical, new DEROctetString(value).getOctets());
    }

    /** Builds a signed, successful OCSP response; every field can be set. */
    public static final class Response {
        private RespID responderId;
        private PrivateKey signingKey;
        private String signatureAlgorithm = "SHA256withECDSA";
        private final List<X509CertificateHolder> certificates = new ArrayList<>();
        private Instant producedAt;
        private Extensions responseExtensions;
        private final List<Single> singles = new ArrayList<>();

        private record Single(CertificateID id, CertificateStatus status, Instant thisUpdate, Instant nextUpdate,
                              Extensions extensions) {
        }

        public Response responderByName(X500Name name) {
            responderId = new RespID(name);
            return this;
        }

        public Response responderByKey(X509CertificateHolder certificate) {
            try {
                responderId = new RespID(certificate.getSubjectPublicKeyInfo(), sha1());
            } catch (OCSPException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        public Response signedWith(PrivateKey key, String algorithm) {
            signingKey = key;
            signatureAlgorithm = algorithm;
            return this;
        }

        public Response signedWith(PrivateKey key) {
            return signedWith(key, "SHA256withECDSA");
        }

        public Response withCertificate(X509CertificateHolder certificate) {
            certificates.add(certificate);
            return this;
        }

        public Response producedAt(Instant instant) {
            producedAt = instant;
            return this;
        }

        public Response responseExtensions(Extensions extensions) {
            responseExtensions = extensions;
            return this;
        }

        public Response single(CertificateID id, CertificateStatus status, Instant thisUpdate, Instant nextUpdate) {
            return single(id, status, thisUpdate, nextUpdate, null);
        }

        public Response single(CertificateID id, CertificateStatus status, Instant thisUpdate, Instant nextUpdate,
                               Extensions extensions) {
            singles.add(new Single(id, status, thisUpdate, nextUpdate, extensions));
            return this;
        }

        public byte[] build() {
            try {
                BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(responderId);
                for (Single s : singles) {
                    builder.addResponse(s.id(), s.status(), Date.from(s.thisUpdate()),
                            s.nextUpdate() == null ? null : Date.from(s.nextUpdate()), s.extensions());
                }
                if (responseExtensions != null) {
                    builder.setResponseExtensions(responseExtensions);
                }
                Instant produced = producedAt != null ? producedAt
                        : singles.isEmpty() ? Instant.parse("2025-01-01T00:00:00Z") : singles.get(0).thisUpdate();
                return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL,
                        builder.build(TestPki.signer(signatureAlgorithm, signingKey),
                                certificates.isEmpty() ? null : certificates.toArray(new X509CertificateHolder[0]),
                                Date.from(produced))).getEncoded();
            } catch (OCSPException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
