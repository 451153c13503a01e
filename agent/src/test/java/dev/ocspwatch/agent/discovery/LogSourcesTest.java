package dev.ocspwatch.agent.discovery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocspwatch.agent.testing.Ports;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the logs to follow come from: a list file, a list URL with its cached copy, and logs named in the configuration. */
class LogSourcesTest {
    private static final Clock LIST_TIME = Clock.fixed(Instant.parse("2022-05-06T12:55:11Z"), ZoneOffset.UTC);
    private static final List<String> CTGO_LOGS = List.of("Google 'Aviator' log", "Google 'Icarus' log", "Google 'Rocketeer' log");
    private static final String ICARUS_KEY =
            "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAETtK8v7MICve56qTHHDhhBOuV4IlUaESxZryCfk9QbG9co/CqPvTsgPDbCpp6oFtyAHwlDhnvr7JijXRD9Cb2FA==";

    static Vertx vertx;
    static CtHttp http;
    @TempDir
    Path directory;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        http = new CtHttp(vertx, Duration.ofSeconds(5), 1 << 20, "ocspwatch-discovery-test", 2);
    }

    @AfterAll
    static void stop() {
        http.close();
        LogProxy.join(vertx.close());
    }

    /** Loads on a Vert.x context, as the agent does (CtHttp is called from its verticle's context). */
    private static LogSources.Logs load(DiscoverySettings settings) {
        return load(settings, LIST_TIME);
    }

    private static LogSources.Logs load(DiscoverySettings settings, Clock clock) {
        io.vertx.core.Promise<LogSources.Logs> loaded = io.vertx.core.Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> new LogSources(vertx, http, settings, clock).load().onComplete(loaded));
        return LogProxy.join(loaded.future());
    }

    private static DiscoverySettings list(String source, Path cache, List<LogSpec> logs) {
        return new DiscoverySettings(source, cache, null, logs, null, null, null);
    }

    private static List<String> names(LogSources.Logs logs) {
        return logs.logs().stream().map(CtLog::name).toList();
    }

    @Test
    void readsAListFromAFile() throws Exception {
        Path file = Files.write(directory.resolve("log_list.json"), StaticServer.resource("loglist/ctgo-loglist3.json"));
        LogSources.Logs logs = load(list(file.toString(), null, List.of()));
        assertEquals(CTGO_LOGS, names(logs));
        assertEquals(3, logs.skipped().size(), logs.skipped().toString());
        Exception missing = assertThrows(Exception.class, () -> load(list(directory.resolve("none.json").toString(), null, List.of())));
        assertTrue(missing.getMessage().contains("none.json"), missing.getMessage());
    }

    @Test
    void readsAListFromAUrlAndFallsBackToItsCachedCopyWhenTheUrlFails() throws Exception {
        byte[] list = StaticServer.resource("loglist/ctgo-loglist3.json");
        String json = new String(list, java.nio.charset.StandardCharsets.UTF_8);
        StaticServer server = StaticServer.start(vertx, uri -> LogProxy.Reply.json(json));
        try (server) {
            Path cache = directory.resolve("cache/log_list.json");
            DiscoverySettings settings = list(server.url("/log_list.json"), cache, List.of());
            assertEquals(CTGO_LOGS, names(load(settings)));
            assertArrayEquals(list, Files.readAllBytes(cache), "the list as fetched is cached");

            server.answer(uri -> LogProxy.Reply.of(503, "down"));
            assertEquals(CTGO_LOGS, names(load(settings)), "the cached copy when the URL answers an error");
            server.answer(uri -> LogProxy.Reply.json("{\"operators\":[]}"));
            assertTrue(load(settings).logs().isEmpty(), "a good answer replaces the cache");
            assertEquals("{\"operators\":[]}", Files.readString(cache));

            Files.write(cache, list);
            String unreachable = "http://127.0.0.1:" + Ports.closed("127.0.0.1") + "/log_list.json";
            assertEquals(CTGO_LOGS, names(load(list(unreachable, cache, List.of()))), "the cached copy when nothing answers");
            List<String> noCache = names(load(list(unreachable, directory.resolve("absent.json"), List.of())));
            assertTrue(noCache.contains("Google 'Argon2026h2' log"), "the bundled list when there is no cached copy: " + noCache);
            assertEquals(noCache, names(load(list(unreachable, null, List.of()))), "the bundled list when no cache is configured");
        }
    }

    @Test
    void theBundledListFollowsTheLogsStillOpenAtItsUseAndItsTiledLog() {
        Clock now = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);
        LogSources.Logs logs = load(DiscoverySettings.defaults(), now);
        assertEquals(List.of("Google 'Argon2026h2' log", "Google 'Xenon2026h2' log", "Cloudflare 'Nimbus2026'",
                "DigiCert 'Wyvern2026h2'", "DigiCert 'Sphinx2026h2'", "Sectigo 'Mammoth2026h2'", "Sectigo 'Sabre2026h2'",
                "Sectigo 'Elephant2026h2'", "Sectigo 'Elephant2027h1'", "Sectigo 'Elephant2027h2'", "Sectigo 'Tiger2026h2'",
                "Sectigo 'Tiger2027h1'", "Sectigo 'Tiger2027h2'", "Let's Encrypt 'Oak2026h2'", "TrustAsia 'log2026a'",
                "TrustAsia 'log2026b'", "Geomys 'Tuscolo2026h2'"), names(logs));
        CtLog tuscolo = logs.logs().get(logs.logs().size() - 1);
        assertEquals(CtApi.STATIC, tuscolo.api());
        assertEquals("https://tuscolo2026h2.skylight.geomys.org/", tuscolo.url());
        assertEquals("Rq+GPTs+5Z+ld96oJF02sNntIqIj9GF3QSKUUu6VUF8=", tuscolo.logId().base64());
        assertEquals(33, logs.skipped().size(), "ended intervals, retired logs and the bogus placeholder: " + logs.skipped());
        assertTrue(logs.skipped().stream().anyMatch(s -> s.name().equals("DigiCert Yeti2025 Log")), logs.skipped().toString());
    }

    @Test
    void logsNamedInTheConfigurationWinOverTheListsAndKeepTheirStartIndex() throws Exception {
        Path file = Files.write(directory.resolve("log_list.json"), StaticServer.resource("loglist/ctgo-loglist3.json"));
        LogSpec icarus = new LogSpec("my icarus mirror", "http://mirror.test/icarus", CtApi.RFC6962, ICARUS_KEY, null, 1234L);
        LogSpec broken = new LogSpec("broken", "http://broken.test/", CtApi.RFC6962, "bm90IGEga2V5", null, null);
        LogSpec tiled = new LogSpec("tiled", "https://tiled.test/2025/", CtApi.STATIC, ICARUS_KEY, null, null);
        LogSources.Logs logs = load(list(file.toString(), null, List.of(icarus, broken)));

        assertEquals(List.of("Google 'Aviator' log", "my icarus mirror", "Google 'Rocketeer' log"), names(logs),
                "same log id: the configured one replaces the list's");
        CtLog mine = logs.logs().get(1);
        assertEquals("http://mirror.test/icarus/", mine.url());
        assertEquals("KTxRllTIOWW6qlD8WAfUt2+/WHopctykwwz05UVH9Hg=", mine.logId().base64());
        assertEquals(Map.of("my icarus mirror", 1234L), logs.fromIndex());
        assertTrue(logs.skipped().stream().anyMatch(s -> s.name().equals("broken") && s.reason().startsWith("key: ")),
                logs.skipped().toString());

        LogSources.Logs only = load(list(null, null, List.of(tiled)));
        assertEquals(1, only.logs().size());
        assertEquals("tiled.test/2025", only.logs().get(0).origin(), "a configured static log's origin defaults to its URL");
    }
}
