package dev.orderpipeline.schemas.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.registry.CompatibilityLevel;
import dev.orderpipeline.schemas.registry.IncompatibleSchemaException;
import dev.orderpipeline.schemas.registry.RegisteredSchema;
import dev.orderpipeline.schemas.registry.RegistryUnavailableException;
import dev.orderpipeline.schemas.registry.SchemaRegistryException;
import dev.orderpipeline.schemas.serde.AvroSerdeConfig;
import dev.orderpipeline.schemas.serde.ConfluentAvroDeserializer;
import dev.orderpipeline.schemas.serde.ConfluentAvroSerializer;
import dev.orderpipeline.schemas.serde.UnknownSchemaIdException;
import dev.orderpipeline.schemas.testing.SampleRecords;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST client speaks the Confluent Schema Registry protocol: request paths and bodies, error answers mapped to
 * typed exceptions (409 to {@link IncompatibleSchemaException}, 40403 to not-found), bounded retries on 5xx only,
 * failover across URLs, and basic auth. A scripted local HTTP server plays the registry.
 */
class RestSchemaRegistryClientTest {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Schema WIDGET = SchemaBuilder.record("Widget").fields().requiredString("id").endRecord();
    private static final ObjectMapper JSON = new ObjectMapper();

    private StubRegistryServer stub;

    @BeforeEach
    void startStub() {
        stub = StubRegistryServer.start();
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void shouldPostSchemaInConfluentFormatAndReadTheId() throws IOException {
        // Given a registry that answers a registration with id 7
        stub.thenAnswer(200, "{\"id\":7}");
        try (RestSchemaRegistryClient client = client(Map.of())) {

            // When a schema is registered
            final int id = client.register("orders-value", WIDGET);

            // Then the id is read, from one POST of {"schema": "<json>"} to /subjects/<subject>/versions
            assertThat(id).as("registered id").isEqualTo(7);
        }
        assertThat(stub.requests()).as("requests").singleElement().satisfies(request -> {
            assertThat(request.method()).as("method").isEqualTo("POST");
            assertThat(request.rawPath()).as("path").isEqualTo("/subjects/orders-value/versions");
            assertThat(request.contentType()).as("content type").isEqualTo(CONTENT_TYPE);
            assertThat(new Schema.Parser().parse(JSON.readTree(request.body()).path("schema").asText()))
                    .as("schema sent in the body").isEqualTo(WIDGET);
        });
    }

    @Test
    void shouldEncodeSubjectInThePath() {
        // Given a registry that answers a registration
        stub.thenAnswer(200, "{\"id\":1}");
        try (RestSchemaRegistryClient client = client(Map.of())) {

            // When the subject contains characters that are not safe in a path
            client.register("my topic/ü-value", WIDGET);
        }

        // Then they are percent-encoded as one path segment
        assertThat(stub.requests()).as("requests").singleElement()
                .extracting(StubRegistryServer.Request::rawPath).as("path")
                .isEqualTo("/subjects/my%20topic%2F%C3%BC-value/versions");
    }

    @Test
    void shouldReadLatestVersionAndCompatibility() {
        // Given a registry that knows a latest version and a subject level
        stub.thenAnswer(200, JSON.createObjectNode().put("subject", "orders-value").put("version", 2).put("id", 5)
                        .put("schema", WIDGET.toString()).toString())
                .thenAnswer(200, "{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
        try (RestSchemaRegistryClient client = client(Map.of())) {

            // When both are asked for
            final RegisteredSchema latest = client.latest("orders-value");
            final CompatibilityLevel level = client.compatibility("orders-value");

            // Then the answers are parsed from the Confluent JSON, asked at the Confluent paths
            assertThat(latest).as("latest").isEqualTo(new RegisteredSchema("orders-value", 5, 2, WIDGET));
            assertThat(level).as("compatibility level").isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        }
        assertThat(stub.requests()).as("requests").extracting(r -> r.method() + " " + r.rawPath()
                        + (r.rawQuery() == null ? "" : "?" + r.rawQuery()))
                .containsExactly("GET /subjects/orders-value/versions/latest",
                        "GET /config/orders-value?defaultToGlobal=true");
    }

    @Test
    void shouldTurnConflictIntoSerializationExceptionCausedByIncompatibleSchema() {
        // Given a registry that refuses the registration with 409
        stub.thenAnswer(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an earlier schema\"}");
        try (ConfluentAvroSerializer<OrderPlaced> serializer = new ConfluentAvroSerializer<>()) {
            serializer.configure(config(Map.of()), false);

            // When a record is serialized
            // Then the serializer fails with the typed refusal as cause, and does not retry
            assertThatThrownBy(() -> serializer.serialize(Topics.ORDERS, SampleRecords.orderPlaced()))
                    .as("serializing against a registry answering 409")
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining(Topics.ORDERS + "-value")
                    .cause()
                    .isInstanceOf(IncompatibleSchemaException.class)
                    .hasMessageContaining("incompatible with an earlier schema");
        }
        assertThat(stub.requests()).as("requests for a 409 answer").hasSize(1);
    }

    @Test
    void shouldTurnSchemaNotFoundIntoUnknownSchemaId() {
        // Given a registry that does not know id 77
        stub.thenAnswer(404, "{\"error_code\":40403,\"message\":\"Schema 77 not found\"}");
        try (ConfluentAvroDeserializer<OrderPlaced> deserializer = new ConfluentAvroDeserializer<>(null, OrderPlaced.class)) {
            deserializer.configure(config(Map.of()), false);

            // When a record naming id 77 is deserialized
            // Then it is an unknown-schema-id poison record carrying the id, asked for once at /schemas/ids/77
            assertThatThrownBy(() -> deserializer.deserialize(Topics.ORDERS, new byte[] {0, 0, 0, 0, 77, 2}))
                    .as("deserializing an id the registry does not know")
                    .isInstanceOfSatisfying(UnknownSchemaIdException.class, e -> assertThat(e.schemaId())
                            .as("id carried").isEqualTo(77));
        }
        assertThat(stub.requests()).as("requests").singleElement()
                .extracting(StubRegistryServer.Request::rawPath).as("path").isEqualTo("/schemas/ids/77");
    }

    @Test
    void shouldRetryServerErrorsThenSucceed() {
        // Given a registry that fails twice with 503 before answering
        stub.thenAnswer(503, "{\"error_code\":50301,\"message\":\"unavailable\"}")
                .thenAnswer(503, "{\"error_code\":50301,\"message\":\"unavailable\"}")
                .thenAnswer(200, "{\"id\":3}");
        try (RestSchemaRegistryClient client = client(Map.of(AvroSerdeConfig.MAX_RETRIES, 2))) {

            // When a schema is registered with two retries allowed
            final int id = client.register("orders-value", WIDGET);

            // Then the third attempt succeeds
            assertThat(id).as("id after two retries").isEqualTo(3);
        }
        assertThat(stub.requests()).as("requests").hasSize(3);
    }

    @Test
    void shouldGiveUpAfterMaxRetriesWithRetriableException() {
        // Given a registry that always fails with 500
        stub.otherwiseAnswer(500, "{\"error_code\":50001,\"message\":\"store error\"}");
        try (RestSchemaRegistryClient client = client(Map.of(AvroSerdeConfig.MAX_RETRIES, 2))) {

            // When a schema is registered with two retries allowed
            // Then after exactly three attempts the registry is reported unavailable, quickly
            assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                    assertThatThrownBy(() -> client.register("orders-value", WIDGET))
                            .as("registering against a failing registry")
                            .isInstanceOf(RegistryUnavailableException.class)
                            .hasMessageContaining("HTTP 500"));
        }
        assertThat(stub.requests()).as("requests: 1 + max.retries").hasSize(3);
    }

    @Test
    void shouldNotRetryClientErrors() {
        // Given a registry that rejects the schema as invalid
        stub.thenAnswer(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");
        try (RestSchemaRegistryClient client = client(Map.of(AvroSerdeConfig.MAX_RETRIES, 2))) {

            // When a schema is registered
            // Then the answer is a registry error with the Confluent code, after a single request
            assertThatThrownBy(() -> client.register("orders-value", WIDGET))
                    .as("registering an invalid schema")
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.httpStatus()).as("HTTP status").isEqualTo(422);
                        assertThat(e.errorCode()).as("error code").isEqualTo(SchemaRegistryException.INVALID_SCHEMA);
                    })
                    .hasMessage("Invalid schema");
        }
        assertThat(stub.requests()).as("requests for a 4xx answer").hasSize(1);
    }

    @Test
    void shouldFailOverToTheNextUrl() throws IOException {
        // Given two URLs, the first refusing connections
        final String deadUrl;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadUrl = "http://127.0.0.1:" + socket.getLocalPort();
        }
        stub.thenAnswer(200, "{\"id\":11}");
        final Map<String, Object> config = new HashMap<>();
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, deadUrl + "," + stub.url());
        config.put(AvroSerdeConfig.MAX_RETRIES, 1);
        config.put(AvroSerdeConfig.RETRIES_WAIT_MS, 1);
        try (RestSchemaRegistryClient client = new RestSchemaRegistryClient(AvroSerdeConfig.from(config))) {

            // When a schema is registered
            final int id = client.register("orders-value", WIDGET);

            // Then the second URL answers
            assertThat(id).as("id from the second URL").isEqualTo(11);
        }
        assertThat(stub.requests()).as("requests reaching the second URL").hasSize(1);
    }

    @Test
    void shouldSendBasicAuthCredentials() {
        // Given basic auth credentials in the config
        stub.thenAnswer(200, "[\"orders-value\"]");
        try (RestSchemaRegistryClient client = client(Map.of(
                AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                AvroSerdeConfig.BASIC_AUTH_USER_INFO, "alice:s3cret"))) {

            // When any call is made
            assertThat(client.subjects()).as("subjects").containsExactly("orders-value");
        }

        // Then it carries the Basic authorization header of user:password
        assertThat(stub.requests()).as("requests").singleElement()
                .extracting(StubRegistryServer.Request::authorization).as("Authorization header")
                .isEqualTo("Basic YWxpY2U6czNjcmV0");
    }

    private RestSchemaRegistryClient client(final Map<String, Object> extra) {
        return new RestSchemaRegistryClient(AvroSerdeConfig.from(config(extra)));
    }

    private Map<String, Object> config(final Map<String, Object> extra) {
        final Map<String, Object> config = new HashMap<>();
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stub.url());
        config.put(AvroSerdeConfig.MAX_RETRIES, 0);
        config.put(AvroSerdeConfig.RETRIES_WAIT_MS, 1);
        config.putAll(extra);
        return config;
    }
}
