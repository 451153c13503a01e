package dev.ocspwatch.collector.dashboard;

import static dev.ocspwatch.collector.api.TestHttp.await;
import static dev.ocspwatch.collector.api.TestHttp.get;
import static dev.ocspwatch.collector.api.TestHttp.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DashboardAssetsTest {
    private static Vertx vertx;
    private static HttpServer server;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        DashboardAssets.load().mount(router);
        server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        await(vertx.close());
    }

    @Test
    void servesThePageAtTheRootWithItsScriptAndStyle() {
        HttpResponse<String> page = get(server.actualPort(), "/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", header(page, "content-type"));
        assertEquals("no-cache", header(page, "cache-control"));
        assertTrue(page.body().contains("<script src=\"dashboard.js\" defer></script>"), page.body());
        assertEquals(page.body(), get(server.actualPort(), "/index.html").body());
        HttpResponse<String> script = get(server.actualPort(), "/dashboard.js");
        assertEquals("text/javascript; charset=utf-8", header(script, "content-type"));
        assertEquals(resource("dashboard.js"), script.body());
        assertEquals("text/css; charset=utf-8", header(get(server.actualPort(), "/dashboard.css"), "content-type"));
        assertEquals(404, get(server.actualPort(), "/dashboard.map").statusCode());
    }

    @Test
    void givesTheQueriedElementsStableIds() {
        String page = resource("index.html");
        for (String id : List.of("violations", "issuers", "regions", "certificate", "overview", "health", "error")) {
            assertTrue(page.contains("id=\"" + id + "\""), id);
        }
    }

    @Test
    void neverParsesStringsAsHtml() {
        // Untrusted subjects and reasons must reach the page only as text (the Chromium test checks the effect).
        String script = resource("dashboard.js").replaceAll("(?m)^\\s*//.*$", "");
        for (String sink : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                "new Function", "setTimeout('", "srcdoc")) {
            assertFalse(script.contains(sink), sink);
        }
    }

    @Test
    void loadsNothingFromAnotherOrigin() {
        Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(resource("index.html"));
        int count = 0;
        while (refs.find()) {
            String ref = refs.group(1);
            assertFalse(ref.contains("//") || ref.contains(":") && !ref.equals("data:,"), ref);
            count++;
        }
        assertTrue(count >= 3, "script, style and icon");
        String css = resource("dashboard.css");
        assertFalse(css.contains("@import") || css.contains("url("), "the style pulls in nothing");
        assertFalse(resource("dashboard.js").replace("http://www.w3.org/2000/svg", "").contains("://"),
                "the script talks only to its own origin");
    }

    private static String resource(String name) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(DashboardAssets.ROOT + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
