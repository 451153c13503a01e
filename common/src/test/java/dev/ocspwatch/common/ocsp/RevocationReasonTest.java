package dev.ocspwatch.common.ocsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RevocationReasonTest {
    /** RFC 5280 5.3.1; 7 is not used. */
    @ParameterizedTest
    @CsvSource({"0, unspecified", "1, keyCompromise", "2, cACompromise", "3, affiliationChanged", "4, superseded",
            "5, cessationOfOperation", "6, certificateHold", "7, reason(7)", "8, removeFromCRL", "9, privilegeWithdrawn",
            "10, aACompromise", "11, reason(11)", "-1, reason(-1)"})
    void namesReasonsAsRfc5280(int code, String name) {
        assertEquals(name, RevocationReason.name(code));
    }
}
