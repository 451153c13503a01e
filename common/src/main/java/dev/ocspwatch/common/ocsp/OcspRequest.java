package dev.ocspwatch.common.ocsp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPRequest;
import org.bouncycastle.asn1.ocsp.Request;
import org.bouncycastle.asn1.ocsp.TBSRequest;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;

/**
 * An unsigned OCSP request (RFC 6960 4.1.1) for one or more CertIDs, as DER.
 * <pre>
 * OCSPRequest ::= SEQUENCE { tbsRequest TBSRequest, optionalSignature [0] EXPLICIT Signature OPTIONAL }
 * TBSRequest  ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1, requestorName [1] EXPLICIT GeneralName OPTIONAL,
 *                            requestList SEQUENCE OF Request, requestExtensions [2] EXPLICIT Extensions OPTIONAL }
 * Request     ::= SEQUENCE { reqCert CertID, singleRequestExtensions [0] EXPLICIT Extensions OPTIONAL }
 * </pre>
 * Without a nonce by default: that is the RFC 5019 profile CDNs cache, the request every
 * browser sends.
 */
public final class OcspRequest {
    private final List<CertId> certIds;
    private final byte[] nonce;
    private final byte[] der;

    private OcspRequest(List<CertId> certIds, byte[] nonce, byte[] der) {
        this.certIds = List.copyOf(certIds);
        this.nonce = nonce;
        this.der = der;
    }

    public static OcspRequest of(CertId certId) {
        return build(List.of(certId), null);
    }

    /** With an RFC 8954 nonce: the nonce octets wrapped in an OCTET STRING as the extension value. */
    public static OcspRequest withNonce(CertId certId, byte[] nonce) {
        return build(List.of(certId), nonce.clone());
    }

    private static OcspRequest build(List<CertId> certIds, byte[] nonce) {
        List<Request> requests = new ArrayList<>();
        for (CertId id : certIds) {
            requests.add(new Request(id.toAsn1(), null));
        }
        Extensions extensions = null;
        if (nonce != null) {
            try {
                extensions = new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                        new DEROctetString(nonce).getEncoded(ASN1Encoding.DER)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        TBSRequest tbs = new TBSRequest(null, new DERSequence(requests.toArray(new Request[0])), extensions);
        try {
            return new OcspRequest(certIds, nonce, new OCSPRequest(tbs, null).getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a request from a client: what a responder (the lab's, a test's) needs. Throws
     * IllegalArgumentException naming what is wrong; only the CertIDs with known hashes are kept.
     */
    public static OcspRequest parse(byte[] der) {
        try {
            OCSPRequest request = OCSPRequest.getInstance(ASN1Primitive.fromByteArray(der));
            TBSRequest tbs = request.getTbsRequest();
            List<CertId> ids = new ArrayList<>();
            ASN1Sequence list = tbs.getRequestList();
            for (int i = 0; i < list.size(); i++) {
                org.bouncycastle.asn1.ocsp.CertID id = Request.getInstance(list.getObjectAt(i)).getReqCert();
                Optional<CertIdHash> hash = CertIdHash.fromOid(id.getHashAlgorithm().getAlgorithm());
                if (hash.isPresent()) {
                    ids.add(new CertId(hash.get(),
                            dev.ocspwatch.common.id.Hex.of(id.getIssuerNameHash().getOctets()),
                            dev.ocspwatch.common.id.Hex.of(id.getIssuerKeyHash().getOctets()),
                            id.getSerialNumber().getValue()));
                }
            }
            byte[] nonce = null;
            Extensions extensions = tbs.getRequestExtensions();
            if (extensions != null && extensions.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce) != null) {
                ASN1OctetString value = extensions.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue();
                nonce = ASN1OctetString.getInstance(value.getOctets()).getOctets();
            }
            return new OcspRequest(ids, nonce, der.clone());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an OCSP request: " + e.getMessage(), e);
        }
    }

    public List<CertId> certIds() {
        return certIds;
    }

    public CertId certId() {
        return certIds.get(0);
    }

    public Optional<byte[]> nonce() {
        return Optional.ofNullable(nonce).map(byte[]::clone);
    }

    /** The DER bytes: the POST body, and what the GET URL encodes. */
    public byte[] der() {
        return der.clone();
    }

    public int size() {
        return der.length;
    }

    /** The RFC 6960 appendix A.1 GET URL for this request at {@code responderUrl}. */
    public String getUrl(String responderUrl) {
        return OcspGetUrl.format(responderUrl, der);
    }
}
