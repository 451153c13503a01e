package dev.ocspwatch.common.ocsp;

/** RFC 6960 CertStatus ::= CHOICE { good [0], revoked [1], unknown [2] }. */
public enum CertStatus {
    GOOD,
    REVOKED,
    UNKNOWN
}
