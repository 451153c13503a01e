package dev.ocspwatch.agent.check;

/**
 * Something the check noticed beyond each probe's own outcome: a conformance probe's result,
 * GET and POST disagreeing, a wrong content type. Never changes the exit code.
 *
 * @param severity ERROR for a BR MUST or SHOULD NOT, WARNING otherwise
 */
public record CheckFinding(String kind, String url, String severity, String citation, String message) {
}
