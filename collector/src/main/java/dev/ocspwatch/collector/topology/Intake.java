package dev.ocspwatch.collector.topology;

import dev.ocspwatch.collector.metrics.CollectorMetrics;
import dev.ocspwatch.common.kafka.CertificateRecord;
import dev.ocspwatch.common.kafka.Topics;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads input records, counting what cannot be used instead of failing the stream: sources
 * deliver bytes so a malformed record is a counted reject, not a stream thread that dies (Kafka
 * Streams' default deserialization handler would stop the collector).
 */
final class Intake {
    private static final int QUOTE = 120;

    private Intake() {
    }

    static CertificateRecord certificate(Record<String, byte[]> record, CollectorMetrics metrics) {
        CertificateRecord c = parse(record, Topics.CERTIFICATES::value, "malformed-certificate", metrics);
        if (c == null) {
            return null;
        }
        if (c.timestamp() <= 0 || !c.certificateId().equals(record.key())) {
            metrics.rejected("malformed-certificate", () -> "certificate " + quote(c.certificateId()) + " under key " + quote(record.key())
                    + " with CT timestamp " + c.timestamp());
            return null;
        }
        return c;
    }

    /** The fields the tracker needs and the bytes as they arrived (see {@link ObservationReader}), or null if unusable. */
    static ObservationInput observation(Record<String, byte[]> record, CollectorMetrics metrics) {
        ObservationInput o = parse(record, ObservationReader::read, "malformed-observation", metrics);
        if (o == null) {
            return null;
        }
        if (o.publishedAt() == null || o.summary().sentAt() == null || !o.certificateId().equals(record.key())) {
            metrics.rejected("malformed-observation", () -> "observation " + quote(o.observationId()) + " of " + quote(o.certificateId())
                    + " under key " + quote(record.key()) + " lacks its publication or send time, or is under another key");
            return null;
        }
        return o;
    }

    private static <T> T parse(Record<String, byte[]> record, Function<byte[], T> reader, String reason, CollectorMetrics metrics) {
        if (record.value() == null) {
            metrics.rejected(reason, () -> "a record without a value under key " + quote(record.key()));
            return null;
        }
        try {
            return reader.apply(record.value());
        } catch (RuntimeException e) {
            metrics.rejected(reason, () -> "under key " + quote(record.key()) + ": " + e.getMessage());
            return null;
        }
    }

    private static String quote(String s) {
        if (s == null) {
            return "(none)";
        }
        return "\"" + (s.length() > QUOTE ? s.substring(0, QUOTE) + "…" : s) + "\"";
    }
}
