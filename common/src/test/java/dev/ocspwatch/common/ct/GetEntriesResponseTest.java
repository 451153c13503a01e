package dev.ocspwatch.common.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GetEntriesResponseTest {
    @Test
    void readsBothEntriesOfThePrecertAndX509Answer() throws Exception {
        List<RawEntry> entries = GetEntriesResponse.parse(CtVectors.text(CtVectors.PRECERT_AND_X509));
        assertEquals(2, entries.size());
        assertEquals(CtVectors.PRECERT_LEAF_HASH, CtVectors.hex(entries.get(0).leafHash()));
        assertEquals(CtVectors.X509_LEAF_HASH, CtVectors.hex(entries.get(1).leafHash()));
        assertArrayEquals(CtVectors.entryField(CtVectors.PRECERT_AND_X509, "extra_data").get(0), entries.get(0).extraData());
    }

    @Test
    void readsTheFour2013Entries() throws Exception {
        List<RawEntry> entries = GetEntriesResponse.parse(CtVectors.text(CtVectors.FOUR_X509));
        assertEquals(CtVectors.FOUR_LEAF_HASHES, entries.stream().map(e -> CtVectors.hex(e.leafHash())).toList());
    }

    @Test
    void writesWhatItReads() throws Exception {
        for (String file : List.of(CtVectors.PRECERT_AND_X509, CtVectors.FOUR_X509)) {
            List<RawEntry> entries = GetEntriesResponse.parse(CtVectors.text(file));
            assertEquals(entries, GetEntriesResponse.parse(GetEntriesResponse.format(entries)));
        }
        assertEquals("{\"entries\":[{\"leaf_input\":\"AAE=\",\"extra_data\":\"\"}]}",
                GetEntriesResponse.format(List.of(new RawEntry(new byte[] {0, 1}, new byte[0]))));
    }

    @Test
    void anEmptyListIsAValidAnswer() throws Exception {
        assertEquals(List.of(), GetEntriesResponse.parse("{\"entries\":[]}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{|get-entries: not JSON: Unexpected end-of-input",
            "{}|get-entries: entries is missing",
            "{\"entries\":{}}|get-entries: entries is not an array: {}",
            "{\"entries\":[1]}|get-entries: entry 0: not an object: 1",
            "{\"entries\":[{\"leaf_input\":\"AA==\",\"extra_data\":\"\"},{\"extra_data\":\"\"}]}|get-entries: entry 1: leaf_input is missing",
            "{\"entries\":[{\"leaf_input\":\"AA==\",\"extra_data\":\"*\"}]}|get-entries: entry 0: extra_data is not base64: \"*\"",
            "{\"entries\":[{\"leaf_input\":5,\"extra_data\":\"\"}]}|get-entries: entry 0: leaf_input is not a base64 string: 5",
            "{\"entries\":[]}]|get-entries: not JSON: ",
            "{\"entries\":[]} {}|get-entries: not JSON: Trailing token",
            "{\"entries\":[],\"entries\":[]}|get-entries: not JSON: Duplicate field 'entries'"})
    void badAnswersAreFormatErrorsNamingTheEntry(String json, String message) {
        String actual = assertThrows(CtFormatException.class, () -> GetEntriesResponse.parse(json)).getMessage();
        assertTrue(actual.startsWith(message), actual);
    }
}
