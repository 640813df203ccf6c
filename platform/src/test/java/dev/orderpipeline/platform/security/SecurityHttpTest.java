package dev.orderpipeline.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.orderpipeline.platform.config.Env;
import dev.orderpipeline.platform.health.Health;
import dev.orderpipeline.platform.http.HttpServer;
import dev.orderpipeline.platform.http.JsonMappers;
import dev.orderpipeline.platform.http.ProblemException;
import dev.orderpipeline.platform.metrics.Metrics;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Security as a service sees it: a real Javalin server on a random port with routes shaped like the pipeline's, and
 * real HTTP requests. The order routes stand in for the projections' {@code GET /orders/{id}}, which must use
 * {@link Authorization#requireCustomer} exactly like this.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityHttpTest {

    private static final Instant NOW = Instant.parse("2026-11-05T10:00:00Z");
    private static final Map<String, String> KEYS = Map.of(
            "admin", "k-admin-0d5e", "writer-c-1", "k-writer-77a1", "reader-c-2", "k-reader-3b9f",
            "backoffice", "k-backoffice-51c0", "analyst", "k-analyst-e2d4", "scraper", "k-scraper-90aa");
    /** Which customer each order belongs to, as the projections' order view would know. */
    private static final Map<String, String> ORDER_OWNERS = Map.of("o-1", "c-1", "o-2", "c-2");

    private final ObjectMapper json = JsonMappers.create();
    private final HttpClient http = HttpClient.newHttpClient();
    private final TestTokens tokens = new TestTokens(NOW);
    private Metrics metrics;
    private Javalin app;
    private Javalin closedMetricsApp;
    private Javalin unsecuredApp;

    @BeforeAll
    void start(@TempDir final Path dir) {
        metrics = new Metrics("security-test");
        final Path jwks = tokens.writeJwks(dir);
        app = server(jwks, Map.of()).start(0);
        closedMetricsApp = server(jwks, Map.of("SECURITY_METRICS_PUBLIC", "false")).start(0);
        unsecuredApp = HttpServer.create(json, new Health(List.of()), metrics, List.of(SecurityHttpTest::routes)).start(0);
    }

    @AfterAll
    void stop() {
        Stream.of(app, closedMetricsApp, unsecuredApp).forEach(Javalin::stop);
        metrics.close();
    }

    private Javalin server(final Path jwks, final Map<String, String> extra) {
        final Map<String, String> env = new HashMap<>(Map.of(
                "SECURITY_API_KEYS", String.join(";",
                        entry("admin", "admin", ""), entry("writer-c-1", "orders:write,orders:read", "c-1"),
                        entry("reader-c-2", "orders:read", "c-2"), entry("backoffice", "orders:read", ""),
                        entry("analyst", "sales:read", ""), entry("scraper", "metrics:read", "")),
                "SECURITY_JWT_HS256_SECRET", TestTokens.SECRET,
                "SECURITY_JWT_JWKS_FILE", jwks.toString(),
                "SECURITY_JWT_AUDIENCE", TestTokens.AUDIENCE,
                "SECURITY_JWT_ISSUER", TestTokens.ISSUER));
        env.putAll(extra);
        final SecurityConfig config = SecurityConfig.from(new Env(env));
        final List<Consumer<JavalinConfig>> services = List.of(
                javalin -> Security.install(javalin, config, Clock.fixed(NOW, ZoneOffset.UTC)), SecurityHttpTest::routes);
        return HttpServer.create(json, new Health(List.of()), metrics, services);
    }

    private static String entry(final String subject, final String roles, final String customer) {
        return subject + "|sha256:" + ApiKeyCredential.hash(KEYS.get(subject)) + "|" + roles + "|" + customer;
    }

    /** Routes shaped like the pipeline's: each declares its role; order reads check the owner. */
    private static void routes(final JavalinConfig config) {
        config.routes.post("/orders", ctx -> ctx.status(202).json(Map.of("by", Security.principal(ctx).subject())),
                Role.ORDERS_WRITE);
        config.routes.get("/orders/{id}", ctx -> {
            final String owner = ORDER_OWNERS.get(ctx.pathParam("id"));
            if (owner == null) {
                throw ProblemException.notFound("No order " + ctx.pathParam("id"));
            }
            Authorization.requireCustomer(Security.principal(ctx), owner);
            ctx.json(Map.of("orderId", ctx.pathParam("id"), "customerId", owner));
        }, Role.ORDERS_READ);
        config.routes.get("/customers/{customerId}/orders", ctx -> {
            Authorization.requireCustomer(Security.principal(ctx), ctx.pathParam("customerId"));
            ctx.json(List.of());
        }, Role.ORDERS_READ);
        config.routes.get("/sales/monthly/{month}", ctx -> ctx.json(Map.of("month", ctx.pathParam("month"))), Role.SALES_READ);
        config.routes.put("/admin/inventory/{sku}", ctx -> ctx.status(202), Role.ADMIN);
        config.routes.get("/whoami", ctx -> ctx.json(Map.of("subject", Security.principal(ctx).subject())));
        config.routes.get("/docs", ctx -> ctx.result("docs"), Access.PUBLIC);
    }

    private HttpResponse<String> send(final Javalin server, final String method, final String path,
                                      final Map<String, String> headers) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> withKey(final String method, final String path, final String holder) throws Exception {
        return send(app, method, path, Map.of("X-API-Key", KEYS.get(holder)));
    }

    private HttpResponse<String> withToken(final String method, final String path, final String token) throws Exception {
        return send(app, method, path, Map.of("Authorization", "Bearer " + token));
    }

    private JsonNode body(final HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    private static void assertProblem(final HttpResponse<String> response, final int status) {
        assertThat(response.statusCode()).as("status of %s, body %s", response.uri(), response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as("content type").contains("application/problem+json");
    }

    // --- 401 ---------------------------------------------------------------------------------------------------

    @Test
    void shouldAnswer401WithEveryEnabledChallengeWhenCredentialsAreMissing() throws Exception {
        // When
        final HttpResponse<String> response = send(app, "POST", "/orders", Map.of());
        // Then
        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).as("challenges").hasValueSatisfying(challenge ->
                assertThat(challenge).contains("Bearer realm=\"order-pipeline\"").contains("ApiKey realm=\"order-pipeline\""));
        assertThat(body(response).path("type").asText()).isEqualTo("/problems/unauthorized");
    }

    @Test
    void shouldAnswer401ForAnUnknownApiKey() throws Exception {
        final HttpResponse<String> response = send(app, "POST", "/orders", Map.of("X-API-Key", "k-guess"));
        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(response.body()).doesNotContain("k-guess");
    }

    @Test
    void shouldAnswer401ForBasicCredentials() throws Exception {
        final HttpResponse<String> response = send(app, "GET", "/whoami", Map.of("Authorization", "Basic YWRtaW46YWRtaW4="));
        assertProblem(response, 401);
        assertThat(body(response).path("detail").asText()).contains("Bearer");
    }

    @Test
    void shouldAnswer401WhenTwoKindsOfCredentialsAreSent() throws Exception {
        final HttpResponse<String> response = send(app, "GET", "/whoami", Map.of("X-API-Key", KEYS.get("admin"),
                "Authorization", "Bearer " + tokens.hs256("admin", List.of("admin"), null)));
        assertProblem(response, 401);
    }

    static Stream<Arguments> rejectedTokens() {
        final Function<TestTokens, String> expired = t -> t.hs256(t.claims("u").claim("roles", List.of("admin"))
                .expirationTime(Date.from(NOW.minusSeconds(600))).build());
        final Function<TestTokens, String> notYetValid = t -> t.rs256(t.claims("u").claim("roles", List.of("admin"))
                .notBeforeTime(Date.from(NOW.plusSeconds(600))).build());
        final Function<TestTokens, String> wrongSignature = t -> t.rs256WithForeignKey(
                t.claims("u").claim("roles", List.of("admin")).build());
        final Function<TestTokens, String> wrongAudience = t -> t.hs256(t.claims("u").claim("roles", List.of("admin"))
                .audience("another-api").build());
        return Stream.of(
                Arguments.of("expired", expired, "token expired"),
                Arguments.of("not yet valid", notYetValid, "token not yet valid"),
                Arguments.of("wrong signature", wrongSignature, "invalid signature"),
                Arguments.of("wrong audience", wrongAudience, "wrong audience"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedTokens")
    void shouldAnswer401WithInvalidTokenForARejectedToken(final String name, final Function<TestTokens, String> token,
                                                         final String reason) throws Exception {
        // When
        final HttpResponse<String> response = withToken("POST", "/orders", token.apply(tokens));
        // Then
        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).as("RFC 6750 challenge").hasValueSatisfying(c ->
                assertThat(c).contains("error=\"invalid_token\"").contains("error_description=\"" + reason + "\""));
        assertThat(body(response).path("detail").asText()).contains(reason);
    }

    // --- 403 and allowed ---------------------------------------------------------------------------------------

    @Test
    void shouldAnswer403WhenTheCallerLacksTheRouteRole() throws Exception {
        // When: a sales analyst tries to place an order and to load stock
        final HttpResponse<String> order = withKey("POST", "/orders", "analyst");
        final HttpResponse<String> stock = withKey("PUT", "/admin/inventory/SKU-1", "writer-c-1");
        // Then
        assertProblem(order, 403);
        assertProblem(stock, 403);
        assertThat(body(order).path("detail").asText()).contains("orders:write");
        assertThat(order.headers().firstValue("WWW-Authenticate")).as("no challenge on 403").isEmpty();
    }

    @Test
    void shouldLetEachRoleUseItsRoutes() throws Exception {
        assertThat(withKey("POST", "/orders", "writer-c-1").statusCode()).isEqualTo(202);
        assertThat(withKey("GET", "/sales/monthly/2026-11", "analyst").statusCode()).isEqualTo(200);
        assertThat(withToken("GET", "/sales/monthly/2026-11",
                tokens.rs256(tokens.claims("bi").claim("scope", "sales:read").build())).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldLetAdminUseEveryRoute() throws Exception {
        for (final String[] route : new String[][] {{"POST", "/orders"}, {"GET", "/orders/o-2"}, {"GET", "/sales/monthly/2026-11"},
                {"PUT", "/admin/inventory/SKU-1"}, {"GET", "/customers/c-9/orders"}}) {
            assertThat(withKey(route[0], route[1], "admin").statusCode()).as("admin on %s %s", route[0], route[1])
                    .isBetween(200, 299);
        }
    }

    @Test
    void shouldRequireAuthenticationOnRoutesThatDeclareNoRole() throws Exception {
        assertProblem(send(app, "GET", "/whoami", Map.of()), 401);
        final HttpResponse<String> response = withKey("GET", "/whoami", "analyst");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).path("subject").asText()).isEqualTo("analyst");
    }

    @Test
    void shouldKeepPublicRoutesProbesAndUnknownPathsFreeOfAuthentication() throws Exception {
        assertThat(send(app, "GET", "/docs", Map.of()).statusCode()).isEqualTo(200);
        assertThat(send(app, "GET", "/health/live", Map.of()).statusCode()).isEqualTo(200);
        assertThat(send(app, "GET", "/health/ready", Map.of()).statusCode()).isEqualTo(200);
        assertThat(send(app, "GET", "/metrics", Map.of()).statusCode()).as("metrics are public by default").isEqualTo(200);
        assertProblem(send(app, "GET", "/nowhere", Map.of()), 404);
    }

    @Test
    void shouldProtectMetricsWhenConfigured() throws Exception {
        assertProblem(send(closedMetricsApp, "GET", "/metrics", Map.of()), 401);
        assertProblem(send(closedMetricsApp, "GET", "/metrics", Map.of("X-API-Key", KEYS.get("analyst"))), 403);
        assertThat(send(closedMetricsApp, "GET", "/metrics", Map.of("X-API-Key", KEYS.get("scraper"))).statusCode())
                .isEqualTo(200);
        assertThat(send(closedMetricsApp, "GET", "/health/ready", Map.of()).statusCode()).isEqualTo(200);
    }

    // --- own orders only ---------------------------------------------------------------------------------------

    @Test
    void shouldLetACustomerReadItsOwnOrder() throws Exception {
        final HttpResponse<String> response = withKey("GET", "/orders/o-1", "writer-c-1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).path("customerId").asText()).isEqualTo("c-1");
    }

    @Test
    void shouldForbidReadingAnotherCustomersOrder() throws Exception {
        // Given: o-1 belongs to c-1, the caller is bound to c-2
        // When
        final HttpResponse<String> byKey = withKey("GET", "/orders/o-1", "reader-c-2");
        final HttpResponse<String> byToken = withToken("GET", "/orders/o-1", tokens.hs256("u-2", List.of("orders:read"), "c-2"));
        final HttpResponse<String> listing = withKey("GET", "/customers/c-1/orders", "reader-c-2");
        // Then
        assertProblem(byKey, 403);
        assertProblem(byToken, 403);
        assertProblem(listing, 403);
        assertThat(body(byKey).path("detail").asText()).contains("another customer");
    }

    @Test
    void shouldForbidOrderReadsToCallersBoundToNoCustomerUnlessAdmin() throws Exception {
        assertProblem(withKey("GET", "/orders/o-1", "backoffice"), 403);
        assertThat(withKey("GET", "/orders/o-1", "admin").statusCode()).isEqualTo(200);
        assertThat(withToken("GET", "/customers/c-2/orders", tokens.rs256(tokens.claims("ops")
                .claim("roles", List.of("admin")).build())).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldFailClosedWhenAHandlerAsksForTheCallerWithoutSecurityInstalled() throws Exception {
        assertProblem(send(unsecuredApp, "GET", "/whoami", Map.of("X-API-Key", KEYS.get("admin"))), 401);
    }

    @Test
    void shouldAcceptATokenOnlyWithinItsLifetime() throws Exception {
        // Given: a token valid from now for five minutes
        final JWTClaimsSet claims = tokens.claims("u").claim("roles", List.of("orders:write")).build();
        // Then
        assertThat(withToken("POST", "/orders", tokens.hs256(claims)).statusCode()).isEqualTo(202);
    }
}
