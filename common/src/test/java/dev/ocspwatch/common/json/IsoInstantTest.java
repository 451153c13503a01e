package dev.ocspwatch.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantTest {
    @Test
    void writesExactlyWhatInstantToStringWrites() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            // Years 0000 to 9999, before and after 1970.
            long seconds = Math.floorMod(random.nextLong(), 253_402_300_800L + 62_167_219_200L) - 62_167_219_200L;
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nano);
            assertEquals(instant.toString(), IsoInstant.format(instant));
            assertEquals(instant, IsoInstant.parse(instant.toString()));
        }
        Instant far = Instant.parse("+12345-01-01T00:00:00Z");
        assertEquals(far.toString(), IsoInstant.format(far));
        Instant bc = Instant.parse("-0001-01-01T00:00:00Z");
        assertEquals(bc.toString(), IsoInstant.format(bc));
        assertNull(IsoInstant.parse(bc.toString()), "left to the JDK");
    }

    @Test
    void readsAnyFractionLengthAndLeavesOtherFormsToTheJdk() {
        assertEquals(Instant.parse("2026-11-23T10:00:00.1Z"), IsoInstant.parse("2026-11-23T10:00:00.1Z"));
        assertEquals(Instant.parse("2026-11-23T10:00:00.123456789Z"), IsoInstant.parse("2026-11-23T10:00:00.123456789Z"));
        assertNull(IsoInstant.parse("2026-11-23T10:00:00+01:00"));
        assertNull(IsoInstant.parse("2026-11-23T23:59:60Z"), "a leap second");
        assertNull(IsoInstant.parse("2026-02-30T10:00:00Z"));
        assertNull(IsoInstant.parse("2026-11-23T10:00:00.Z"));
        assertNull(IsoInstant.parse("2026-11-23T10:00:00.1234567890Z"));
        assertNull(IsoInstant.parse("2026-1a-23T10:00:00Z"));
    }

    @Test
    void jsonReadsBothFormsAndStillRejectsNonsense() throws Exception {
        record Stamp(Instant at) {
        }
        assertEquals("{\"at\":\"2026-11-23T10:00:00.250Z\"}", Json.mapper().writeValueAsString(new Stamp(Instant.parse("2026-11-23T10:00:00.250Z"))));
        assertEquals(Instant.parse("2026-11-23T09:00:00Z"), Json.mapper().readValue("{\"at\":\"2026-11-23T10:00:00+01:00\"}", Stamp.class).at());
        assertEquals(Instant.parse("2026-11-23T10:00:00Z"), Json.mapper().readValue("{\"at\":\"2026-11-23T10:00:00Z\"}", Stamp.class).at());
        assertThrows(JsonMappingException.class, () -> Json.mapper().readValue("{\"at\":\"2026-02-30T10:00:00Z\"}", Stamp.class));
    }
}
