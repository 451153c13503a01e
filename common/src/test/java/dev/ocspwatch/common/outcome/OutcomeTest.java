package dev.ocspwatch.common.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The names and groups of DESIGN.md's vocabulary table: a contract with every other module. */
class OutcomeTest {
    @Test
    void namesEveryOutcomeExactlyAsDesignMdDoes() {
        assertEquals(List.of("GOOD", "REVOKED", "UNKNOWN", "UNAUTHORIZED", "TRY_LATER", "INTERNAL_ERROR",
                "MALFORMED_REQUEST", "SIG_REQUIRED", "BAD_SIGNATURE", "UNAUTHORIZED_SIGNER", "WRONG_CERT_ID",
                "NOT_CURRENT", "MALFORMED_RESPONSE", "HTTP_ERROR", "DNS_FAILURE", "CONNECT_FAILURE", "TLS_FAILURE",
                "TIMEOUT", "BLOCKED"), Arrays.stream(Outcome.values()).map(Enum::name).toList());
    }

    @Test
    void groupsOutcomesAsDesignMdDoes() {
        assertEquals(EnumSet.of(Outcome.GOOD, Outcome.REVOKED), members(OutcomeGroup.AUTHORITATIVE));
        assertEquals(EnumSet.of(Outcome.DNS_FAILURE, Outcome.CONNECT_FAILURE, Outcome.TLS_FAILURE, Outcome.TIMEOUT),
                members(OutcomeGroup.TRANSPORT));
        assertEquals(EnumSet.of(Outcome.BLOCKED), members(OutcomeGroup.POLICY));
        assertEquals(12, members(OutcomeGroup.RESPONDER).size());
        assertEquals(EnumSet.of(Outcome.GOOD, Outcome.REVOKED),
                Arrays.stream(Outcome.values()).filter(Outcome::authoritative).collect(Collectors.toCollection(() -> EnumSet.noneOf(Outcome.class))));
    }

    private static Set<Outcome> members(OutcomeGroup group) {
        return Arrays.stream(Outcome.values()).filter(o -> o.group() == group)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Outcome.class)));
    }
}
