package dev.ocspwatch.agent.check;

import static dev.ocspwatch.agent.testing.ProbeResults.answered;
import static dev.ocspwatch.agent.testing.ProbeResults.unanswered;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ocspwatch.common.outcome.Outcome;
import dev.ocspwatch.common.probe.ProbeResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The documented exit codes: 0 all authoritative, 1 some non-authoritative answer, 3 only unreachable. */
class CheckExitCodeTest {
    private static final String URL = "http://ocsp.test/";

    @Test
    void documentedValues() {
        assertEquals(0, CheckExitCode.ALL_AUTHORITATIVE);
        assertEquals(1, CheckExitCode.NON_AUTHORITATIVE);
        assertEquals(2, CheckExitCode.BAD_INPUT);
        assertEquals(3, CheckExitCode.UNREACHABLE);
    }

    @ParameterizedTest(name = "a single {0} exits {1}")
    @CsvSource({
        "GOOD, 0", "REVOKED, 0",
        "UNKNOWN, 1", "UNAUTHORIZED, 1", "TRY_LATER, 1", "INTERNAL_ERROR, 1", "MALFORMED_REQUEST, 1", "SIG_REQUIRED, 1",
        "BAD_SIGNATURE, 1", "UNAUTHORIZED_SIGNER, 1", "WRONG_CERT_ID, 1", "NOT_CURRENT, 1", "MALFORMED_RESPONSE, 1",
        "HTTP_ERROR, 1",
        "DNS_FAILURE, 3", "CONNECT_FAILURE, 3", "TLS_FAILURE, 3", "TIMEOUT, 3", "BLOCKED, 3"})
    void mapsEveryOutcomeOfAStandardProbe(Outcome outcome, int exitCode) {
        assertEquals(exitCode, CheckExitCode.of(List.of(probe("standard", outcome))));
    }

    @Test
    void coversEveryOutcome() {
        assertEquals(19, Outcome.values().length, "a new outcome needs a row in mapsEveryOutcomeOfAStandardProbe");
    }

    @Test
    void exitsZeroWithNoProbes() {
        // the certificate names no responder: NOT_APPLICABLE is not a failure
        assertEquals(0, CheckExitCode.of(List.of()));
    }

    @Test
    void exitsZeroWhenEveryStandardProbeIsAuthoritative() {
        assertEquals(0, CheckExitCode.of(List.of(probe("standard", Outcome.GOOD), probe("standard", Outcome.REVOKED),
                probe("standard", Outcome.GOOD))));
    }

    @Test
    void aNonAuthoritativeAnswerOutranksUnreachableWhicheverComesFirst() {
        assertEquals(1, CheckExitCode.of(List.of(probe("standard", Outcome.TIMEOUT), probe("standard", Outcome.UNKNOWN))));
        assertEquals(1, CheckExitCode.of(List.of(probe("standard", Outcome.UNKNOWN), probe("standard", Outcome.TIMEOUT))));
        assertEquals(1, CheckExitCode.of(List.of(probe("standard", Outcome.BLOCKED), probe("standard", Outcome.GOOD),
                probe("standard", Outcome.UNAUTHORIZED))));
    }

    @Test
    void unreachableOutranksAuthoritative() {
        assertEquals(3, CheckExitCode.of(List.of(probe("standard", Outcome.GOOD), probe("standard", Outcome.DNS_FAILURE))));
        assertEquals(3, CheckExitCode.of(List.of(probe("standard", Outcome.BLOCKED), probe("standard", Outcome.GOOD))));
    }

    @Test
    void ignoresConformanceProbes() {
        assertEquals(0, CheckExitCode.of(List.of(
                probe("standard", Outcome.GOOD),
                probe("sha256-certid", Outcome.UNKNOWN),
                probe("unissued-serial", Outcome.GOOD),
                probe("unissued-serial", Outcome.TIMEOUT))));
        assertEquals(3, CheckExitCode.of(List.of(
                probe("standard", Outcome.CONNECT_FAILURE),
                probe("sha256-certid", Outcome.UNAUTHORIZED))));
        assertEquals(0, CheckExitCode.of(List.of(probe("sha256-certid", Outcome.MALFORMED_RESPONSE))),
                "only conformance probes: nothing counts");
    }

    private static ProbeResult probe(String kind, Outcome outcome) {
        boolean answered = switch (outcome) {
            case DNS_FAILURE, CONNECT_FAILURE, TLS_FAILURE, TIMEOUT, BLOCKED -> false;
            default -> true;
        };
        return answered ? answered(URL, "POST", kind, outcome) : unanswered(URL, "POST", kind, outcome);
    }
}
