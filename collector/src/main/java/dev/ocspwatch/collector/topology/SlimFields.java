package dev.ocspwatch.collector.topology;

import java.util.Set;

/** The probe fields a slim evidence entry goes without: the raw request and response, the response's details and its lints. */
final class SlimFields {
    static final Set<String> DROPPED = Set.of("details", "lints", "requestBase64", "responseBase64");

    private SlimFields() {
    }
}
