package dev.ocspwatch.common.ocsp;

import dev.ocspwatch.common.x509.DerSlice;
import dev.ocspwatch.common.x509.DistinguishedNames;
import java.io.IOException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.ResponseBytes;
import org.bouncycastle.asn1.ocsp.ResponseData;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Parses OCSP response bytes from a responder: untrusted input. Strict DER as Bouncy Castle
 * reads it (non-minimal INTEGERs and trailing bytes are rejected, as OpenSSL does). Every
 * failure is a {@link MalformedResponseException} whose message names the part that failed.
 */
public final class OcspResponseParser {
    private OcspResponseParser() {
    }

    public static ParsedResponse parse(byte[] bytes) throws MalformedResponseException {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedResponseException("empty body");
        }
        OCSPResponse response;
        try {
            response = OCSPResponse.getInstance(ASN1Primitive.fromByteArray(bytes));
        } catch (IOException | RuntimeException e) {
            throw new MalformedResponseException("not an OCSPResponse (" + bytes.length + " bytes): " + message(e), e);
        }
        int status;
        try {
            status = ASN1Enumerated.getInstance(response.getResponseStatus().toASN1Primitive()).intValueExact();
        } catch (RuntimeException e) {
            throw new MalformedResponseException("responseStatus is not a small ENUMERATED: " + message(e), e);
        }
        if (status != ResponseStatus.SUCCESSFUL.code()) {
            return new ParsedResponse.Unsuccessful(status);
        }
        ResponseBytes responseBytes = response.getResponseBytes();
        if (responseBytes == null) {
            throw new MalformedResponseException("status successful but no responseBytes");
        }
        if (!OCSPObjectIdentifiers.id_pkix_ocsp_basic.equals(responseBytes.getResponseType())) {
            throw new MalformedResponseException("responseType " + responseBytes.getResponseType().getId()
                    + " is not id-pkix-ocsp-basic");
        }
        return parseBasic(responseBytes.getResponse().getOctets());
    }

    private static ParsedResponse.Basic parseBasic(byte[] der) throws MalformedResponseException {
        BasicOCSPResponse basic;
        ResponseData data;
        byte[] tbs;
        try {
            basic = BasicOCSPResponse.getInstance(ASN1Primitive.fromByteArray(der));
            data = basic.getTbsResponseData();
            tbs = DerSlice.firstElementOfSequence(der);
        } catch (IOException | RuntimeException e) {
            throw new MalformedResponseException("BasicOCSPResponse does not parse: " + message(e), e);
        }
        try {
            ASN1Integer version = data.getVersion();
            if (version != null && version.intValueExact() != 0) {
                throw new MalformedResponseException("ResponseData version " + version.getValue() + " is not v1");
            }
            ResponderId responderId = responderId(data.getResponderID().toASN1Primitive());
            Instant producedAt = time(data.getProducedAt(), "producedAt");
            List<SingleResponse> singles = new ArrayList<>();
            ASN1Sequence responses = data.getResponses();
            for (int i = 0; i < responses.size(); i++) {
                singles.add(single(org.bouncycastle.asn1.ocsp.SingleResponse.getInstance(responses.getObjectAt(i)), i));
            }
            return new ParsedResponse.Basic(responderId, producedAt, singles,
                    extensions(data.getResponseExtensions()), certificates(basic.getCerts()),
                    basic.getSignatureAlgorithm(), basic.getSignature().getOctets(), tbs);
        } catch (RuntimeException e) {
            throw new MalformedResponseException("ResponseData does not parse: " + message(e), e);
        }
    }

    private static ResponderId responderId(ASN1Primitive choice) throws MalformedResponseException {
        if (!(choice instanceof ASN1TaggedObject tagged)) {
            throw new MalformedResponseException("responderID is not a tagged CHOICE");
        }
        return switch (tagged.getTagNo()) {
            case 1 -> new ResponderId.ByName(validName(X500Name.getInstance(tagged, true), "responderID byName"));
            case 2 -> new ResponderId.ByKey(ASN1OctetString.getInstance(tagged, true).getOctets());
            default -> throw new MalformedResponseException("responderID has unknown tag [" + tagged.getTagNo() + "]");
        };
    }

    private static SingleResponse single(org.bouncycastle.asn1.ocsp.SingleResponse single, int index)
            throws MalformedResponseException {
        CertID id = single.getCertID();
        ASN1TaggedObject status = ASN1TaggedObject.getInstance(single.getCertStatus().toASN1Primitive());
        CertStatus certStatus;
        Instant revocationTime = null;
        Integer reason = null;
        switch (status.getTagNo()) {
            case 0 -> certStatus = CertStatus.GOOD;
            case 1 -> {
                certStatus = CertStatus.REVOKED;
                RevokedInfo revoked = RevokedInfo.getInstance(status, false);
                revocationTime = time(revoked.getRevocationTime(), "revocationTime of response " + index);
                CRLReason crlReason = revoked.getRevocationReason();
                if (crlReason != null) {
                    reason = crlReason.getValue().intValueExact();
                }
            }
            case 2 -> certStatus = CertStatus.UNKNOWN;
            default -> throw new MalformedResponseException("certStatus of response " + index
                    + " has unknown tag [" + status.getTagNo() + "]");
        }
        Instant thisUpdate = time(single.getThisUpdate(), "thisUpdate of response " + index);
        Instant nextUpdate = single.getNextUpdate() == null ? null
                : time(single.getNextUpdate(), "nextUpdate of response " + index);
        return new SingleResponse(id.getHashAlgorithm().getAlgorithm(),
                id.getIssuerNameHash().getOctets(), id.getIssuerKeyHash().getOctets(),
                id.getSerialNumber().getValue(), certStatus, revocationTime, reason, thisUpdate, nextUpdate,
                extensions(single.getSingleExtensions()));
    }

    private static List<OcspExtension> extensions(Extensions extensions) {
        if (extensions == null) {
            return List.of();
        }
        List<OcspExtension> out = new ArrayList<>();
        for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
            Extension extension = extensions.getExtension(oid);
            out.add(new OcspExtension(oid, extension.isCritical(), extension.getExtnValue().getOctets()));
        }
        return out;
    }

    private static List<X509CertificateHolder> certificates(ASN1Sequence certs) throws MalformedResponseException {
        if (certs == null) {
            return List.of();
        }
        List<X509CertificateHolder> out = new ArrayList<>();
        int i = 0;
        for (ASN1Encodable element : certs) {
            try {
                X509CertificateHolder certificate = new X509CertificateHolder(Certificate.getInstance(element));
                validName(certificate.getSubject(), "subject of certificate " + i + " in certs");
                validName(certificate.getIssuer(), "issuer of certificate " + i + " in certs");
                out.add(certificate);
            } catch (RuntimeException e) {
                throw new MalformedResponseException("certificate " + i + " in certs does not parse: " + message(e), e);
            }
            i++;
        }
        return out;
    }

    /**
     * X500Name parses lazily: a damaged attribute only fails when the name is read, which would
     * be a crash in whoever shows it. Reading it once here makes it a parse error instead.
     */
    private static X500Name validName(X500Name name, String field) throws MalformedResponseException {
        try {
            DistinguishedNames.display(name);
            return name;
        } catch (RuntimeException e) {
            throw new MalformedResponseException(field + " is not a valid Name: " + message(e), e);
        }
    }

    private static Instant time(ASN1GeneralizedTime time, String field) throws MalformedResponseException {
        if (time == null) {
            throw new MalformedResponseException(field + " is missing");
        }
        try {
            return dev.ocspwatch.common.x509.X509Time.instant(time);
        } catch (ParseException | RuntimeException e) {
            throw new MalformedResponseException(field + " is not a valid GeneralizedTime: \"" + time.getTimeString() + "\"", e);
        }
    }

    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
