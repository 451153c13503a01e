package dev.ocspwatch.lab.pki;

import java.math.BigInteger;
import java.time.Instant;

/** One revoked serial on a CRL, with an optional RFC 5280 reason code. */
public record CrlEntry(BigInteger serial, Instant revokedAt, Integer reason) {
}
