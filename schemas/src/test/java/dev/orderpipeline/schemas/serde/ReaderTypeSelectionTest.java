package dev.orderpipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.testing.MockRegistryScope;
import dev.orderpipeline.schemas.testing.SampleRecords;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Which Java type the deserializer returns, as with Confluent's {@code KafkaAvroDeserializer}: GenericRecord by
 * default, the generated class with {@code specific.avro.reader=true}, and always the target class of a typed
 * deserializer.
 */
class ReaderTypeSelectionTest {

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
    void shouldReturnGenericRecordFromNoArgDeserializerByDefault() {
        // Given an order written by the generated class
        final byte[] bytes = orderBytes();

        // When the no-arg deserializer without specific.avro.reader reads it
        final Object decoded;
        try (ConfluentAvroDeserializer<Object> deserializer = new ConfluentAvroDeserializer<>()) {
            deserializer.configure(scope.config(), false);
            decoded = deserializer.deserialize(Topics.ORDERS, bytes);
        }

        // Then it is a plain GenericRecord, not the generated class
        assertThat(decoded).as("type returned by default")
                .isInstanceOf(GenericData.Record.class)
                .isNotInstanceOf(SpecificRecord.class);
        final GenericRecord record = (GenericRecord) decoded;
        assertThat(record.get("orderId")).as("orderId").hasToString("o-1");
        assertThat(record.get("createdAt")).as("timestamp-millis as raw epoch millis, as Confluent's generic reader")
                .isEqualTo(SampleRecords.CREATED_AT.toEpochMilli());
    }

    @Test
    void shouldReturnGeneratedClassFromNoArgDeserializerWithSpecificAvroReader() {
        // Given an order written by the generated class
        final byte[] bytes = orderBytes();

        // When the no-arg deserializer with specific.avro.reader=true reads it
        final Object decoded;
        try (ConfluentAvroDeserializer<Object> deserializer = new ConfluentAvroDeserializer<>()) {
            deserializer.configure(scope.config(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true"), false);
            decoded = deserializer.deserialize(Topics.ORDERS, bytes);
        }

        // Then it is the generated class, equal to what was written
        assertThat(decoded).as("type returned with specific.avro.reader=true")
                .isInstanceOf(OrderPlaced.class)
                .isEqualTo(SampleRecords.orderPlaced());
    }

    @Test
    void shouldReturnTargetClassFromTypedDeserializerWhateverTheFlag() {
        // Given an order written by the generated class
        final byte[] bytes = orderBytes();

        // When typed deserializers read it with specific.avro.reader false and true
        final OrderPlaced withoutFlag;
        final OrderPlaced withFlag;
        try (ConfluentAvroDeserializer<OrderPlaced> plain = new ConfluentAvroDeserializer<>(null, OrderPlaced.class);
             ConfluentAvroDeserializer<OrderPlaced> flagged = new ConfluentAvroDeserializer<>(null, OrderPlaced.class)) {
            plain.configure(scope.config(), false);
            flagged.configure(scope.config(AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
            withoutFlag = plain.deserialize(Topics.ORDERS, bytes);
            withFlag = flagged.deserialize(Topics.ORDERS, bytes);
        }

        // Then both return the generated class
        assertThat(withoutFlag).as("typed read, specific.avro.reader=false").isEqualTo(SampleRecords.orderPlaced());
        assertThat(withFlag).as("typed read, specific.avro.reader=true").isEqualTo(SampleRecords.orderPlaced());
    }

    @Test
    void shouldFallBackToGenericRecordWhenNoGeneratedClassExists() {
        // Given a record of a schema that has no generated class
        final Schema gadget = SchemaBuilder.record("Gadget").namespace("dev.orderpipeline.schemas.test")
                .fields().requiredString("id").endRecord();
        final GenericRecord record = new GenericData.Record(gadget);
        record.put("id", "g-1");
        final byte[] bytes;
        try (ConfluentAvroSerializer<GenericRecord> serializer = new ConfluentAvroSerializer<>()) {
            serializer.configure(scope.config(), false);
            bytes = serializer.serialize("gadgets", record);
        }

        // When a deserializer with specific.avro.reader=true reads it
        final Object decoded;
        try (ConfluentAvroDeserializer<Object> deserializer = new ConfluentAvroDeserializer<>()) {
            deserializer.configure(scope.config(AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
            decoded = deserializer.deserialize("gadgets", bytes);
        }

        // Then it falls back to a GenericRecord of the writer schema
        assertThat(decoded).as("specific read of a schema without class").isInstanceOf(GenericData.Record.class)
                .isEqualTo(record);
    }

    private byte[] orderBytes() {
        try (ConfluentAvroSerde<OrderPlaced> serde = scope.valueSerde(OrderPlaced.class)) {
            return serde.serializer().serialize(Topics.ORDERS, SampleRecords.orderPlaced());
        }
    }
}
