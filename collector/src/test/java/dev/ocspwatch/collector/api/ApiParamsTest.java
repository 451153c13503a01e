package dev.ocspwatch.collector.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.collector.query.VerdictQuery;
import dev.ocspwatch.common.verdict.Verdict;
import io.vertx.core.MultiMap;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApiParamsTest {
    private static final String HASH = "ab".repeat(32);

    @Test
    void readsEveryVerdictFilter() {
        MultiMap params = MultiMap.caseInsensitiveMultiMap()
                .add("verdict", "INCONCLUSIVE").add("issuer", "Example CA").add("host", "ocsp.example.org")
                .add("region", "eu-central").add("since", "2026-11-23T08:00:00Z").add("until", "2026-11-23T09:00:00Z")
                .add("limit", "500").add("after", "1795428000000~aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:1f");
        assertEquals(new VerdictQuery(Verdict.INCONCLUSIVE, "Example CA", "ocsp.example.org", "eu-central",
                Instant.parse("2026-11-23T08:00:00Z"), Instant.parse("2026-11-23T09:00:00Z"), "1795428000000~aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:1f", 500),
                ApiParams.verdictQuery(params));
    }

    @Test
    void treatsMissingAndEmptyValuesAsNoFilterWithFiftyPerPage() {
        VerdictQuery query = ApiParams.verdictQuery(MultiMap.caseInsensitiveMultiMap().add("verdict", ""));
        assertNull(query.verdict());
        assertNull(query.since());
        assertEquals(50, query.limit());
    }

    @Test
    void refusesSinceNotBeforeUntil() {
        MultiMap params = MultiMap.caseInsensitiveMultiMap().add("since", "2026-11-23T09:00:00Z").add("until", "2026-11-23T09:00:00Z");
        assertTrue(bad(params).contains("must be before"));
    }

    @Test
    void refusesARepeatedParameterAndAnOverlongText() {
        assertTrue(bad(MultiMap.caseInsensitiveMultiMap().add("verdict", "VIOLATION").add("verdict", "COMPLIANT"))
                .contains("given 2 times"));
        String error = bad(MultiMap.caseInsensitiveMultiMap().add("issuer", "x".repeat(300)));
        assertTrue(error.contains("longer than 256") && error.length() < 200, error);
    }

    @Test
    void namesTheVerdictsWhenOneIsMisspelled() {
        String error = bad(MultiMap.caseInsensitiveMultiMap().add("verdict", "OK"));
        assertEquals("verdict \"OK\" is not one of COMPLIANT, VIOLATION, INCONCLUSIVE, NOT_APPLICABLE", error);
    }

    @Test
    void canonicalizesACertificateIdTheWayTheCollectorKeysIt() {
        assertEquals(HASH + ":1f", ApiParams.certificateId(HASH.toUpperCase() + ":001F"));
        assertEquals(HASH + ":0", ApiParams.certificateId(HASH + ":00"));
    }

    @Test
    void refusesACertificateIdOfAnyOtherShape() {
        for (String id : new String[] {null, "", HASH, HASH + ":", ":01", HASH + "0:01", HASH + ":g1", HASH + ":01:02",
                HASH + ":" + "1".repeat(65), HASH + "/../x:01"}) {
            assertThrows(ApiParams.BadParameter.class, () -> ApiParams.certificateId(id), String.valueOf(id));
        }
    }

    @Test
    void cutsLongQuotesShort() {
        assertEquals("\"" + "y".repeat(80) + "...\"", ApiParams.quote("y".repeat(1000)));
        assertEquals("(none)", ApiParams.quote(null));
    }

    private static String bad(MultiMap params) {
        return assertThrows(ApiParams.BadParameter.class, () -> ApiParams.verdictQuery(params)).getMessage();
    }
}
