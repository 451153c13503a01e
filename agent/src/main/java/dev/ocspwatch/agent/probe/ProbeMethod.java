package dev.ocspwatch.agent.probe;

/**
 * How an OCSP request travels. GET (RFC 5019) is what browsers send and CDNs cache; POST
 * usually passes a CDN and reaches an origin, so the two can disagree, which is evidence.
 */
public enum ProbeMethod {
    GET,
    POST
}
