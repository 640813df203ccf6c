package dev.orderpipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.registry.IncompatibleSchemaException;
import dev.orderpipeline.schemas.registry.RegistryUnavailableException;
import dev.orderpipeline.schemas.registry.SchemaRegistryException;
import dev.orderpipeline.schemas.testing.MockRegistryScope;
import dev.orderpipeline.schemas.testing.SampleRecords;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The serializer fails with a {@link SerializationException} that keeps the registry's answer as its cause when
 * the registry refuses, and with a retriable {@link RegistryUnavailableException} when it cannot be reached.
 */
class ConfluentAvroSerializerErrorTest {

    private static final String WIDGETS_TOPIC = "widgets";
    private static final String WIDGETS_SUBJECT = WIDGETS_TOPIC + "-value";

    private static final Schema WIDGET_V1 = SchemaBuilder.record("Widget").namespace("dev.orderpipeline.schemas.test")
            .fields().requiredString("id").endRecord();
    /** Adds a field without a default: a v2 reader cannot read v1 data, so BACKWARD refuses it. */
    private static final Schema WIDGET_WITH_REQUIRED_FIELD = SchemaBuilder.record("Widget")
            .namespace("dev.orderpipeline.schemas.test")
            .fields().requiredString("id").requiredInt("weight").endRecord();

    private MockRegistryScope scope;

    @BeforeEach
    void createScope(final TestInfo testInfo) {
        scope = MockRegistryScope.forTest(testInfo);
    }

    @AfterEach
    void dropScope() {
        scope.close();
    }

    @Test
    void shouldFailRetriablyAndBoundedlyWhenRegistryIsUnreachable() {
        // Given a serializer whose registry URL points at a closed port, with 2 quick retries
        try (ConfluentAvroSerializer<OrderPlaced> serializer = new ConfluentAvroSerializer<>()) {
            serializer.configure(Map.of(
                    AvroSerdeConfig.SCHEMA_REGISTRY_URL, ClosedPort.url(),
                    AvroSerdeConfig.MAX_RETRIES, "2",
                    AvroSerdeConfig.RETRIES_WAIT_MS, "10"), false);

            // When a record is serialized
            // Then a retriable registry error comes within a few seconds, after 1 + 2 attempts
            assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                    assertThatThrownBy(() -> serializer.serialize(Topics.ORDERS, SampleRecords.orderPlaced()))
                            .as("serializing against an unreachable registry")
                            .isInstanceOf(RegistryUnavailableException.class)
                            .isInstanceOf(RetriableException.class)
                            .isNotInstanceOf(SerializationException.class)
                            .hasMessageContaining("after 3 attempts"));
        }
    }

    @Test
    void shouldWrapIncompatibleSchemaRefusalWithTheRegistryAnswerAsCause() {
        // Given the subject holds v1 of Widget under the default BACKWARD rule
        scope.registry().register(WIDGETS_SUBJECT, WIDGET_V1);
        try (ConfluentAvroSerializer<GenericRecord> serializer = new ConfluentAvroSerializer<>()) {
            serializer.configure(scope.config(), false);
            final GenericRecord widget = new GenericData.Record(WIDGET_WITH_REQUIRED_FIELD);
            widget.put("id", "w-1");
            widget.put("weight", 3);

            // When a record with a BACKWARD-incompatible schema is serialized (auto-registration on)
            // Then the serializer refuses with the 409 answer as the cause
            assertThatThrownBy(() -> serializer.serialize(WIDGETS_TOPIC, widget))
                    .as("serializing with an incompatible schema")
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining(WIDGETS_SUBJECT)
                    .cause()
                    .isInstanceOfSatisfying(IncompatibleSchemaException.class, cause -> assertThat(cause.httpStatus())
                            .as("HTTP status of the refusal").isEqualTo(409));
        }
        assertThat(scope.registry().versions(WIDGETS_SUBJECT)).as("versions after the refusal").containsExactly(1);
    }

    @Test
    void shouldNameTheSubjectWhenAutoRegisterIsOffAndSchemaIsUnregistered() {
        // Given auto-registration is off and nothing is registered
        try (ConfluentAvroSerializer<OrderPlaced> serializer = new ConfluentAvroSerializer<>()) {
            serializer.configure(scope.config(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);

            // When a record is serialized
            // Then the error names the subject that lacks the schema
            assertThatThrownBy(() -> serializer.serialize(Topics.ORDERS, SampleRecords.orderPlaced()))
                    .as("serializing an unregistered schema with auto.register.schemas=false")
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("'" + Topics.ORDERS + "-value'")
                    .hasCauseInstanceOf(SchemaRegistryException.class);
        }
        assertThat(scope.registry().subjects()).as("subjects after a refused lookup").isEmpty();
    }

    @Test
    void shouldUseTheRegisteredIdWhenAutoRegisterIsOffAndSchemaIsRegistered() {
        // Given OrderPlaced was registered ahead of time, as in production with auto-registration off
        final int id = scope.registry().register(Topics.ORDERS + "-value", OrderPlaced.getClassSchema());
        try (ConfluentAvroSerializer<OrderPlaced> serializer = new ConfluentAvroSerializer<>()) {
            serializer.configure(scope.config(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false"), false);

            // When a record is serialized
            final byte[] bytes = serializer.serialize(Topics.ORDERS, SampleRecords.orderPlaced());

            // Then it is framed with the pre-registered id
            assertThat(WireFormat.schemaId(bytes)).as("schema id in the header").isEqualTo(id);
        }
    }

    @Test
    void shouldNameTheSubjectWhenUseLatestVersionFindsNoSubject() {
        // Given use.latest.version on an empty registry
        try (ConfluentAvroSerializer<OrderPlaced> serializer = new ConfluentAvroSerializer<>()) {
            serializer.configure(scope.config(
                    AvroSerdeConfig.USE_LATEST_VERSION, true,
                    AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);

            // When a record is serialized
            // Then the error names the missing subject
            assertThatThrownBy(() -> serializer.serialize(Topics.ORDERS, SampleRecords.orderPlaced()))
                    .as("use.latest.version without any version")
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("'" + Topics.ORDERS + "-value'");
        }
    }

    @Test
    void shouldUseTheKeySubjectForKeys() {
        // Given a serializer configured for record keys
        try (ConfluentAvroSerializer<OrderPlaced> serializer = new ConfluentAvroSerializer<>()) {
            serializer.configure(scope.config(), true);

            // When a record is serialized
            serializer.serialize(Topics.ORDERS, SampleRecords.orderPlaced());

            // Then its schema is registered under <topic>-key
            assertThat(scope.registry().subjects()).as("subjects after serializing a key")
                    .containsExactly(Topics.ORDERS + "-key");
        }
    }

    @Test
    void shouldWrapRecordThatDoesNotMatchItsSchema() {
        // Given a generic Widget missing its required id
        try (ConfluentAvroSerializer<GenericRecord> serializer = new ConfluentAvroSerializer<>()) {
            serializer.configure(scope.config(), false);
            final GenericRecord widget = new GenericData.Record(WIDGET_V1);

            // When it is serialized
            // Then the failure is a SerializationException naming the schema, not a bare NullPointerException
            assertThatThrownBy(() -> serializer.serialize(WIDGETS_TOPIC, widget))
                    .as("serializing a record with a null required field")
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("dev.orderpipeline.schemas.test.Widget");
        }
    }

    @Test
    void shouldRefuseToSerializeBeforeConfigure() {
        // Given a serializer that was never configured
        try (ConfluentAvroSerializer<OrderPlaced> unconfigured = new ConfluentAvroSerializer<>()) {

            // When it is used
            // Then it says so
            assertThatThrownBy(() -> unconfigured.serialize(Topics.ORDERS, SampleRecords.orderPlaced()))
                    .as("serialize before configure")
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("configure");
        }
    }
}
