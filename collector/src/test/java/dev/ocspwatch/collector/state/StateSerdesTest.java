package dev.ocspwatch.collector.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        CertificateState state = new CertificateState("a:1", 1_738_555_200_000L, Instant.parse("2025-02-03T04:00:00Z"), List.of("http://o/", "http://p/"), 7,
                List.of(EarliestProbe.of(PROBE), new EarliestProbe("us-east", null, "obs-0")), DecisionStage.WATCH, Instant.parse("2025-02-03T05:16:00Z"), Verdict.VIOLATION, 3, "fp==", 2);
        assertEquals(state, roundTrip(StateSerdes.certificateState(), state));
        CertificateState empty = CertificateState.empty("b:2");
        assertEquals(empty, roundTrip(StateSerdes.certificateState(), empty));
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
