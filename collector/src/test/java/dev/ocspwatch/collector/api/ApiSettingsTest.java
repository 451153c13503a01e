package dev.ocspwatch.collector.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiSettingsTest {
    private static final String TOKEN = "0123456789abcdef0123";

    @Test
    void bindsToLoopbackByDefault() {
        assertEquals("127.0.0.1", ApiSettings.defaults().host());
        assertEquals("127.0.0.1", new ApiSettings(null, 0, null, null).host());
        assertFalse(ApiSettings.defaults().tokenRequired());
    }

    @Test
    void refusesAPublicAddressWithoutAToken() {
        for (String host : List.of("0.0.0.0", "::", "[::]", "192.168.1.10", "10.0.0.1", "collector.example.org",
                "127.0.0.1.nip.io", "127.0.0.256", "fe80::1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ApiSettings(host, 8080, null, null), host);
            assertTrue(e.getMessage().contains("without a bearer token") && e.getMessage().contains(host), e.getMessage());
            assertEquals(host, new ApiSettings(host, 8080, TOKEN, null).host(), "with a token " + host + " is fine");
        }
    }

    @Test
    void servesLoopbackLiteralsAndLocalhostWithoutAToken() {
        for (String host : List.of("127.0.0.1", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1", "localhost", "LocalHost")) {
            assertTrue(ApiSettings.isLoopback(host), host);
            assertEquals(host, new ApiSettings(host, 0, null, null).host());
        }
    }

    @Test
    void refusesAWeakOrMalformedTokenWithoutQuotingIt() {
        for (String token : List.of("hunter2", "", "correct horse battery staple", "token-with-\"quote\"-0123456789")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ApiSettings("127.0.0.1", 0, token, null));
            assertTrue(token.isEmpty() || !e.getMessage().contains(token), e.getMessage());
            assertTrue(e.getMessage().startsWith("API bearer token"), e.getMessage());
        }
    }

    @Test
    void neverShowsTheTokenInItsTextForm() {
        String text = new ApiSettings("0.0.0.0", 8080, TOKEN, null).toString();
        assertFalse(text.contains(TOKEN), text);
        assertTrue(text.contains("bearerToken=(set)"), text);
    }

    @Test
    void refusesAPortOutsideTheTcpRange() {
        assertThrows(IllegalArgumentException.class, () -> new ApiSettings(null, -1, null, null));
        assertThrows(IllegalArgumentException.class, () -> new ApiSettings(null, 65536, null, null));
        assertThrows(IllegalArgumentException.class, () -> new ApiSettings(" ", 80, null, null));
        assertEquals(65535, new ApiSettings(null, 65535, null, null).port());
    }

    @Test
    void linksCertificatesUnderThePublicBaseUrl() {
        ApiSettings settings = new ApiSettings(null, 0, null, "https://ocspwatch.example.org/watch/");
        assertEquals("https://ocspwatch.example.org/watch", settings.publicBaseUrl());
        assertEquals(Optional.of("https://ocspwatch.example.org/watch/#/certificates/ab:01"), settings.certificateLink("ab:01"));
        assertEquals(Optional.empty(), ApiSettings.defaults().certificateLink("ab:01"));
    }

    @Test
    void refusesAPublicBaseUrlThatIsNotAPlainHttpUrl() {
        for (String url : List.of("javascript:alert(1)", "ftp://files.example.org/", "https://user:pw@example.org/",
                "https://example.org/?q=1", "/relative", "https://example.org/#x", "http://exa mple.org/")) {
            assertThrows(IllegalArgumentException.class, () -> new ApiSettings(null, 0, null, url), url);
        }
    }
}
