package dev.orderpipeline.consoletests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.platform.security.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the console is served, over plain HTTP (no browser needed): public next to deny-by-default API routes, every
 * file the page refers to present, nothing else reachable, a strict Content-Security-Policy, revalidation by ETag.
 */
class ConsoleServingTest {

    private static final Pattern PAGE_REFERENCE = Pattern.compile("(?:src|href)=\"(/console/[^\"]+)\"");
    private static final Pattern MODULE_IMPORT = Pattern.compile("from '\\./([^']+)'");

    private static StubPipeline server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() {
        server = new StubPipeline(config -> config.routes.get("/sales/monthly", ctx -> ctx.json("{}"), Role.SALES_READ));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private HttpResponse<String> get(final String path, final String... headers) throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldServeThePageWithoutCredentialsWhileTheApiStillNeedsThem() throws Exception {
        // When the page is fetched without any credentials
        final HttpResponse<String> page = get("/");

        // Then it is served, with a policy that allows only this origin
        assertThat(page.statusCode()).as("GET /").isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).as("content type of /").hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).as("CSP of /").hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).as("nosniff").contains("nosniff");
        assertThat(page.body()).as("the page").contains("<title>Order pipeline console</title>");

        // And the API next to it still answers 401 without a key
        final HttpResponse<String> api = get("/sales/monthly?from=2026-01&to=2026-02");
        assertThat(api.statusCode()).as("API without a key").isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate")).as("challenge").isPresent();
    }

    @Test
    void shouldServeEveryFileThePageAndItsScriptsReferTo() throws Exception {
        // Given the files named by the page, and the modules its scripts import
        final Set<String> files = new LinkedHashSet<>();
        final Matcher inPage = PAGE_REFERENCE.matcher(get("/").body());
        while (inPage.find()) {
            files.add(inPage.group(1));
        }
        for (final String script : Set.copyOf(files)) {
            if (script.endsWith(".js") && !script.contains("/vendor/")) {
                final Matcher imports = MODULE_IMPORT.matcher(get(script).body());
                while (imports.find()) {
                    files.add("/console/" + imports.group(1));
                }
            }
        }
        assertThat(files).as("files referred to").contains("/console/app.js", "/console/sales.js", "/console/console.css",
                "/console/vendor/chart.umd.min.js");

        // Then each is served with a fitting content type
        for (final String file : files) {
            final HttpResponse<String> response = get(file);
            assertThat(response.statusCode()).as("GET %s", file).isEqualTo(200);
            final String expected = file.endsWith(".js") ? "text/javascript" : file.endsWith(".css") ? "text/css" : "image/svg+xml";
            assertThat(response.headers().firstValue("Content-Type")).as("content type of %s", file)
                    .hasValueSatisfying(type -> assertThat(type).startsWith(expected));
        }
        assertThat(get("/console/vendor/chart.umd.min.js").body()).as("the Chart.js bundle of the WebJar")
                .startsWith("/*!\n * Chart.js v4");
    }

    @Test
    void shouldAnswerNotModifiedWhenTheFileIsUnchanged() throws Exception {
        // Given the ETag of a file
        final HttpResponse<String> first = get("/console/app.js");
        final String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).as("revalidate every time").contains("no-cache");

        // When it is asked for again with that ETag, Then nothing is sent
        final HttpResponse<String> again = get("/console/app.js", "If-None-Match", etag);
        assertThat(again.statusCode()).as("conditional GET").isEqualTo(304);
        assertThat(again.body()).as("body of 304").isEmpty();
    }

    @Test
    void shouldServeNothingButTheConsoleFiles() throws Exception {
        for (final String path : new String[] {"/console/nope.js", "/console/ConsoleRoutes.class",
                "/console/../logback-test.xml", "/console/%2e%2e/%2e%2e/etc/passwd", "/console/vendor/chart.umd.js.map",
                "/console/META-INF/maven/org.webjars.npm/chart.js/pom.properties", "/console/"}) {
            final HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as("GET %s", path).isIn(400, 404);
            assertThat(response.body()).as("body of GET %s", path).doesNotContain("root:").doesNotContain("<configuration>");
        }
    }
}
