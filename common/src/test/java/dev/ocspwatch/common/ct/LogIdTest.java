package dev.ocspwatch.common.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LogIdTest {
    @ParameterizedTest
    @CsvSource({
            "ct/rfc6962/pilot-pubkey.pem, pLkJkLQYWBSHuxOizGdwCjw1mAT5G9+443fNDsgN3BA=",
            "ct/rfc6962/argon2024-pubkey.pem, 7s3QZNXbGs7FXLedtM0TojKHRny87N7DUUhZRnEftZs=",
            "ct/static-ct/rome2024h1-pubkey.pem, qT0HRLk491QYz2Xop38YM3+Te7X6hfRNtTuuLBTBGss=",
            "ct/static-ct/navigli2025h2-pubkey.pem, 5Pt3SiEkxYZAsYMvUKv63ISjiu1xke62aSI3ksv2KJE="})
    void isTheReadmeLogIdOfEachKey(String pem, String logId) throws Exception {
        assertEquals(logId, LogId.of(CtVectors.publicKey(pem)).base64());
        assertEquals(LogId.fromBase64(logId), LogId.of(CtVectors.publicKey(pem)));
    }

    @Test
    void matchesEveryLogIdOfTheLogList() throws Exception {
        JsonNode list = new ObjectMapper().readTree(CtVectors.bytes("ct/loglist/ctgo-loglist3.json"));
        int logs = 0;
        for (JsonNode operator : list.get("operators")) {
            for (JsonNode log : operator.get("logs")) {
                byte[] key = Base64.getDecoder().decode(log.get("key").asText());
                assertEquals(log.get("log_id").asText(), LogId.ofSpki(key).base64(), log.get("description").asText());
                logs++;
            }
        }
        assertEquals(6, logs);
    }

    @Test
    void hexIsLowerCase() throws Exception {
        assertEquals("a4b90990b418581487bb13a2cc67700a3c359804f91bdfb8e377cd0ec80ddc10",
                LogId.fromBase64("pLkJkLQYWBSHuxOizGdwCjw1mAT5G9+443fNDsgN3BA=").hex());
    }

    @Test
    void refusesBase64ThatIsNotA32ByteId() {
        assertEquals("log ID has 3 bytes, not 32: \"AAAA\"",
                assertThrows(CtFormatException.class, () -> LogId.fromBase64("AAAA")).getMessage());
        assertThrows(CtFormatException.class, () -> LogId.fromBase64("not base64!"));
        assertThrows(IllegalArgumentException.class, () -> new LogId(new byte[31]));
    }
}
