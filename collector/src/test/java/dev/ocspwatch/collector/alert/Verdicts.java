package dev.ocspwatch.collector.alert;

import dev.ocspwatch.common.kafka.VerdictRecord;
import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.verdict.DecisionStage;
import dev.ocspwatch.common.verdict.ProbeRef;
import dev.ocspwatch.common.verdict.RegionStatus;
import dev.ocspwatch.common.verdict.RegionVerdict;
import dev.ocspwatch.common.verdict.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Verdict records as the collector writes them, for alert tests. */
final class Verdicts {
    static final String ISSUER = "ab".repeat(32);
    static final Instant PUBLISHED = Instant.parse("2026-11-23T10:00:00Z");

    private Verdicts() {
    }

    static String id(String serial) {
        return ISSUER + ":" + serial;
    }

    static VerdictRecord verdict(String serial, int revision, Verdict verdict, Verdict previous) {
        return verdict(serial, revision, verdict, previous, "CN=" + serial + ".example.com");
    }

    static VerdictRecord verdict(String serial, int revision, Verdict verdict, Verdict previous, String subject) {
        ProbeRef failure = verdict == Verdict.VIOLATION
                ? new ProbeRef("obs-" + serial, "eu-west", "eu-west-1", "GET", "http://ocsp.ca.test/", PUBLISHED.plusSeconds(900),
                        Outcome.UNAUTHORIZED, 200, "responder said unauthorized (status 6)")
                : null;
        RegionVerdict eu = new RegionVerdict("eu-west", verdict == Verdict.VIOLATION ? RegionStatus.RESPONDER_FAILURE
                : RegionStatus.AUTHORITATIVE, 3, Map.of(verdict == Verdict.VIOLATION ? Outcome.UNAUTHORIZED : Outcome.GOOD, 3), null, null,
                false, failure);
        RegionVerdict us = new RegionVerdict("us-east", RegionStatus.AUTHORITATIVE, 3, Map.of(Outcome.GOOD, 3),
                PUBLISHED.plusSeconds(60), 60_000L, false, null);
        return new VerdictRecord(id(serial), serial, ISSUER, "CN=Test CA", subject, List.of("http://ocsp.ca.test/"), "test-log", 7L,
                PUBLISHED, PUBLISHED.plusSeconds(900), PUBLISHED.plusSeconds(4500), verdict, DecisionStage.DEADLINE,
                verdict == Verdict.VIOLATION ? "eu-west: UNAUTHORIZED at the deadline" : "all authoritative",
                Map.of(Outcome.GOOD, 3, Outcome.UNAUTHORIZED, 3), List.of(eu, us), failure, false, List.of(),
                PUBLISHED.plusSeconds(930), revision, previous);
    }

    /** A VIOLATION after {@code previous} (null: the first decision). */
    static VerdictRecord violation(String serial, int revision, Verdict previous) {
        return verdict(serial, revision, Verdict.VIOLATION, previous);
    }
}
