package dev.ocspwatch.agent.discovery;

/** How a CT log is read: RFC 6962's JSON API, or static-ct-api's checkpoint and tiles. */
public enum CtApi {
    RFC6962,
    STATIC
}
