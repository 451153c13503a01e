package dev.ocspwatch.common.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class LogKeyTest {
    @Test
    void readsAPemKeyAndComputesItsLogId() throws Exception {
        LogKey pilot = LogKey.fromPem(CtVectors.text("ct/rfc6962/pilot-pubkey.pem"));
        assertEquals("EC", pilot.publicKey().getAlgorithm());
        assertEquals("pLkJkLQYWBSHuxOizGdwCjw1mAT5G9+443fNDsgN3BA=", pilot.logId().base64());
        assertTrue(SignedTreeHead.fromGetSthJson(CtVectors.text(CtVectors.PILOT_STH)).verify(pilot.publicKey()));
    }

    @Test
    void readsTheLogListsKeysAndRefusesTheInvalidOne() throws Exception {
        JsonNode list = new ObjectMapper().readTree(CtVectors.bytes("ct/loglist/ctgo-loglist3.json"));
        int valid = 0;
        for (JsonNode operator : list.get("operators")) {
            for (JsonNode log : operator.get("logs")) {
                String name = log.get("description").asText();
                if (name.contains("Racketeer")) {
                    // README: "key is 64 raw bytes, not a valid SPKI"
                    assertThrows(CtFormatException.class, () -> LogKey.fromBase64(log.get("key").asText()));
                } else {
                    assertEquals(log.get("log_id").asText(), LogKey.fromBase64(log.get("key").asText()).logId().base64(), name);
                    valid++;
                }
            }
        }
        assertEquals(5, valid);
    }

    @Test
    void refusesTextWithoutAKey() {
        assertThrows(CtFormatException.class, () -> LogKey.fromPem("hello"));
        assertThrows(CtFormatException.class, () -> LogKey.fromBase64("%%%"));
        assertThrows(CtFormatException.class, () -> LogKey.fromSpki(new byte[] {0x30, 0x00}));
    }
}
