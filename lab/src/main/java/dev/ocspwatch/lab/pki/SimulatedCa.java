package dev.ocspwatch.lab.pki;

import dev.ocspwatch.common.x509.CertificateInfo;
import dev.ocspwatch.common.x509.CertificateInputException;
import dev.ocspwatch.common.x509.IssuerCertificate;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certification authority of the simulated Web PKI: a root or an issuing CA that issues
 * subscriber certificates and precertificates, delegated OCSP responder certificates, and
 * signs OCSP responses and CRLs with real Bouncy Castle signatures. Serials come from the
 * given {@link Random}, so a seeded world issues the same serials every run.
 */
public final class SimulatedCa {
    private final String name;
    private final KeyKind keyKind;
    private final KeyPair keyPair;
    private final X509CertificateHolder certificate;
    private final IssuerCertificate issuerView;
    private final Random random;

    private SimulatedCa(String name, KeyKind keyKind, KeyPair keyPair, X509CertificateHolder certificate, Random random) {
        this.name = name;
        this.keyKind = keyKind;
        this.keyPair = keyPair;
        this.certificate = certificate;
        this.random = random;
        try {
            this.issuerView = IssuerCertificate.of(certificate);
        } catch (CertificateInputException e) {
            throw new IllegalStateException("a certificate we just built does not parse: " + e.getMessage(), e);
        }
    }

    /** A self-signed root valid for 20 years from {@code notBefore}. */
    public static SimulatedCa root(String commonName, KeyKind keyKind, Instant notBefore, Random random) {
        KeyPair keys = keyKind.generate();
        X500Name subject = name(commonName);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(random),
                Date.from(notBefore), Date.from(notBefore.plus(Duration.ofDays(20 * 365))), subject, keys.getPublic());
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        } catch (CertIOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new SimulatedCa(commonName, keyKind, keys, sign(builder, keys.getPrivate(), keyKind), random);
    }

    /**
     * An issuing CA under this one, valid for 10 years; its own OCSP and CRL URLs (where its
     * parent answers for it) may be empty.
     */
    public SimulatedCa intermediate(String commonName, KeyKind kind, Instant notBefore,
                                    List<String> ocspUrls, List<String> crlUrls) {
        KeyPair keys = kind.generate();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate.getSubject(), serial(random),
                Date.from(notBefore), Date.from(notBefore.plus(Duration.ofDays(10 * 365))), name(commonName), keys.getPublic());
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(certificate.getSubjectPublicKeyInfo()));
            addRevocationPointers(builder, ocspUrls, crlUrls, List.of());
        } catch (CertIOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new SimulatedCa(commonName, kind, keys, sign(builder, keyPair.getPrivate(), keyKind), random);
    }

    /** A subscriber certificate (or, with the poison extension, a precertificate) for a fresh key. */
    public X509CertificateHolder issue(CertificateProfile profile) {
        return issue(profile, serial(random));
    }

    /** As {@link #issue(CertificateProfile)} with a chosen serial: a precertificate and its final certificate share one. */
    public X509CertificateHolder issue(CertificateProfile profile, BigInteger serial) {
        return issueWithKey(profile, serial).certificate();
    }

    /** A certificate and its subject's key pair: for a server that must present it (a TLS peer). */
    public Issued issueWithKey(CertificateProfile profile, BigInteger serial) {
        return issue(profile, serial, KeyKind.ECDSA_P256.generate());
    }

    /**
     * A certificate for a given subject key: a precertificate and its final certificate must
     * certify the same key (RFC 6962 3.1).
     */
    public Issued issue(CertificateProfile profile, BigInteger serial, KeyPair subjectKeys) {
        String commonName = profile.dnsNames().isEmpty() ? "subscriber" : profile.dnsNames().get(0);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate.getSubject(), serial,
                Date.from(profile.notBefore()), Date.from(profile.notBefore().plus(profile.validity())),
                name(commonName), subjectKeys.getPublic());
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(certificate.getSubjectPublicKeyInfo()));
            if (!profile.dnsNames().isEmpty()) {
                GeneralName[] names = profile.dnsNames().stream()
                        .map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            addRevocationPointers(builder, profile.ocspUrls(), profile.crlUrls(), profile.caIssuersUrls());
            if (profile.precertificate()) {
                builder.addExtension(CertificateInfo.CT_POISON, true, DERNull.INSTANCE);
            }
        } catch (CertIOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new Issued(sign(builder, keyPair.getPrivate(), keyKind), subjectKeys);
    }

    /** An issued certificate with the subject's key pair. */
    public record Issued(X509CertificateHolder certificate, KeyPair keyPair) {
    }

    /** A delegated OCSP responder certificate signed by this CA, as {@code profile} describes it. */
    public OcspSigner delegatedResponder(ResponderProfile profile) {
        KeyPair keys = profile.keyKind().generate();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate.getSubject(), serial(random),
                Date.from(profile.notBefore()), Date.from(profile.notAfter()), name(profile.commonName()), keys.getPublic());
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            if (profile.ocspSigningEku()) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
            } else {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            }
            if (profile.noCheck()) {
                builder.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(certificate.getSubjectPublicKeyInfo()));
        } catch (CertIOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        X509CertificateHolder responder = sign(builder, keyPair.getPrivate(), keyKind);
        return new OcspSigner(keys.getPrivate(), responder, profile.keyKind().signatureAlgorithm(), false, true);
    }

    /** This CA signing its own OCSP responses (ResponderID by key, no certificate included, as most CAs do). */
    public OcspSigner signer() {
        return new OcspSigner(keyPair.getPrivate(), certificate, keyKind.signatureAlgorithm(), true, false);
    }

    /** A CRL this CA signs, listing {@code revoked}. */
    public byte[] crl(List<CrlEntry> revoked, Instant thisUpdate, Instant nextUpdate, BigInteger crlNumber) {
        return CrlSigner.sign(this, revoked, thisUpdate, nextUpdate, crlNumber);
    }

    public String name() {
        return name;
    }

    public KeyKind keyKind() {
        return keyKind;
    }

    public X509CertificateHolder certificate() {
        return certificate;
    }

    /** This CA as the OCSP core sees an issuer. */
    public IssuerCertificate asIssuer() {
        return issuerView;
    }

    /** The CA key, for peers that sign as this CA (OpenSSL's responder). */
    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    private static void addRevocationPointers(X509v3CertificateBuilder builder, List<String> ocspUrls,
                                              List<String> crlUrls, List<String> caIssuersUrls) throws CertIOException {
        List<AccessDescription> access = new ArrayList<>();
        for (String url : ocspUrls) {
            access.add(new AccessDescription(X509ObjectIdentifiers.id_ad_ocsp,
                    new GeneralName(GeneralName.uniformResourceIdentifier, url)));
        }
        for (String url : caIssuersUrls) {
            access.add(new AccessDescription(X509ObjectIdentifiers.id_ad_caIssuers,
                    new GeneralName(GeneralName.uniformResourceIdentifier, url)));
        }
        if (!access.isEmpty()) {
            builder.addExtension(Extension.authorityInfoAccess, false,
                    new AuthorityInformationAccess(access.toArray(new AccessDescription[0])));
        }
        if (!crlUrls.isEmpty()) {
            DistributionPoint[] points = crlUrls.stream().map(url -> new DistributionPoint(
                    new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url))),
                    null, null)).toArray(DistributionPoint[]::new);
            builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(points));
        }
    }

    static X509CertificateHolder sign(X509v3CertificateBuilder builder, PrivateKey key, KeyKind kind) {
        try {
            return builder.build(new JcaContentSignerBuilder(kind.signatureAlgorithm()).build(key));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign certificate: " + e.getMessage(), e);
        }
    }

    static BigInteger serial(Random random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[0] &= 0x7f; // positive, and at least 64 bits of randomness as BR 7.1 asks
        bytes[0] |= 0x01;
        return new BigInteger(bytes);
    }

    /**
     * CN = {@code commonName} verbatim, O = ocspwatch lab, both UTF8String. Built attribute by
     * attribute: parsing a DN string would misread {@code + " \ #} and edge spaces in a name.
     */
    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, new DERUTF8String(commonName))
                .addRDN(BCStyle.O, new DERUTF8String("ocspwatch lab"))
                .build();
    }
}
