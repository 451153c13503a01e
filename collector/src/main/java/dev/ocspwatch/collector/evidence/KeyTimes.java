package dev.ocspwatch.collector.evidence;

import dev.ocspwatch.collector.query.CertificateEvidence;
import dev.ocspwatch.common.kafka.Observation;
import java.time.Duration;
import java.time.Instant;

/**
 * The moments evidence is drawn around, taken from the best source there is: the verdict
 * (the collector's decision), else the certificate record (the CT timestamp), else what the
 * agents knew when they probed. Any of them may be null when nothing says.
 *
 * @param deadlineSource how the deadline was found, for the report ("from the verdict", ...)
 */
record KeyTimes(Instant publishedAt, Instant deadline, Instant windowEnd, String deadlineSource) {
    /** BR 4.9.9's 15 minutes: only when no record says what deadline was configured. */
    static final Duration BR_DEADLINE = Duration.ofMinutes(15);

    static KeyTimes of(CertificateEvidence evidence) {
        var verdict = evidence.verdict();
        Instant published = verdict != null ? verdict.publishedAt() : null;
        if (published == null && evidence.certificate() != null) {
            published = Instant.ofEpochMilli(evidence.certificate().timestamp());
        }
        if (published == null) {
            published = evidence.observations().stream().map(Observation::publishedAt)
                    .filter(t -> t != null).min(Instant::compareTo).orElse(null);
        }
        if (verdict != null && verdict.deadline() != null) {
            return new KeyTimes(published, verdict.deadline(), verdict.windowEnd(), "from the verdict");
        }
        Instant agents = evidence.observations().stream().map(Observation::deadline)
                .filter(t -> t != null).min(Instant::compareTo).orElse(null);
        if (agents != null) {
            return new KeyTimes(published, agents, null, "as the agents knew it");
        }
        return new KeyTimes(published, published == null ? null : published.plus(BR_DEADLINE), null,
                "published + 15m");
    }

    /** E.g. "published + 15m"; another span only in simulations with a shorter deadline. */
    String deadlineLabel() {
        if (publishedAt == null || deadline == null) {
            return "deadline";
        }
        Duration span = Duration.between(publishedAt, deadline);
        String text = span.toSecondsPart() == 0 && span.toMillisPart() == 0
                ? span.toMinutes() + "m" : Utc.duration(span.toMillis());
        return "deadline (published + " + text + ")";
    }
}
