package dev.ocspwatch.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.ocspwatch.common.ocsp.SignerInfo;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesTimesAsIsoStringsAndReadsThemBack() throws Exception {
        SignerInfo signer = new SignerInfo("issuer", "CN=x", "1f", Instant.parse("2012-10-15T08:41:13Z"), "ab");
        String json = Json.mapper().writeValueAsString(signer);
        assertEquals("{\"role\":\"issuer\",\"subject\":\"CN=x\",\"serialHex\":\"1f\",\"notAfter\":\"2012-10-15T08:41:13Z\",\"sha256\":\"ab\"}", json);
        assertEquals(signer, Json.mapper().readValue(json, SignerInfo.class));
    }

    @Test
    void rejectsUnknownPropertiesSoATypoIsAnError() {
        assertThrows(UnrecognizedPropertyException.class,
                () -> Json.mapper().readValue("{\"role\":\"issuer\",\"rol\":\"x\"}", SignerInfo.class));
    }
}
