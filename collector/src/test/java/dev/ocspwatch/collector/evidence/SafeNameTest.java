package dev.ocspwatch.collector.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SafeNameTest {
    @Test
    void plainNamesStayAsTheyAre() {
        assertEquals("eu-west-1", SafeName.of("eu-west-1"));
        assertEquals("POST", SafeName.of("POST"));
        assertEquals("a.b_c", SafeName.of("a.b_c"));
    }

    @Test
    void anythingElseBecomesOnlySafeCharactersNeverADotName() {
        for (String hostile : List.of("../../etc", "..", ".", "", "/abs", "a\\b", "eu west", "r\u00e9gion", "a\0b",
                ".hidden", "x".repeat(500), "C:\\Windows")) {
            String safe = SafeName.of(hostile);

            assertTrue(safe.matches("[A-Za-z0-9._-]+"), hostile + " -> " + safe);
            assertFalse(safe.startsWith("."), hostile + " -> " + safe);
            assertTrue(safe.length() <= 105, hostile + " -> " + safe);
        }
    }

    @Test
    void namesThatSanitizeAlikeStayApart() {
        assertNotEquals(SafeName.of("eu/west"), SafeName.of("eu_west"));
        assertNotEquals(SafeName.of("eu/west"), SafeName.of("eu\\west"));
        assertEquals(SafeName.of("../../etc"), SafeName.of("../../etc"), "the same name, the same file name");
    }
}
