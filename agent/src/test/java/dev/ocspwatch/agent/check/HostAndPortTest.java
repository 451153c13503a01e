package dev.ocspwatch.agent.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostAndPortTest {

    @ParameterizedTest(name = "{0} -> {1} port {2}")
    @CsvSource(delimiter = '|', textBlock = """
            example.com              | example.com  | 443
            example.com:8443         | example.com  | 8443
            example.com:1            | example.com  | 1
            example.com:65535        | example.com  | 65535
            192.0.2.10               | 192.0.2.10   | 443
            192.0.2.10:853           | 192.0.2.10   | 853
            [2001:db8::1]            | 2001:db8::1  | 443
            [2001:db8::1]:8443       | 2001:db8::1  | 8443
            [::1]:443                | ::1          | 443
            2001:db8::1              | 2001:db8::1  | 443
            ::1                      | ::1          | 443
            """)
    void parsesHostAndOptionalPort(String text, String host, int port) {
        assertEquals(new HostAndPort(host, port), HostAndPort.parse(text));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            example.com:0        | port must be 1-65535
            example.com:65536    | port must be 1-65535
            example.com:-1       | port must be 1-65535
            example.com:https    | port must be 1-65535
            example.com:         | port must be 1-65535
            [2001:db8::1]:99999  | port must be 1-65535
            [2001:db8::1]:       | port must be 1-65535
            [2001:db8::1         | unclosed '['
            [2001:db8::1]8443    | expected ':PORT' after ']'
            :443                 | no host name
            []                   | no host name
            []:443               | no host name
            """)
    void rejectsMalformedInputQuotingIt(String text, String problem) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> HostAndPort.parse(text));

        assertTrue(error.getMessage().contains("\"" + text + "\""), error.getMessage());
        assertTrue(error.getMessage().contains(problem), error.getMessage());
    }

    @org.junit.jupiter.api.Test
    void rejectsAnEmptyHost() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> HostAndPort.parse(""));

        assertTrue(error.getMessage().contains("no host name"), error.getMessage());
    }
}
