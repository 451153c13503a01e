package dev.ocspwatch.common.ocsp;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Everything a response said, for reports, observations and evidence. Fields a response did
 * not reach (an unsigned error has no producedAt) are null and left out of JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseDetails(
        String responseStatus,
        String certStatus,
        Instant revocationTime,
        String revocationReason,
        Instant producedAt,
        Instant thisUpdate,
        Instant nextUpdate,
        String responderIdType,
        String responderId,
        SignerInfo signer,
        String signatureAlgorithm,
        String nonce,
        Integer singleResponseCount,
        Integer matchedSingleResponse,
        String certIdHashAlgorithm,
        Integer certificateCount) {

    static ResponseDetails statusOnly(int statusCode) {
        return new ResponseDetails(ResponseStatus.describe(statusCode), null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }
}
