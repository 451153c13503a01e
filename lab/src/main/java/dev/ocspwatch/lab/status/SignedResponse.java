package dev.ocspwatch.lab.status;

import dev.ocspwatch.common.ocsp.CertStatus;
import java.math.BigInteger;
import java.time.Instant;

/** A pre-generated, signed OCSP response for one serial, as the primary stores and replicas copy it. */
public record SignedResponse(BigInteger serial, CertStatus status, Instant thisUpdate, Instant nextUpdate, byte[] der) {
}
