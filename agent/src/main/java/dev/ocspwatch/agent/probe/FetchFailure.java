package dev.ocspwatch.agent.probe;

import dev.ocspwatch.common.outcome.Outcome;

/**
 * Why a fetch produced no usable HTTP answer, as a vocabulary outcome: DNS_FAILURE,
 * CONNECT_FAILURE, TLS_FAILURE, TIMEOUT, BLOCKED; HTTP_ERROR for a redirect loop or a
 * malformed redirect; MALFORMED_RESPONSE for a body over the size cap.
 */
public record FetchFailure(Outcome outcome, String message) {
}
