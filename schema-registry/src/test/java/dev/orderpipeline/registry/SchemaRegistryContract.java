package dev.orderpipeline.registry;

import static dev.orderpipeline.registry.support.TestSchemas.ORDER_V1;
import static dev.orderpipeline.registry.support.TestSchemas.ORDER_V2_WITH_DEFAULTED_FIELD;
import static dev.orderpipeline.registry.support.TestSchemas.ORDER_WITH_CHANGED_TYPE;
import static dev.orderpipeline.registry.support.TestSchemas.ORDER_WITH_REQUIRED_NEW_FIELD;
import static dev.orderpipeline.registry.support.TestSchemas.uniqueSubject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.orderpipeline.schemas.registry.CompatibilityLevel;
import dev.orderpipeline.schemas.registry.IncompatibleSchemaException;
import dev.orderpipeline.schemas.registry.RegisteredSchema;
import dev.orderpipeline.schemas.registry.RegistryUnavailableException;
import dev.orderpipeline.schemas.registry.SchemaRegistryClient;
import dev.orderpipeline.schemas.registry.SchemaRegistryClients;
import dev.orderpipeline.schemas.registry.SchemaRegistryException;
import dev.orderpipeline.schemas.serde.AvroSerdeConfig;
import dev.orderpipeline.schemas.serde.ConfluentAvroDeserializer;
import dev.orderpipeline.schemas.serde.ConfluentAvroSerializer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What this pipeline relies on from a Confluent-compatible schema registry, checked through the project's own
 * client ({@link SchemaRegistryClients}) and serdes over real HTTP. Every implementation the pipeline may run
 * against extends this class with a way to reach one: the in-memory {@link SchemaRegistryServer} and a real
 * Apicurio Registry. A subclass may override a test only to pin a documented deviation of its registry, keeping
 * the assertion that matters.
 *
 * <p>Tests share one registry per run and isolate themselves by unique subject names; the one test that changes
 * the global compatibility level puts it back.
 */
abstract class SchemaRegistryContract {

    private final String registryUrl;
    private final SchemaRegistryClient client;

    protected SchemaRegistryContract(final String registryUrl) {
        this.registryUrl = registryUrl;
        this.client = newClient();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    /**
     * A client with empty caches. The clients cache ids and schemas, so a second call on the same client might never
     * reach the server; checks of what the server answers use a fresh one.
     */
    protected final SchemaRegistryClient newClient() {
        return SchemaRegistryClients.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl));
    }

    protected final SchemaRegistryClient client() {
        return client;
    }

    @Test
    void shouldAssignAnIdAndReturnTheSameIdWhenTheSameSchemaIsRegisteredAgain() {
        // Given
        final String subject = uniqueSubject("idempotent");

        // When
        final int first = client.register(subject, ORDER_V1);
        final int second;
        try (SchemaRegistryClient uncached = newClient()) {
            second = uncached.register(subject, ORDER_V1);
        }

        // Then
        assertThat(first).as("id of a registered schema").isPositive();
        assertThat(second).as("id when registering the same schema again").isEqualTo(first);
        assertThat(client.versions(subject)).as("versions after registering one schema twice").containsExactly(1);
    }

    @Test
    void shouldGiveTheSameSchemaTheSameIdUnderEverySubject() {
        // Given
        final String orders = uniqueSubject("shared-a");
        final String archive = uniqueSubject("shared-b");

        // When
        final int underOrders = client.register(orders, ORDER_V1);
        final int underArchive = client.register(archive, ORDER_V1);

        // Then
        assertThat(underArchive).as("id of the same schema under a second subject").isEqualTo(underOrders);
        assertThat(client.latest(archive).version()).as("version under the second subject").isEqualTo(1);
    }

    @Test
    void shouldFindARegisteredSchemaByLookup() {
        // Given
        final String subject = uniqueSubject("lookup");
        final int id = client.register(subject, ORDER_V1);

        // When
        final RegisteredSchema found;
        try (SchemaRegistryClient uncached = newClient()) {
            found = uncached.lookup(subject, ORDER_V1);
        }

        // Then
        assertThat(found).as("lookup answer").isEqualTo(new RegisteredSchema(subject, id, 1, ORDER_V1));
    }

    @Test
    void shouldReportNotFoundWhenLookingUpASchemaTheSubjectDoesNotHold() {
        // Given
        final String subject = uniqueSubject("lookup-miss");
        client.register(subject, ORDER_V1);

        // When / Then
        assertThatThrownBy(() -> client.lookup(subject, ORDER_V2_WITH_DEFAULTED_FIELD))
                .as("lookup of a schema the subject does not hold")
                .isInstanceOfSatisfying(SchemaRegistryException.class, notFound(SchemaRegistryException.SCHEMA_NOT_FOUND));
        assertThatThrownBy(() -> client.lookup(uniqueSubject("never-registered"), ORDER_V1))
                .as("lookup under an unknown subject")
                .isInstanceOfSatisfying(SchemaRegistryException.class, notFound(SchemaRegistryException.SUBJECT_NOT_FOUND));
    }

    @Test
    void shouldServeARegisteredSchemaByItsId() {
        // Given
        final int id = client.register(uniqueSubject("by-id"), ORDER_V1);

        // When
        final Schema schema;
        try (SchemaRegistryClient uncached = newClient()) {
            schema = uncached.schemaById(id);
        }

        // Then
        assertThat(schema).as("schema with id %d", id).isEqualTo(ORDER_V1);
    }

    @Test
    void shouldAcceptABackwardCompatibleSecondVersionUnderTheDefaultLevel() {
        // Given
        final String subject = uniqueSubject("evolve");
        final int v1 = client.register(subject, ORDER_V1);

        // When
        final int v2 = client.register(subject, ORDER_V2_WITH_DEFAULTED_FIELD);

        // Then
        assertThat(v2).as("id of the new version").isNotEqualTo(v1).isPositive();
        assertThat(client.latest(subject)).as("latest version")
                .isEqualTo(new RegisteredSchema(subject, v2, 2, ORDER_V2_WITH_DEFAULTED_FIELD));
    }

    @Test
    void shouldListVersionsSubjectsAndServeEachVersion() {
        // Given
        final String subject = uniqueSubject("versions");
        final String other = uniqueSubject("versions-other");
        final int v1 = client.register(subject, ORDER_V1);
        final int v2 = client.register(subject, ORDER_V2_WITH_DEFAULTED_FIELD);
        client.register(other, ORDER_V1);

        // When / Then
        assertThat(client.versions(subject)).as("versions").containsExactly(1, 2);
        assertThat(client.version(subject, 1)).as("version 1").isEqualTo(new RegisteredSchema(subject, v1, 1, ORDER_V1));
        assertThat(client.version(subject, 2)).as("version 2")
                .isEqualTo(new RegisteredSchema(subject, v2, 2, ORDER_V2_WITH_DEFAULTED_FIELD));
        assertThat(client.latest(subject).version()).as("latest version").isEqualTo(2);
        assertThat(client.subjects()).as("subjects").contains(subject, other);
    }

    static Stream<Arguments> incompatibleSuccessors() {
        return Stream.of(
                Arguments.of("new field without default", ORDER_WITH_REQUIRED_NEW_FIELD),
                Arguments.of("field type changed from long to string", ORDER_WITH_CHANGED_TYPE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incompatibleSuccessors")
    void shouldRefuseAnIncompatibleSecondVersionUnderTheDefaultLevel(final String change, final Schema successor) {
        // Given
        final String subject = uniqueSubject("incompatible");
        client.register(subject, ORDER_V1);

        // When / Then
        assertThatThrownBy(() -> client.register(subject, successor))
                .as("registering a successor with a %s", change)
                .isInstanceOfSatisfying(IncompatibleSchemaException.class,
                        e -> assertThat(e.httpStatus()).as("HTTP status of the refusal").isEqualTo(409));
        assertThat(client.versions(subject)).as("versions after the refusal").containsExactly(1);
    }

    @Test
    void shouldAnswerWhetherASchemaIsCompatibleWithoutRegisteringIt() {
        // Given
        final String subject = uniqueSubject("is-compatible");
        client.register(subject, ORDER_V1);

        // When / Then
        assertThat(client.isCompatible(subject, ORDER_V2_WITH_DEFAULTED_FIELD)).as("defaulted new field").isTrue();
        assertThat(client.isCompatible(subject, ORDER_WITH_REQUIRED_NEW_FIELD)).as("required new field").isFalse();
        assertThat(client.isCompatible(subject, ORDER_WITH_CHANGED_TYPE)).as("changed type").isFalse();
        assertThat(client.isCompatible(uniqueSubject("empty"), ORDER_WITH_CHANGED_TYPE))
                .as("anything against a subject without versions").isTrue();
        assertThat(client.versions(subject)).as("versions after the checks").containsExactly(1);
    }

    @Test
    void shouldReportNotFoundForUnknownIdSubjectAndVersion() {
        // Given
        final String subject = uniqueSubject("not-found");
        client.register(subject, ORDER_V1);

        // When / Then
        assertThatThrownBy(() -> client.schemaById(Integer.MAX_VALUE))
                .as("schema by an id never handed out")
                .isInstanceOfSatisfying(SchemaRegistryException.class, notFound(SchemaRegistryException.SCHEMA_NOT_FOUND));
        assertThatThrownBy(() -> client.latest(uniqueSubject("never-registered")))
                .as("latest version of an unknown subject")
                .isInstanceOfSatisfying(SchemaRegistryException.class, notFound(SchemaRegistryException.SUBJECT_NOT_FOUND));
        assertThatThrownBy(() -> client.version(subject, 99))
                .as("a version the subject does not have")
                .isInstanceOfSatisfying(SchemaRegistryException.class, notFound(SchemaRegistryException.VERSION_NOT_FOUND));
    }

    @Test
    void shouldUseBackwardAsTheGlobalDefaultLevel() {
        // Given a registry nobody has reconfigured

        // When
        final CompatibilityLevel global = client.compatibility(null);

        // Then
        assertThat(global).as("global compatibility level").isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    void shouldApplyASubjectLevelToThatSubjectOnly() {
        // Given
        final String relaxed = uniqueSubject("level-none");
        final String strict = uniqueSubject("level-default");
        client.register(relaxed, ORDER_V1);
        client.register(strict, ORDER_V1);

        // When
        client.setCompatibility(relaxed, CompatibilityLevel.NONE);

        // Then
        assertThat(client.compatibility(relaxed)).as("level of the reconfigured subject").isEqualTo(CompatibilityLevel.NONE);
        assertThat(client.compatibility(strict)).as("level of a subject without its own").isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(client.compatibility(null)).as("global level").isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(client.register(relaxed, ORDER_WITH_CHANGED_TYPE)).as("id of an incompatible schema under NONE").isPositive();
        assertThat(client.versions(relaxed)).as("versions under NONE").containsExactly(1, 2);
        assertThatThrownBy(() -> client.register(strict, ORDER_WITH_CHANGED_TYPE))
                .as("the same schema under the default level")
                .isInstanceOf(IncompatibleSchemaException.class);
    }

    @Test
    void shouldApplyTheGlobalLevelToSubjectsWithoutTheirOwn() {
        // Given
        final String subject = uniqueSubject("level-global");
        client.register(subject, ORDER_V1);

        try {
            // When
            client.setCompatibility(null, CompatibilityLevel.FORWARD);

            // Then
            assertThat(client.compatibility(null)).as("global level after setting it").isEqualTo(CompatibilityLevel.FORWARD);
            assertThat(client.compatibility(subject)).as("level of a subject without its own")
                    .isEqualTo(CompatibilityLevel.FORWARD);
        } finally {
            client.setCompatibility(null, CompatibilityLevel.BACKWARD);
        }
    }

    @Test
    void shouldAnswerTheGlobalLevelForASubjectNotRegisteredYet() {
        // Given
        final String subject = uniqueSubject("level-unregistered");

        // When
        final CompatibilityLevel level = client.compatibility(subject);

        // Then
        assertThat(level).as("level that will apply to the subject's first versions").isEqualTo(client.compatibility(null));
    }

    @Test
    void shouldRoundTripARecordThroughTheConfluentSerdeAndFrameItWithTheRegistryId() {
        // Given
        final String topic = "contract-orders-" + UUID.randomUUID();
        final Map<String, Object> serdeConfig = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        final GenericRecord order = new GenericData.Record(ORDER_V1);
        order.put("orderId", "o-42");
        order.put("amountMinor", 12_345L);

        try (ConfluentAvroSerializer<GenericRecord> serializer = new ConfluentAvroSerializer<>();
             ConfluentAvroDeserializer<GenericRecord> deserializer = new ConfluentAvroDeserializer<>()) {
            serializer.configure(serdeConfig, false);
            deserializer.configure(serdeConfig, false);

            // When
            final byte[] bytes = serializer.serialize(topic, order);
            final GenericRecord read = deserializer.deserialize(topic, bytes);

            // Then
            final int registeredId = client.lookup(topic + "-value", ORDER_V1).id();
            assertThat(bytes[0]).as("magic byte").isZero();
            assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).as("schema id in the record").isEqualTo(registeredId);
            assertThat(read.getSchema()).as("writer schema read back").isEqualTo(ORDER_V1);
            assertThat(read.get("orderId")).as("orderId").hasToString("o-42");
            assertThat(read.get("amountMinor")).as("amountMinor").isEqualTo(12_345L);
        }
    }

    @Test
    void shouldGiveUpWithRegistryUnavailableWithinBoundedTimeWhenNothingListens() throws IOException {
        // Given a port nothing listens on, and a client that retries twice with 50 ms backoff
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        final Map<String, Object> config = Map.of(
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:" + closedPort,
                AvroSerdeConfig.MAX_RETRIES, 2,
                AvroSerdeConfig.RETRIES_WAIT_MS, 50);

        try (SchemaRegistryClient unreachable = SchemaRegistryClients.create(config)) {
            // When / Then
            assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                    assertThatThrownBy(() -> unreachable.register(uniqueSubject("unreachable"), ORDER_V1))
                            .as("registering with nothing listening")
                            .isInstanceOf(RegistryUnavailableException.class)
                            .hasMessageContaining("after 3 attempts"));
        }
    }

    /** Requirements on a registry's not-found answer with a given Confluent error code. */
    protected static Consumer<SchemaRegistryException> notFound(final int errorCode) {
        return e -> {
            assertThat(e.isNotFound()).as("is a not-found answer: %s", e.getMessage()).isTrue();
            assertThat(e.errorCode()).as("error code of: %s", e.getMessage()).isEqualTo(errorCode);
        };
    }
}
