package dev.orderpipeline.projections.console;

import dev.orderpipeline.platform.security.Access;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Serves the web console: {@code GET /} is the page, {@code GET /console/{file}} its scripts, styles and the
 * Chart.js bundle (from the {@code org.webjars.npm:chart.js} WebJar). Everything is public, like a login page: the
 * files hold no data, and every API call the page makes carries the user's own key and is checked as usual.
 *
 * <p>The routes are explicit {@link Access#PUBLIC} routes rather than Javalin static files because the security
 * handler denies every matched request that is not a public route (static files included). Only the files named
 * here are served, read once at {@link #install} (a missing file fails start-up, not the first request), so no
 * request path ever reaches the class loader. Each answer carries a strict Content-Security-Policy (only this
 * origin's scripts, styles and API) and an ETag; {@code Cache-Control: no-cache} makes browsers revalidate, so an
 * upgraded console is picked up at once.
 */
public final class ConsoleRoutes {

    /** Path of the console's assets; the page itself is at {@code /}. */
    public static final String ASSET_PATH = "/console/";

    private static final String RESOURCE_ROOT = "console/";
    /** The console's own files under {@link #RESOURCE_ROOT}, as served under {@link #ASSET_PATH}. */
    private static final String[] FILES = {
        "index.html", "console.css", "app.js", "api.js", "format.js", "prometheus.js", "sales.js", "orders.js",
        "pipeline.js", "favicon.svg"};
    private static final String CHART_JS_ASSET = "vendor/chart.umd.min.js";
    private static final String CHART_JS_POM = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
    private static final String CHART_JS_FILE = "META-INF/resources/webjars/chart.js/%s/dist/chart.umd.min.js";

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private ConsoleRoutes() {
    }

    /**
     * Registers {@code GET /} and {@code GET /console/<file>} as public routes.
     *
     * @throws IllegalStateException when a console file or the Chart.js WebJar is missing from the classpath
     */
    public static void install(final JavalinConfig config) {
        final Map<String, Asset> assets = load(ConsoleRoutes.class.getClassLoader());
        final Asset page = assets.get("index.html");
        config.routes.get("/", page::send, Access.PUBLIC);
        config.routes.get(ASSET_PATH + "<file>", ctx -> {
            final Asset asset = assets.get(ctx.pathParam("file"));
            if (asset == null) {
                throw new NotFoundResponse("No console file " + ctx.path());
            }
            asset.send(ctx);
        }, Access.PUBLIC);
    }

    private static Map<String, Asset> load(final ClassLoader loader) {
        final Map<String, Asset> assets = new LinkedHashMap<>();
        for (final String file : FILES) {
            assets.put(file, Asset.of(read(loader, RESOURCE_ROOT + file), contentType(file)));
        }
        final Properties chartJs = new Properties();
        try (InputStream in = open(loader, CHART_JS_POM)) {
            chartJs.load(in);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read " + CHART_JS_POM, e);
        }
        final String chartJsFile = CHART_JS_FILE.formatted(chartJs.getProperty("version"));
        assets.put(CHART_JS_ASSET, Asset.of(read(loader, chartJsFile), contentType(chartJsFile)));
        return Map.copyOf(assets);
    }

    private static byte[] read(final ClassLoader loader, final String resource) {
        try (InputStream in = open(loader, resource)) {
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read console resource " + resource, e);
        }
    }

    private static InputStream open(final ClassLoader loader, final String resource) {
        final InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Console resource " + resource + " is not on the classpath; "
                    + "is the projections jar complete (and the org.webjars.npm:chart.js WebJar present)?");
        }
        return in;
    }

    private static String contentType(final String file) {
        final String extension = file.substring(file.lastIndexOf('.') + 1);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "svg" -> "image/svg+xml";
            default -> throw new IllegalArgumentException("No content type known for console file " + file);
        };
    }

    /** One file, held in memory with its validator. */
    private record Asset(byte[] bytes, String contentType, String etag) {

        static Asset of(final byte[] bytes, final String contentType) {
            try {
                final byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
                return new Asset(bytes, contentType, "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"");
            } catch (final NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }

        void send(final Context ctx) {
            ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("Cache-Control", "no-cache");
            ctx.header("ETag", etag);
            if (etag.equals(ctx.header("If-None-Match"))) {
                ctx.status(304);
                return;
            }
            ctx.contentType(contentType).result(bytes);
        }
    }
}
