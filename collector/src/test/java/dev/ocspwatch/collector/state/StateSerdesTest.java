package dev.ocspwatch.collector.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.verdict.DecisionStage;
import dev.ocspwatch.common.verdict.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class StateSerdesTest {
    private static final ProbeSummary PROBE = new ProbeSummary("obs-1", "eu-west", "eu-west-1", ProbeKind.DEADLINE, "GET",
            "http://ocsp.example.test/", Instant.parse("2025-02-03T04:05:06.123456789Z"), Outcome.UNAUTHORIZED, 200, "ünauthorized (6)", true);

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    @Test
    void aProbeSummaryReadsBackEqualNullsIncluded() {
        assertEquals(PROBE, roundTrip(StateSerdes.probeSummary(), PROBE));
        ProbeSummary sparse = new ProbeSummary("obs-2", "us-east", null, null, "POST", "http://o/", null, Outcome.TIMEOUT, null, null, false);
        assertEquals(sparse, roundTrip(StateSerdes.probeSummary(), sparse));
    }

    @Test
    void aCertificateStateReadsBackEqualInEveryField() {
        byte[] json = "{\"certificateId\":\"a:1\"}".getBytes(StandardCharsets.UTF_8);
        CertificateState state = new CertificateState("a:1", json, Instant.parse("2025-02-03T04:00:00Z"), List.of("http://o/", "http://p/"), 7,
                List.of(PROBE), DecisionStage.WATCH, Instant.parse("2025-02-03T05:16:00Z"), Verdict.VIOLATION, 3, "fp==", 2);
        CertificateState back = roundTrip(StateSerdes.certificateState(), state);
        assertArrayEquals(json, back.certificateJson());
        assertEquals(state, new CertificateState(back.certificateId(), json, back.publishedAt(), back.ocspUrls(), back.probeCount(),
                back.earliestAuthoritative(), back.stage(), back.dueAt(), back.verdict(), back.revision(), back.fingerprint(), back.dropped()));
        CertificateState empty = roundTrip(StateSerdes.certificateState(), CertificateState.empty("b:2"));
        assertNull(empty.certificate());
        assertEquals(List.of(), empty.earliestAuthoritative());
    }

    @Test
    void aForeignOrTruncatedValueFailsLoudly() {
        byte[] written = StateSerdes.probeSummary().serializer().serialize("t", PROBE);
        assertThrows(SerializationException.class, () -> StateSerdes.probeSummary().deserializer().deserialize("t",
                java.util.Arrays.copyOf(written, written.length - 3)));
        assertThrows(SerializationException.class, () -> StateSerdes.certificateState().deserializer().deserialize("t",
                "{\"json\":true}".getBytes(StandardCharsets.UTF_8)));
    }
}
