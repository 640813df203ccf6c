package dev.orderpipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.InventoryAdjustment;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.registry.RegistryUnavailableException;
import dev.orderpipeline.schemas.registry.SchemaRegistryException;
import dev.orderpipeline.schemas.testing.MockRegistryScope;
import dev.orderpipeline.schemas.testing.SampleRecords;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Poison records fail with the specific {@code SerializationException} subclass a dead-letter handler can report,
 * and an unreachable registry fails with a retriable exception instead, quickly and boundedly.
 */
class ConfluentAvroDeserializerErrorTest {

    private MockRegistryScope scope;
    private ConfluentAvroSerde<OrderPlaced> serde;

    @BeforeEach
    void createSerde(final TestInfo testInfo) {
        scope = MockRegistryScope.forTest(testInfo);
        serde = scope.valueSerde(OrderPlaced.class);
    }

    @AfterEach
    void closeSerde() {
        serde.close();
        scope.close();
    }

    @ParameterizedTest(name = "magic byte 0x{0}")
    @ValueSource(strings = {"01", "ff", "7b"})
    void shouldRejectRecordWithWrongMagicByte(final String magicHex) {
        // Given a well-formed record whose first byte is not 0x00
        final byte[] bytes = validOrderBytes();
        bytes[0] = (byte) Integer.parseInt(magicHex, 16);

        // When it is deserialized
        // Then the error is a wire-format error naming the byte found
        assertThatThrownBy(() -> serde.deserializer().deserialize(Topics.ORDERS, bytes))
                .as("record starting with 0x%s", magicHex)
                .isInstanceOf(InvalidWireFormatException.class)
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("magic byte 0x" + magicHex);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 4})
    void shouldRejectRecordTooShortForTheHeader(final int length) {
        // Given fewer bytes than magic byte + schema id
        final byte[] bytes = new byte[length];

        // When they are deserialized
        // Then the error is a wire-format error giving the length
        assertThatThrownBy(() -> serde.deserializer().deserialize(Topics.ORDERS, bytes))
                .as("record of %d bytes", length)
                .isInstanceOf(InvalidWireFormatException.class)
                .hasMessageContaining(length + " bytes");
    }

    @Test
    void shouldRejectUnknownSchemaIdCarryingTheId() {
        // Given a record naming schema id 4242 in a registry that has none
        final byte[] bytes = {0, 0, 0, 0x10, (byte) 0x92, 0x00};

        // When it is deserialized
        // Then the error carries the id and the registry's not-found answer as its cause
        assertThatThrownBy(() -> serde.deserializer().deserialize(Topics.ORDERS, bytes))
                .as("record naming unregistered schema id 4242")
                .isInstanceOfSatisfying(UnknownSchemaIdException.class, e -> {
                    assertThat(e.schemaId()).as("id carried by the exception").isEqualTo(4242);
                    assertThat(e).as("exception message").hasMessageContaining("4242");
                    assertThat(e.getCause()).as("registry answer behind the exception")
                            .isInstanceOfSatisfying(SchemaRegistryException.class, cause -> assertThat(cause.errorCode())
                                    .as("Confluent error code").isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
                });
    }

    @ParameterizedTest(name = "last {0} bytes missing")
    @ValueSource(ints = {1, 7, 20})
    void shouldRejectTruncatedPayloadAsCorruptAvro(final int missingBytes) {
        // Given a valid record with its tail cut off
        final byte[] valid = validOrderBytes();
        final byte[] truncated = Arrays.copyOf(valid, valid.length - missingBytes);
        final int id = WireFormat.schemaId(valid);

        // When it is deserialized
        // Then the error is a corrupt-payload error naming the schema id and topic
        assertThatThrownBy(() -> serde.deserializer().deserialize(Topics.ORDERS, truncated))
                .as("record truncated by %d bytes", missingBytes)
                .isInstanceOf(CorruptAvroException.class)
                .hasMessageContaining("schema id " + id)
                .hasMessageContaining(Topics.ORDERS);
    }

    @Test
    void shouldRejectHeaderWithoutPayloadAsCorruptAvro() {
        // Given only the 5-byte header of a valid record
        final byte[] headerOnly = Arrays.copyOf(validOrderBytes(), WireFormat.HEADER_SIZE);

        // When it is deserialized
        // Then the empty body is a corrupt payload, not a wire-format error
        assertThatThrownBy(() -> serde.deserializer().deserialize(Topics.ORDERS, headerOnly))
                .as("header without body")
                .isInstanceOf(CorruptAvroException.class);
    }

    @Test
    void shouldRejectNegativeStringLengthAsCorruptAvro() {
        // Given a record whose first string (orderId) claims length -1 (zig-zag byte 0x01)
        final byte[] bytes = validOrderBytes();
        bytes[WireFormat.HEADER_SIZE] = 0x01;

        // When it is deserialized
        // Then the malformed body is reported as corrupt Avro
        assertThatThrownBy(() -> serde.deserializer().deserialize(Topics.ORDERS, bytes))
                .as("record with a negative string length")
                .isInstanceOf(CorruptAvroException.class);
    }

    @Test
    void shouldRejectRecordOfAnotherContractAsCorruptAvro() {
        // Given an inventory adjustment produced to the orders topic by mistake
        final byte[] bytes;
        try (ConfluentAvroSerde<InventoryAdjustment> inventory = scope.valueSerde(InventoryAdjustment.class)) {
            bytes = inventory.serializer().serialize(Topics.INVENTORY, SampleRecords.inventoryAdjustment());
        }

        // When the orders deserializer reads it
        // Then its schema cannot be resolved to OrderPlaced, which is a poison record naming the writer schema
        assertThatThrownBy(() -> serde.deserializer().deserialize(Topics.ORDERS, bytes))
                .as("InventoryAdjustment read as OrderPlaced")
                .isInstanceOf(CorruptAvroException.class)
                .hasMessageContaining(InventoryAdjustment.getClassSchema().getFullName());
    }

    @Test
    void shouldFailRetriablyAndBoundedlyWhenRegistryIsUnreachable() {
        // Given a deserializer whose registry URL points at a closed port, with 2 quick retries
        final byte[] bytes = validOrderBytes();
        try (ConfluentAvroDeserializer<OrderPlaced> unreachable = new ConfluentAvroDeserializer<>(null, OrderPlaced.class)) {
            unreachable.configure(Map.of(
                    AvroSerdeConfig.SCHEMA_REGISTRY_URL, ClosedPort.url(),
                    AvroSerdeConfig.MAX_RETRIES, 2,
                    AvroSerdeConfig.RETRIES_WAIT_MS, 10), false);

            // When a record is deserialized (its schema id is not cached)
            // Then a retriable registry error comes within a few seconds, not a poison-record error
            assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                    assertThatThrownBy(() -> unreachable.deserialize(Topics.ORDERS, bytes))
                            .as("deserializing against an unreachable registry")
                            .isInstanceOf(RegistryUnavailableException.class)
                            .isInstanceOf(RetriableException.class)
                            .isNotInstanceOf(SerializationException.class)
                            .hasMessageContaining("3 attempts"));
        }
    }

    @Test
    void shouldRefuseToDeserializeBeforeConfigure() {
        // Given a deserializer made with the no-arg constructor, as Kafka does, and never configured
        try (ConfluentAvroDeserializer<Object> unconfigured = new ConfluentAvroDeserializer<>()) {

            // When it is used
            // Then it says so instead of failing obscurely
            assertThatThrownBy(() -> unconfigured.deserialize(Topics.ORDERS, validOrderBytes()))
                    .as("deserialize before configure")
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("configure");
        }
    }

    private byte[] validOrderBytes() {
        return serde.serializer().serialize(Topics.ORDERS, SampleRecords.orderPlaced());
    }
}
