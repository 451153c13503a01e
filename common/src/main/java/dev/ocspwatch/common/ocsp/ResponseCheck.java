package dev.ocspwatch.common.ocsp;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ocspwatch.common.ocsp.lint.LintFinding;
import dev.ocspwatch.common.outcome.Outcome;
import java.util.List;
import java.util.Objects;

/**
 * The judgement of one response: exactly one outcome from the vocabulary, the reason in a
 * sentence, what the response said, and BR lint findings (only for authoritative responses;
 * findings never change the outcome).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseCheck(Outcome outcome, String reason, ResponseDetails details, List<LintFinding> lints) {
    public ResponseCheck {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        lints = List.copyOf(lints);
    }

    static ResponseCheck of(Outcome outcome, String reason, ResponseDetails details) {
        return new ResponseCheck(outcome, reason, details, List.of());
    }
}
