package dev.ocspwatch.common.ocsp.lint;

import java.util.Objects;

/** One lint finding: the rule, what it cites, and the facts that break it. */
public record LintFinding(LintRule rule, String citation, Severity severity, String message) {
    public LintFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    public static LintFinding of(LintRule rule, String message) {
        return new LintFinding(rule, rule.citation(), rule.severity(), message);
    }
}
