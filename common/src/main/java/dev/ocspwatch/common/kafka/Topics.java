package dev.ocspwatch.common.kafka;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic ocspwatch uses, in one place (DESIGN.md, "Data flow"). Keys are strings: the
 * certificate id, the issuer SPKI hash, the log id.
 */
public final class Topics {
    private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");
    private static final Serde<String> KEY = Serdes.String();

    /** Discovered certificates, keyed by certificate id. */
    public static final Topic<String, CertificateRecord> CERTIFICATES =
            new Topic<>("ocspwatch.certificates", KEY, new JsonSerde<>(CertificateRecord.class), 12, Map.of());

    /** Issuer certificates, once each, keyed by issuer SPKI SHA-256; compacted. */
    public static final Topic<String, IssuerRecord> ISSUERS =
            new Topic<>("ocspwatch.issuers", KEY, new JsonSerde<>(IssuerRecord.class), 3, COMPACTED);

    /** How far discovery has published each CT log, keyed by log id; compacted. */
    public static final Topic<String, LogCheckpoint> DISCOVERY_CHECKPOINTS =
            new Topic<>("ocspwatch.discovery-checkpoints", KEY, new JsonSerde<>(LogCheckpoint.class), 1, COMPACTED);

    /** What each regional agent saw, one record per probe, keyed by certificate id. */
    public static final Topic<String, Observation> OBSERVATIONS =
            new Topic<>("ocspwatch.observations", KEY, new JsonSerde<>(Observation.class), 12, Map.of());

    /** The collector's decision per certificate, every change a new record, keyed by certificate id; compacted. */
    public static final Topic<String, VerdictRecord> VERDICTS =
            new Topic<>("ocspwatch.verdicts", KEY, new JsonSerde<>(VerdictRecord.class), 12, COMPACTED);

    private Topics() {
    }

    /** The topics discovery writes. */
    public static List<Topic<?, ?>> discovery() {
        return List.of(CERTIFICATES, ISSUERS, DISCOVERY_CHECKPOINTS);
    }

    /** The topics the prober reads and writes. */
    public static List<Topic<?, ?>> prober() {
        return List.of(CERTIFICATES, ISSUERS, OBSERVATIONS);
    }

    /** The topics the collector reads and writes. */
    public static List<Topic<?, ?>> collector() {
        return List.of(CERTIFICATES, ISSUERS, OBSERVATIONS, VERDICTS);
    }
}
