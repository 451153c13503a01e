package dev.ocspwatch.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.id.CertificateId;
import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.ProbeKind;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.outcome.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The collector benchmark's records are what the collector accepts: canonical ids, the records' own keys, realistic sizes. */
class CollectorLoadTest {
    private static final Instant PUBLISHED = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration DEADLINE = Duration.ofMinutes(15);

    @Test
    void certificateIdsAreCanonicalAndDistinct() {
        CollectorLoad load = new CollectorLoad(1);
        Set<String> ids = new HashSet<>();
        for (int c = 0; c < 1_000; c++) {
            String id = load.certificateId(c);
            assertEquals(id, CertificateId.parse(id).toString());
            assertEquals(id, load.certificate(c, PUBLISHED).certificateId());
            ids.add(id);
        }
        assertEquals(1_000, ids.size());
    }

    @Test
    void observationsRoundTripWithTheScheduleAndOutcomesDescribed() {
        CollectorLoad load = new CollectorLoad(1);
        int c = 7; // good at discovery (7 % 10 is not below 3), unauthorized from the second region after it (7 % 50 == 7)
        for (int k = 0; k < 10; k++) {
            Observation o = load.observation(c, k, PUBLISHED, DEADLINE);
            byte[] bytes = Topics.OBSERVATIONS.valueSerde().serializer().serialize("t", o);
            assertEquals(o, Topics.OBSERVATIONS.value(bytes));
            assertEquals(load.certificateId(c), o.certificateId());
            assertEquals(CollectorLoad.region(k), o.region());
            ProbeKind kind = k < 3 ? ProbeKind.DISCOVERY : k < 9 ? ProbeKind.DEADLINE : ProbeKind.WATCH;
            assertEquals(kind, o.kind());
            assertEquals(kind != ProbeKind.DISCOVERY, o.counts(), "probe " + k);
            Outcome expected = k >= 3 && k % 3 == 1 ? Outcome.UNAUTHORIZED : Outcome.GOOD;
            assertEquals(expected, o.outcome(), "probe " + k);
            if (expected == Outcome.GOOD) {
                assertTrue(o.probe().responseBase64().length() > 1_400 && o.probe().responseBase64().length() < 1_600);
                assertTrue(bytes.length > 3_000, "a full observation is a few KB of JSON: " + bytes.length);
            }
        }
        assertEquals(Outcome.UNKNOWN, load.observation(2, 0, PUBLISHED, DEADLINE).outcome());
    }
}
