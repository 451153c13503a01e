package dev.ocspwatch.lab.pki;

import dev.ocspwatch.common.ocsp.CertId;
import dev.ocspwatch.common.ocsp.ResponseStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A key and certificate that sign OCSP responses: the issuing CA itself, or a delegated
 * responder. Immutable; the {@code with...} methods make the variations real responders show
 * (ResponderID by name or by key, certificate included or not, a SHA-1 signature).
 */
public final class OcspSigner {
    private final PrivateKey key;
    private final X509CertificateHolder certificate;
    private final String signatureAlgorithm;
    private final boolean responderIdByKey;
    private final boolean includeCertificate;

    OcspSigner(PrivateKey key, X509CertificateHolder certificate, String signatureAlgorithm,
               boolean responderIdByKey, boolean includeCertificate) {
        this.key = key;
        this.certificate = certificate;
        this.signatureAlgorithm = signatureAlgorithm;
        this.responderIdByKey = responderIdByKey;
        this.includeCertificate = includeCertificate;
    }

    public X509CertificateHolder certificate() {
        return certificate;
    }

    public OcspSigner withResponderIdByKey(boolean byKey) {
        return new OcspSigner(key, certificate, signatureAlgorithm, byKey, includeCertificate);
    }

    public OcspSigner withCertificateIncluded(boolean include) {
        return new OcspSigner(key, certificate, signatureAlgorithm, responderIdByKey, include);
    }

    /** E.g. "SHA1withRSA" for the BR 7.1.3.2.1 lint. */
    public OcspSigner withSignatureAlgorithm(String algorithm) {
        return new OcspSigner(key, certificate, algorithm, responderIdByKey, includeCertificate);
    }

    /** A signed, successful response with one SingleResponse answering {@code certId}. */
    public byte[] sign(CertId certId, OcspAnswer answer) {
        return sign(List.of(new Entry(certId, answer)), answer);
    }

    /** One SingleResponse per entry; producedAt comes from {@code header}. */
    public byte[] sign(List<Entry> entries, OcspAnswer header) {
        try {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            RespID responderId = responderIdByKey
                    ? new RespID(certificate.getSubjectPublicKeyInfo(), digests.get(CertificateID.HASH_SHA1))
                    : new RespID(certificate.getSubject());
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(responderId);
            for (Entry entry : entries) {
                OcspAnswer answer = entry.answer();
                builder.addResponse(new CertificateID(entry.certId().toAsn1()), status(answer),
                        Date.from(answer.thisUpdate()),
                        answer.nextUpdate() == null ? null : Date.from(answer.nextUpdate()), null);
            }
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm).build(key);
            BasicOCSPResp basic = builder.build(signer,
                    includeCertificate ? new X509CertificateHolder[] {certificate} : null,
                    Date.from(header.producedAt()));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (OperatorCreationException | OCSPException e) {
            throw new IllegalStateException("cannot sign OCSP response: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The unsigned error form, e.g. {@code 30 03 0a 01 06} for unauthorized. */
    public static byte[] error(ResponseStatus status) {
        return error(status.code());
    }

    /** Any status code, including ones RFC 6960 does not define. */
    public static byte[] error(int statusCode) {
        try {
            return new OCSPResponse(new OCSPResponseStatus(statusCode), null).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CertificateStatus status(OcspAnswer answer) {
        return switch (answer.status()) {
            case GOOD -> CertificateStatus.GOOD;
            case UNKNOWN -> new UnknownStatus();
            case REVOKED -> answer.revocationReason() == null
                    ? new RevokedStatus(Date.from(answer.revocationTime()))
                    : new RevokedStatus(Date.from(answer.revocationTime()), answer.revocationReason());
        };
    }

    /** One SingleResponse: which certificate, and what to say about it. */
    public record Entry(CertId certId, OcspAnswer answer) {
    }

}
