package dev.orderpipeline.ingest;

import static dev.orderpipeline.ingest.IngestHarness.VALID_ORDER;
import static dev.orderpipeline.ingest.IngestHarness.admin;
import static dev.orderpipeline.ingest.IngestHarness.keyOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.ingest.internal.http.OpenApiDocument;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.security.Role;
import dev.orderpipeline.registry.SchemaRegistryServer;
import dev.orderpipeline.testsupport.KafkaCluster;
import dev.orderpipeline.testsupport.RealKafka;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.Roles;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Keeps {@code /openapi.json} true: it documents exactly the routes the server registers, with their roles, and
 * every status it documents is produced by a real request (errors as problem+json, with the documented headers).
 * A second instance whose Kafka is unreachable and whose metrics are protected produces the 503s and the
 * metrics 401/403.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractIT {

    private static final Set<HandlerType> HTTP_METHODS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.DELETE, HandlerType.PATCH);
    private static final String HUGE_PAD = "x".repeat(70 * 1024);

    /** One real request. */
    @FunctionalInterface
    private interface Sample {
        HttpResponse<String> send() throws Exception;
    }

    private final ObjectMapper json = new ObjectMapper();
    private JsonNode document;
    private SchemaRegistryServer registry;
    private IngestHarness healthy;
    private IngestHarness broken;

    @BeforeAll
    void start(final KafkaCluster kafka) throws Exception {
        try (InputStream in = OpenApiContractIT.class.getResourceAsStream(OpenApiDocument.RESOURCE)) {
            document = json.readTree(in);
        }
        IngestHarness.createTopics(kafka);
        registry = SchemaRegistryServer.start(0);
        final IngestConfig config = IngestHarness.config(kafka);
        healthy = new IngestHarness(KafkaSettings.of(kafka.bootstrapServers(), registry.url()), config).awaitReady();
        broken = new IngestHarness(KafkaSettings.of("localhost:" + closedPort(), registry.url()),
                config.withSendTimeout(Duration.ofSeconds(1)), IngestHarness.security(Map.of("SECURITY_METRICS_PUBLIC", "false")),
                Optional.empty(), HttpClient.newHttpClient());
    }

    @AfterAll
    void stop() {
        healthy.close();
        broken.close();
        registry.close();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** "METHOD /path" of every operation in the document, with its documented statuses. */
    private Map<String, Set<Integer>> documentedStatuses() {
        final Map<String, Set<Integer>> result = new TreeMap<>();
        operations().forEach((operation, node) -> {
            final Set<Integer> statuses = new TreeSet<>();
            node.path("responses").fieldNames().forEachRemaining(status -> statuses.add(Integer.parseInt(status)));
            result.put(operation, statuses);
        });
        return result;
    }

    private Map<String, JsonNode> operations() {
        final Map<String, JsonNode> result = new TreeMap<>();
        final Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            final Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(op ->
                    result.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue()));
        }
        return result;
    }

    private JsonNode resolve(final JsonNode node) {
        return node.has("$ref") ? resolve(document.at(node.path("$ref").asText().substring(1))) : node;
    }

    @Test
    void shouldDocumentExactlyTheRoutesTheServerRegistersWithTheirRoles() {
        // Given
        final Map<String, Set<String>> registered = new TreeMap<>();
        for (final ParsedEndpoint parsed : healthy.app().unsafe.internalRouter.allHttpHandlers()) {
            if (HTTP_METHODS.contains(parsed.endpoint.method)) {
                final Roles roles = parsed.endpoint.metadata(Roles.class);
                registered.put(parsed.endpoint.method.name() + " " + parsed.endpoint.path, roles == null ? Set.of()
                        : roles.getRoles().stream().filter(Role.class::isInstance).map(r -> ((Role) r).id())
                        .collect(Collectors.toSet()));
            }
        }
        // When
        final Map<String, Set<String>> documented = new TreeMap<>();
        operations().forEach((operation, node) -> {
            final Set<String> roles = new TreeSet<>();
            node.path("x-required-roles").forEach(role -> roles.add(role.asText()));
            documented.put(operation, roles);
        });
        // Then
        assertThat(documented).as("documented operations and roles").isEqualTo(registered);
    }

    private Map<String, Map<Integer, Sample>> samples() {
        final Map<String, Map<Integer, Sample>> samples = new TreeMap<>();
        final String hugeOrder = VALID_ORDER.replace("\"c-1\"", "\"c-1\",\"pad\":\"" + HUGE_PAD + "\"");
        samples.put("POST /orders", Map.of(
                202, () -> healthy.postOrder(VALID_ORDER),
                400, () -> healthy.postOrder("{\"customerId\":", admin()),
                401, () -> healthy.postOrder(VALID_ORDER, Map.of()),
                403, () -> healthy.postOrder(VALID_ORDER, keyOf("analyst")),
                413, () -> healthy.postOrder(hugeOrder),
                415, () -> healthy.send("POST", "/orders", "text/plain", VALID_ORDER, admin()),
                422, () -> healthy.postOrder("{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"items\":[]}"),
                503, () -> broken.postOrder(VALID_ORDER)));
        samples.put("DELETE /orders/{id}", Map.of(
                202, () -> healthy.send("DELETE", "/orders/o-1", null, null, admin()),
                400, () -> healthy.send("DELETE", "/orders/o%20space", null, null, admin()),
                401, () -> healthy.send("DELETE", "/orders/o-1", null, null, Map.of("X-API-Key", "k-wrong")),
                403, () -> healthy.send("DELETE", "/orders/o-1", null, null, keyOf("analyst")),
                503, () -> broken.send("DELETE", "/orders/o-1", null, null, admin())));
        samples.put("PUT /admin/inventory/{sku}", adjustment("/admin/inventory/SKU-1", "{\"set\":7}", "{\"set\":\"7\"}",
                "{\"set\":-7}"));
        samples.put("PUT /admin/accounts/{customerId}", adjustment("/admin/accounts/c-1",
                "{\"currency\":\"EUR\",\"set\":700}", "{\"currency\":\"EUR\",\"set\":7,\"colour\":1}",
                "{\"currency\":\"EURO\",\"set\":7}"));
        samples.put("GET /openapi.json", Map.of(200, () -> healthy.send("GET", "/openapi.json", null, null, Map.of())));
        samples.put("GET /health/live", Map.of(200, () -> healthy.send("GET", "/health/live", null, null, Map.of())));
        samples.put("GET /health/ready", Map.of(
                200, () -> healthy.send("GET", "/health/ready", null, null, Map.of()),
                503, () -> broken.send("GET", "/health/ready", null, null, Map.of())));
        samples.put("GET /metrics", Map.of(
                200, () -> healthy.send("GET", "/metrics", null, null, Map.of()),
                401, () -> broken.send("GET", "/metrics", null, null, Map.of()),
                403, () -> broken.send("GET", "/metrics", null, null, keyOf("analyst"))));
        return samples;
    }

    private Map<Integer, Sample> adjustment(final String path, final String valid, final String badShape, final String badValue) {
        return Map.of(
                202, () -> healthy.send("PUT", path, "application/json", valid, admin()),
                400, () -> healthy.send("PUT", path, "application/json", badShape, admin()),
                401, () -> healthy.send("PUT", path, "application/json", valid, Map.of()),
                403, () -> healthy.send("PUT", path, "application/json", valid, keyOf("importer")),
                413, () -> healthy.send("PUT", path, "application/json", "{\"pad\":\"" + HUGE_PAD + "\"}", admin()),
                415, () -> healthy.send("PUT", path, "text/plain", valid, admin()),
                422, () -> healthy.send("PUT", path, "application/json", badValue, admin()),
                503, () -> broken.send("PUT", path, "application/json", valid, admin()));
    }

    @Test
    void shouldProduceEveryDocumentedStatusAsDocumented() throws Exception {
        // Given
        final Map<String, Map<Integer, Sample>> samples = samples();
        // Then: a sample request for each documented status, and no undocumented one
        final Map<String, Set<Integer>> sampled = new TreeMap<>();
        samples.forEach((operation, byStatus) -> sampled.put(operation, new TreeSet<>(byStatus.keySet())));
        assertThat(sampled).as("statuses exercised by this test").isEqualTo(documentedStatuses());
        // When / Then: each sample answers its status, in the documented form
        for (final Map.Entry<String, Map<Integer, Sample>> operation : samples.entrySet()) {
            for (final Map.Entry<Integer, Sample> sample : operation.getValue().entrySet()) {
                final HttpResponse<String> response = sample.getValue().send();
                final String what = operation.getKey() + " -> " + sample.getKey();
                assertThat(response.statusCode()).as("%s, body %s", what, response.body()).isEqualTo(sample.getKey());
                checkDocumentedForm(operation.getKey(), sample.getKey(), response, what);
            }
        }
    }

    private void checkDocumentedForm(final String operation, final int status, final HttpResponse<String> response,
                                     final String what) throws Exception {
        final JsonNode documented = resolve(operations().get(operation).path("responses").path(Integer.toString(status)));
        documented.path("headers").fieldNames().forEachRemaining(header -> {
            if (!header.equals("Idempotent-Replayed")) {
                assertThat(response.headers().firstValue(header)).as("header %s of %s", header, what).isPresent();
            }
        });
        final JsonNode content = documented.path("content");
        if (content.has("application/problem+json")) {
            assertThat(response.headers().firstValue("Content-Type")).as("content type of %s", what)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json.readTree(response.body()).path("status").asInt()).as("problem status of %s", what).isEqualTo(status);
        } else if (content.has("application/json")) {
            final JsonNode schema = resolve(content.path("application/json").path("schema"));
            final JsonNode body = json.readTree(response.body());
            schema.path("required").forEach(field ->
                    assertThat(body.has(field.asText())).as("required field %s of %s", field.asText(), what).isTrue());
        }
    }

    @Test
    void shouldServeTheVeryDocumentThisTestChecks() throws Exception {
        final HttpResponse<String> served = healthy.send("GET", "/openapi.json", null, null, Map.of());
        assertThat(json.readTree(served.body())).isEqualTo(document);
        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
    }
}
