package dev.ocspwatch.common.ocsp;

import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * An OCSP response that parsed (RFC 6960 4.2.1):
 * <pre>
 * OCSPResponse ::= SEQUENCE {
 *    responseStatus         OCSPResponseStatus,
 *    responseBytes          [0] EXPLICIT ResponseBytes OPTIONAL }
 * </pre>
 * Either an unsigned error status, or a successful id-pkix-ocsp-basic response.
 */
public sealed interface ParsedResponse {

    /** A status other than successful: unsigned, no body (e.g. {@code 30 03 0a 01 06}, unauthorized). */
    record Unsuccessful(int statusCode) implements ParsedResponse {
    }

    /**
     * <pre>
     * BasicOCSPResponse ::= SEQUENCE {
     *    tbsResponseData      ResponseData,
     *    signatureAlgorithm   AlgorithmIdentifier,
     *    signature            BIT STRING,
     *    certs            [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
     * ResponseData ::= SEQUENCE {
     *    version              [0] EXPLICIT Version DEFAULT v1,
     *    responderID              ResponderID,
     *    producedAt               GeneralizedTime,
     *    responses                SEQUENCE OF SingleResponse,
     *    responseExtensions   [1] EXPLICIT Extensions OPTIONAL }
     * </pre>
     * {@code tbsResponseData} holds the exact bytes received, the ones the signature covers.
     */
    record Basic(
            ResponderId responderId,
            Instant producedAt,
            List<SingleResponse> responses,
            List<OcspExtension> extensions,
            List<X509CertificateHolder> certificates,
            AlgorithmIdentifier signatureAlgorithm,
            byte[] signature,
            byte[] tbsResponseData) implements ParsedResponse {

        public Basic {
            responses = List.copyOf(responses);
            extensions = List.copyOf(extensions);
            certificates = List.copyOf(certificates);
        }

        /** The nonce extension's extnValue octets (usually an inner OCTET STRING), if present. */
        public byte[] nonce() {
            for (OcspExtension extension : extensions) {
                if (extension.oid().equals(org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers.id_pkix_ocsp_nonce)) {
                    return extension.value();
                }
            }
            return null;
        }
    }
}
