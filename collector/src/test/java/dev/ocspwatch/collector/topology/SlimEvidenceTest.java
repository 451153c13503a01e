package dev.ocspwatch.collector.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.common.kafka.Observation;
import dev.ocspwatch.common.kafka.Topics;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.probe.ProbeResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlimEvidenceTest {
    @Test
    void theSlimCopyReadsBackAsTheObservationWithoutRawBytesDetailsAndLints() {
        Instant t0 = Instant.parse("2025-02-03T04:00:00Z");
        Observation o = CollectorWorld.observation("a:1", t0, "eu-west", t0.plusSeconds(901), Outcome.GOOD, "GET");
        byte[] input = Topics.OBSERVATIONS.valueSerde().serializer().serialize("t", o);
        byte[] slim = SlimEvidence.of(input);
        assertTrue(slim.length < input.length);
        ProbeResult p = o.probe();
        ProbeResult expectedProbe = new ProbeResult(p.url(), p.requestUrl(), p.method(), p.kind(), p.certIdHash(), p.serial(), p.sentAt(),
                p.resolvedAddresses(), p.connectedAddress(), p.redirects(), p.timings(), p.httpStatus(), p.headers(), p.bodyBytes(),
                p.outcome(), p.reason(), null, null, null, null);
        Observation expected = new Observation(o.observationId(), o.certificateId(), o.issuerSpkiSha256(), o.region(), o.agentId(),
                o.kind(), o.publishedAt(), o.deadline(), o.scheduledAt(), o.late(), expectedProbe);
        assertEquals(expected, Topics.OBSERVATIONS.value(slim));
        assertEquals(Topics.OBSERVATIONS.value(slim), Topics.OBSERVATIONS.value(SlimEvidence.of(slim)), "slimming twice changes nothing");
    }
}
