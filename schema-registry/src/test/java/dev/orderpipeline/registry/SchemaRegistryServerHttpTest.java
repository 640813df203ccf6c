package dev.orderpipeline.registry;

import static dev.orderpipeline.registry.support.TestSchemas.ORDER_V1;
import static dev.orderpipeline.registry.support.TestSchemas.ORDER_V2_WITH_DEFAULTED_FIELD;
import static dev.orderpipeline.registry.support.TestSchemas.ORDER_WITH_CHANGED_TYPE;
import static dev.orderpipeline.registry.support.TestSchemas.uniqueSubject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderpipeline.registry.support.RegistryServerExtension;
import dev.orderpipeline.schemas.registry.CompatibilityLevel;
import dev.orderpipeline.schemas.registry.SchemaRegistryClient;
import dev.orderpipeline.schemas.registry.SchemaRegistryClients;
import dev.orderpipeline.schemas.serde.AvroSerdeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the in-memory server answers on the wire, checked with a plain HTTP client: Confluent's JSON shapes,
 * error bodies and codes, and media types. The contract test covers behaviour through the project's client; this
 * one covers what other clients (confluent-kafka, kcat, curl) see.
 */
@ExtendWith(RegistryServerExtension.class)
class SchemaRegistryServerHttpTest {

    private static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> AS_MAP = new TypeReference<>() {
    };

    private final SchemaRegistryServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    SchemaRegistryServerHttpTest(final SchemaRegistryServer server) {
        this.server = server;
    }

    @AfterEach
    void closeHttpClient() {
        http.close();
    }

    private record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (final IOException e) {
                throw new UncheckedIOException("Answer is not JSON: " + body, e);
            }
        }
    }

    @Test
    void shouldAnswerAnEmptyObjectAtTheRoot() {
        // Given a running server

        // When
        final Answer answer = call("GET", "/", null, null, null);

        // Then
        assertThat(answer.status()).as("status").isEqualTo(200);
        assertThat(answer.contentType()).as("content type").isEqualTo(V1_JSON);
        assertThat(answer.body()).as("body").isEqualTo("{}");
    }

    @Test
    void shouldRegisterAndServeSchemasInConfluentShapes() {
        // Given
        final String subject = uniqueSubject("shapes");
        final String schema = ORDER_V1.toString();

        // When
        final Answer registered = post("/subjects/" + subject + "/versions", schemaBody(ORDER_V1));
        final int id = registered.json().path("id").asInt();
        final Answer version = get("/subjects/" + subject + "/versions/1");
        final Answer latestRaw = get("/subjects/" + subject + "/versions/latest/schema");
        final Answer byId = get("/schemas/ids/" + id);
        final Answer byIdRaw = get("/schemas/ids/" + id + "/schema");
        final Answer places = get("/schemas/ids/" + id + "/versions");
        final Answer lookup = post("/subjects/" + subject, schemaBody(ORDER_V1));
        final Answer versions = get("/subjects/" + subject + "/versions");

        // Then
        assertThat(registered.status()).as("registration status").isEqualTo(200);
        assertThat(fieldNames(registered.json())).as("registration fields").containsExactly("id");
        assertThat(id).as("registered id").isPositive();
        final Map<String, Object> expectedVersion = Map.of("subject", subject, "version", 1, "id", id, "schema", schema);
        assertThat(fieldNames(version.json())).as("version fields").containsExactly("subject", "version", "id", "schema");
        assertThat(JSON.convertValue(version.json(), AS_MAP)).as("version").isEqualTo(expectedVersion);
        assertThat(JSON.convertValue(lookup.json(), AS_MAP)).as("lookup").isEqualTo(expectedVersion);
        assertThat(new Schema.Parser().parse(latestRaw.body())).as("raw latest schema").isEqualTo(ORDER_V1);
        assertThat(byId.json().path("schema").asText()).as("schema by id").isEqualTo(schema);
        assertThat(new Schema.Parser().parse(byIdRaw.body())).as("raw schema by id").isEqualTo(ORDER_V1);
        assertThat(places.json()).as("subjects and versions of the id")
                .contains(JSON.createObjectNode().put("subject", subject).put("version", 1));
        assertThat(versions.body()).as("versions").isEqualTo("[1]");
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @NullSource
    @ValueSource(strings = {V1_JSON, "application/vnd.schemaregistry+json", "application/json",
            "application/json; charset=utf-8", "application/octet-stream"})
    void shouldAcceptTheRequestMediaTypesConfluentAccepts(final String contentType) {
        // Given
        final String subject = uniqueSubject("media-in");

        // When
        final Answer answer = call("POST", "/subjects/" + subject + "/versions", contentType, schemaBody(ORDER_V1), null);

        // Then
        assertThat(answer.status()).as("status for %s: %s", contentType, answer.body()).isEqualTo(200);
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml"})
    void shouldRefuseOtherRequestMediaTypesWith415(final String contentType) {
        // Given
        final String subject = uniqueSubject("media-refused");

        // When
        final Answer answer = call("POST", "/subjects/" + subject + "/versions", contentType, schemaBody(ORDER_V1), null);

        // Then
        assertConfluentError(answer, 415, 415);
    }

    static Stream<Arguments> acceptHeaders() {
        return Stream.of(
                Arguments.of(null, V1_JSON),
                Arguments.of("*/*", V1_JSON),
                Arguments.of("application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json", V1_JSON),
                Arguments.of("application/json", "application/json"),
                Arguments.of("application/vnd.schemaregistry+json", "application/vnd.schemaregistry+json"),
                Arguments.of("application/vnd.schemaregistry.v1+json;q=0.1, application/json;q=0.9", "application/json"),
                Arguments.of("text/html", V1_JSON));
    }

    @ParameterizedTest(name = "Accept: {0}")
    @MethodSource("acceptHeaders")
    void shouldAnswerInTheMediaTypeTheClientPrefers(final String accept, final String expected) {
        // Given a running server

        // When
        final Answer answer = call("GET", "/subjects", null, null, accept);

        // Then
        assertThat(answer.status()).as("status").isEqualTo(200);
        assertThat(answer.contentType()).as("content type for Accept: %s", accept).isEqualTo(expected);
    }

    static Stream<Arguments> errors() {
        final String v1 = schemaBody(ORDER_V1);
        return Stream.of(
                Arguments.of("unknown subject", "GET", "/subjects/{unknown}/versions", null, 404, 40401),
                Arguments.of("unknown subject, latest", "GET", "/subjects/{unknown}/versions/latest", null, 404, 40401),
                Arguments.of("deleting an unknown subject", "DELETE", "/subjects/{unknown}", null, 404, 40401),
                Arguments.of("unknown version", "GET", "/subjects/{subject}/versions/7", null, 404, 40402),
                Arguments.of("compatibility against an unknown version", "POST",
                        "/compatibility/subjects/{subject}/versions/7", v1, 404, 40402),
                Arguments.of("unknown schema id", "GET", "/schemas/ids/2147483647", null, 404, 40403),
                Arguments.of("schema id that is not a number", "GET", "/schemas/ids/abc", null, 404, 40403),
                Arguments.of("lookup of a schema the subject lacks", "POST", "/subjects/{subject}",
                        schemaBody(ORDER_V2_WITH_DEFAULTED_FIELD), 404, 40403),
                Arguments.of("incompatible schema", "POST", "/subjects/{subject}/versions",
                        schemaBody(ORDER_WITH_CHANGED_TYPE), 409, 409),
                Arguments.of("schema that is not Avro", "POST", "/subjects/{subject}/versions",
                        "{\"schema\": \"{\\\"type\\\": \\\"recrod\\\"}\"}", 422, 42201),
                Arguments.of("schema with an invalid default", "POST", "/subjects/{subject}/versions",
                        "{\"schema\": \"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":"
                                + "[{\\\"name\\\":\\\"n\\\",\\\"type\\\":\\\"int\\\",\\\"default\\\":\\\"x\\\"}]}\"}", 422, 42201),
                Arguments.of("body without schema", "POST", "/subjects/{subject}/versions", "{\"schemaType\": \"AVRO\"}", 422, 42201),
                Arguments.of("PROTOBUF schema", "POST", "/subjects/{subject}/versions",
                        "{\"schemaType\": \"PROTOBUF\", \"schema\": \"syntax = \\\"proto3\\\"; message A { string a = 1; }\"}",
                        422, 42201),
                Arguments.of("schema references", "POST", "/subjects/{subject}/versions",
                        "{\"schema\": \"\\\"string\\\"\", \"references\": [{\"name\": \"x\", \"subject\": \"y\", \"version\": 1}]}",
                        422, 42201),
                Arguments.of("version 0", "GET", "/subjects/{subject}/versions/0", null, 422, 42202),
                Arguments.of("version that is not a number", "GET", "/subjects/{subject}/versions/first", null, 422, 42202),
                Arguments.of("unknown compatibility level", "PUT", "/config/{subject}", "{\"compatibility\": \"SIDEWAYS\"}",
                        422, 42203),
                Arguments.of("config body without level", "PUT", "/config", "{}", 422, 42203),
                Arguments.of("malformed JSON", "POST", "/subjects/{subject}/versions", "{\"schema\": ", 400, 400),
                Arguments.of("JSON that is not an object", "POST", "/subjects/{subject}/versions", "[1, 2]", 400, 400),
                Arguments.of("empty body", "POST", "/subjects/{subject}/versions", "", 400, 400),
                Arguments.of("unknown route", "GET", "/no/such/route", null, 404, 404));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void shouldAnswerErrorsAsConfluentDoes(final String description, final String method, final String pathTemplate,
                                           final String body, final int status, final int errorCode) {
        // Given a subject holding version 1
        final String subject = uniqueSubject("errors");
        server.registry().register(subject, ORDER_V1);
        final String path = pathTemplate.replace("{subject}", subject).replace("{unknown}", uniqueSubject("unknown"));

        // When
        final Answer answer = call(method, path, body == null ? null : V1_JSON, body, null);

        // Then
        assertConfluentError(answer, status, errorCode);
    }

    @Test
    void shouldAnswerOversizedBodiesWithAConfluentError() {
        // Given a body over the 8 MB limit
        final String huge = "{\"schema\": \"" + "x".repeat(9 * 1024 * 1024) + "\"}";

        // When
        final Answer answer = call("POST", "/subjects/" + uniqueSubject("huge") + "/versions", V1_JSON, huge, null);

        // Then
        assertConfluentError(answer, 413, 413);
    }

    @Test
    void shouldAnswerRequestsJettyRefusesBeforeRoutingWithConfluentJson() throws IOException {
        // Given a request line with broken percent-encoding, which no HTTP client library would send
        final byte[] request = "GET /subjects/%zz/versions HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);

        // When
        final String response;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5_000);
            final OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            final InputStream in = socket.getInputStream();
            response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        // Then
        assertThat(response).as("raw response").startsWith("HTTP/1.1 400")
                .contains("\"error_code\":400")
                .doesNotContain("<html", "\tat ", ".java:");
    }

    @Test
    void shouldDeleteASubjectButKeepItsIdsResolvable() {
        // Given
        final String subject = uniqueSubject("delete");
        final int id = server.registry().register(subject, ORDER_V1);
        server.registry().register(subject, ORDER_V2_WITH_DEFAULTED_FIELD);

        // When
        final Answer deleted = call("DELETE", "/subjects/" + subject, null, null, null);

        // Then
        assertThat(deleted.status()).as("delete status").isEqualTo(200);
        assertThat(deleted.body()).as("deleted versions").isEqualTo("[1,2]");
        assertConfluentError(get("/subjects/" + subject + "/versions"), 404, 40401);
        assertThat(get("/schemas/ids/" + id).status()).as("status of the deleted subject's schema id").isEqualTo(200);
    }

    @Test
    void shouldCheckCompatibilityAgainstLatestOrOneNumberedVersion() {
        // Given version 1 and an incompatible version 2, registered while the level was NONE, then BACKWARD again
        final String subject = uniqueSubject("compat-check");
        server.registry().setCompatibility(subject, CompatibilityLevel.NONE);
        server.registry().register(subject, ORDER_V1);
        server.registry().register(subject, ORDER_WITH_CHANGED_TYPE);
        server.registry().setCompatibility(subject, CompatibilityLevel.BACKWARD);

        // When
        final Answer againstVersion1 = post("/compatibility/subjects/" + subject + "/versions/1", schemaBody(ORDER_V1));
        final Answer againstLatest = post("/compatibility/subjects/" + subject + "/versions/latest", schemaBody(ORDER_V1));
        final Answer againstNothing = post("/compatibility/subjects/" + uniqueSubject("compat-empty") + "/versions/latest",
                schemaBody(ORDER_WITH_CHANGED_TYPE));

        // Then
        assertThat(againstVersion1.body()).as("version 1 against itself").isEqualTo("{\"is_compatible\":true}");
        assertThat(againstLatest.body()).as("version 1 against latest (amount became a string)")
                .isEqualTo("{\"is_compatible\":false}");
        assertThat(againstNothing.body()).as("anything against a subject without versions").isEqualTo("{\"is_compatible\":true}");
    }

    @Test
    void shouldServeAndChangeCompatibilityLevelsInConfluentShapes() {
        // Given
        final String subject = uniqueSubject("config");
        server.registry().register(subject, ORDER_V1);

        // When
        final Answer global = get("/config");
        final Answer update = call("PUT", "/config/" + subject, V1_JSON, "{\"compatibility\": \"full_transitive\"}", null);
        final Answer subjectLevel = get("/config/" + subject);

        // Then
        assertThat(global.body()).as("global level").isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        assertThat(update.body()).as("answer to the update").isEqualTo("{\"compatibility\":\"FULL_TRANSITIVE\"}");
        assertThat(subjectLevel.body()).as("subject level").isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
        assertThat(server.registry().compatibility(null)).as("global level after a subject update")
                .isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    void shouldListSubjectsFilteredByPrefixAndTheSchemaTypesItAccepts() {
        // Given
        final String subject = uniqueSubject("prefix");
        server.registry().register(subject, ORDER_V1);
        server.registry().register(uniqueSubject("other"), ORDER_V1);

        // When
        final Answer filtered = get("/subjects?subjectPrefix=test-prefix-");
        final Answer types = get("/schemas/types");

        // Then
        assertThat(filtered.body()).as("subjects with the prefix").isEqualTo("[\"" + subject + "\"]");
        assertThat(types.body()).as("schema types").isEqualTo("[\"AVRO\"]");
    }

    @Test
    void shouldServeSubjectsWhoseNamesNeedEncodingInUrls() {
        // Given a subject name with a space and a non-ASCII character
        final String subject = "orders für alle-" + uniqueSubject("encoding");

        // When
        final int id;
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, server.url()))) {
            id = client.register(subject, ORDER_V1);
        }

        // Then
        assertThat(server.registry().subjects()).as("subjects").contains(subject);
        assertThat(server.registry().latest(subject).id()).as("id under the decoded name").isEqualTo(id);
    }

    @Test
    void shouldListenOnAFreePortWhenAskedForPortZeroAndStopWhenClosed() {
        // Given
        final SchemaRegistryServer own = SchemaRegistryServer.start(0);

        // When
        final int port = own.port();
        final Answer whileRunning = call(own.url(), "GET", "/subjects", null, null, null);
        own.close();
        own.close();

        // Then
        assertThat(port).as("chosen port").isPositive();
        assertThat(own.url()).as("url").isEqualTo("http://127.0.0.1:" + port);
        assertThat(whileRunning.body()).as("subjects of a new registry").isEqualTo("[]");
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(own.url() + "/subjects")).build(),
                HttpResponse.BodyHandlers.discarding()))
                .as("a request after close")
                .isInstanceOf(ConnectException.class);
    }

    private static void assertConfluentError(final Answer answer, final int status, final int errorCode) {
        assertThat(answer.status()).as("status of %s", answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).as("content type of %s", answer.body()).isEqualTo(V1_JSON);
        final JsonNode error = answer.json();
        assertThat(fieldNames(error)).as("fields of %s", answer.body()).containsExactly("error_code", "message");
        assertThat(error.path("error_code").asInt()).as("error_code of %s", answer.body()).isEqualTo(errorCode);
        assertThat(error.path("message").asText()).as("message").isNotBlank().doesNotContain("\tat ", ".java:");
    }

    private static String schemaBody(final Schema schema) {
        final ObjectNode body = JSON.createObjectNode().put("schema", schema.toString());
        return body.toString();
    }

    private static List<String> fieldNames(final JsonNode node) {
        final Iterator<String> names = node.fieldNames();
        return Stream.iterate(names, Iterator::hasNext, n -> n).map(Iterator::next).toList();
    }

    private Answer get(final String path) {
        return call("GET", path, null, null, null);
    }

    private Answer post(final String path, final String body) {
        return call("POST", path, V1_JSON, body, null);
    }

    private Answer call(final String method, final String path, final String contentType, final String body, final String accept) {
        return call(server.url(), method, path, contentType, body, accept);
    }

    private Answer call(final String baseUrl, final String method, final String path, final String contentType,
                        final String body, final String accept) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            final HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body());
        } catch (final IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + path, e);
        }
    }
}
