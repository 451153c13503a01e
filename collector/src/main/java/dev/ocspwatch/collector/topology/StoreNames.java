package dev.ocspwatch.collector.topology;

/** The collector's state stores, in one place: the topology builds them, queries read them. */
public final class StoreNames {
    /** Per certificate in flight: publication time, URLs, probe count, last decision. Changelogged. */
    public static final String CERTIFICATES = "certificate-state";
    /** The earliest certificate record of each certificate in flight, as it arrived. Changelogged. */
    public static final String CERTIFICATE_RECORDS = "certificate-records";
    /** What a verdict needs of each probe of a certificate in flight, one entry per probe. Changelogged. */
    public static final String PROBES = "probe-summaries";
    /** Certificates by the time their next step is due. Changelogged. */
    public static final String DUE = "decisions-due";
    /** Every observation of a certificate in flight, raw bytes kept for the ones that matter. Changelogged. */
    public static final String EVIDENCE = "evidence";
    /** The latest verdict of every certificate, from {@code ocspwatch.verdicts}: a global store, whole on every instance. */
    public static final String VERDICTS = "verdicts-view";
    /** Every issuing CA's certificate by its SPKI SHA-256, from {@code ocspwatch.issuers}: a global store, for evidence bundles. */
    public static final String ISSUERS = "issuers-view";

    private StoreNames() {
    }
}
