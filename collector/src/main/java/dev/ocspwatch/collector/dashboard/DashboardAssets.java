package dev.ocspwatch.collector.dashboard;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard's three static files, read once from the classpath and served from memory:
 * no file system access at request time, nothing unpacked to a cache directory, the same
 * behaviour from the IDE and from the shaded jar.
 */
public final class DashboardAssets {
    static final String ROOT = "/dev/ocspwatch/collector/dashboard/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8");

    private final Map<String, Asset> assets;

    private DashboardAssets(Map<String, Asset> assets) {
        this.assets = assets;
    }

    /** Reads the files now, so a broken build fails at startup rather than on the first page view. */
    public static DashboardAssets load() {
        Map<String, Asset> assets = new LinkedHashMap<>();
        FILES.forEach((name, type) -> assets.put("/" + name, new Asset(Buffer.buffer(read(name)), type)));
        assets.put("/", assets.get("/index.html"));
        return new DashboardAssets(assets);
    }

    /** GET of {@code /}, {@code /index.html}, {@code /dashboard.js}, {@code /dashboard.css}. */
    public void mount(Router router) {
        assets.forEach((path, asset) -> router.get(path).handler(ctx -> {
            // The shell holds no data; "no-cache" lets the browser keep it but check for a new version.
            ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType())
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .end(asset.body());
        }));
    }

    private static byte[] read(String name) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard file " + ROOT + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard file " + ROOT + name, e);
        }
    }

    private record Asset(Buffer body, String contentType) {
    }
}
