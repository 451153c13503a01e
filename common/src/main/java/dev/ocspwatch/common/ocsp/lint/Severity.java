package dev.ocspwatch.common.ocsp.lint;

/** How much a lint finding matters: ERROR breaks a MUST, WARNING a SHOULD or an operational bound. */
public enum Severity {
    ERROR,
    WARNING
}
