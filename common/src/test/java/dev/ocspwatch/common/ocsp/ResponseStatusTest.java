package dev.ocspwatch.common.ocsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ocspwatch.common.outcome.Outcome;
import org.junit.jupiter.api.Test;

class ResponseStatusTest {
    @Test
    void mapsEveryRfc6960StatusToItsOutcome() {
        assertNull(ResponseStatus.fromCode(0).outcome(), "successful depends on the body");
        assertEquals(Outcome.MALFORMED_REQUEST, ResponseStatus.fromCode(1).outcome());
        assertEquals(Outcome.INTERNAL_ERROR, ResponseStatus.fromCode(2).outcome());
        assertEquals(Outcome.TRY_LATER, ResponseStatus.fromCode(3).outcome());
        assertEquals(Outcome.SIG_REQUIRED, ResponseStatus.fromCode(5).outcome());
        assertEquals(Outcome.UNAUTHORIZED, ResponseStatus.fromCode(6).outcome());
    }

    @Test
    void knowsNoStatusFourOrAboveSix() {
        assertNull(ResponseStatus.fromCode(4));
        assertNull(ResponseStatus.fromCode(7));
        assertNull(ResponseStatus.fromCode(17));
        assertNull(ResponseStatus.fromCode(-1));
    }

    @Test
    void describesStatusesWithTheirRfcNames() {
        assertEquals("successful (0)", ResponseStatus.describe(0));
        assertEquals("tryLater (3)", ResponseStatus.describe(3));
        assertEquals("unauthorized (6)", ResponseStatus.describe(6));
        assertEquals("undefined (17)", ResponseStatus.describe(17));
    }
}
