package dev.ocspwatch.common.ocsp.lint;

/**
 * The BR rules ocspwatch lints authoritative responses against. Each names the rule it cites;
 * a MUST is an {@link Severity#ERROR}, a SHOULD or an operational bound a {@link Severity#WARNING}.
 */
public enum LintRule {
    VALIDITY_INTERVAL_TOO_SHORT("BR 4.9.10 (1)", Severity.ERROR),
    VALIDITY_INTERVAL_TOO_LONG("BR 4.9.10 (2)", Severity.ERROR),
    NEXT_UPDATE_MISSING("BR 4.9.10; RFC 5019 2.2.4", Severity.ERROR),
    THIS_UPDATE_STALE("BR 4.9.10 (4); Mozilla Root Store Policy 6", Severity.ERROR),
    NEXT_UPDATE_AFTER_SIGNER_EXPIRY("RFC 6960 4.2.2.2; BR 4.9.10", Severity.WARNING),
    DELEGATED_SIGNER_EXTRA_EKU("BR 7.1.2.8.5", Severity.ERROR),
    DELEGATED_SIGNER_NO_NOCHECK("BR 7.1.2.8.6; BR 4.9.9", Severity.ERROR),
    DELEGATED_SIGNER_KEY_USAGE("BR 7.1.2.8.7", Severity.ERROR),
    DELEGATED_SIGNER_IS_CA("BR 7.1.2.8.4", Severity.ERROR),
    DELEGATED_SIGNER_HAS_CRL_DP("BR 7.1.2.8.2", Severity.ERROR),
    REASON_CODE_IN_SINGLE_EXTENSIONS("BR 7.3.2", Severity.ERROR),
    SHA1_SIGNATURE("BR 7.1.3.2.1", Severity.ERROR),
    SLOW_RESPONSE("BR 4.10.2", Severity.WARNING),
    CERT_ID_HASH_CHANGED("RFC 6960 4.2.1; RFC 5019 2.2.1", Severity.WARNING);

    private final String citation;
    private final Severity severity;

    LintRule(String citation, Severity severity) {
        this.citation = citation;
        this.severity = severity;
    }

    public String citation() {
        return citation;
    }

    public Severity severity() {
        return severity;
    }
}
