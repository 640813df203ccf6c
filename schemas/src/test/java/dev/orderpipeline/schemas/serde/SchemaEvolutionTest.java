package dev.orderpipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.OrderCancelled;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderStatus;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import dev.orderpipeline.schemas.registry.CompatibilityLevel;
import dev.orderpipeline.schemas.registry.IncompatibleSchemaException;
import dev.orderpipeline.schemas.testing.MockRegistryScope;
import dev.orderpipeline.schemas.testing.SampleRecords;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * OrderPlaced can evolve compatibly in both directions: v2 below adds {@code channel} (with a default) and drops
 * the optional {@code clientOrderId}, which keeps it BACKWARD (and FORWARD) compatible with v1, the generated class.
 * Older code reads newer data and newer readers read older data; an incompatible v3 is refused by the registry.
 *
 * <p>Evolutions made to the committed schemas are pinned here too: OrderCancelled gained the optional
 * {@code requestedByCustomerId}, and cancellations written before it must still be read (as not bound to a customer).
 */
class SchemaEvolutionTest {

    private static final String ORDERS_SUBJECT = Topics.ORDERS + "-value";
    private static final String DEFAULT_CHANNEL = "web";

    /** v1: the schema of the generated class. */
    private static final Schema V1 = OrderPlaced.getClassSchema();
    /** v2: v1 without clientOrderId, plus channel with default "web". */
    private static final Schema V2 = orderPlacedV2();
    /** v3: v2 plus a required field without default, which a v3 reader cannot fill from v2 data. */
    private static final Schema V3_INCOMPATIBLE = withExtraField(V2, new Schema.Field("priority",
            Schema.create(Schema.Type.INT), "Fulfilment priority; no default, so old data cannot be read."));

    private static final String CANCELLATIONS_SUBJECT = Topics.ORDER_CANCELLATIONS + "-value";
    /** OrderCancelled as it was before requestedByCustomerId, as producers built against it still write it. */
    private static final Schema CANCELLED_BEFORE_CUSTOMER_BINDING =
            without(OrderCancelled.getClassSchema(), "requestedByCustomerId");

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
    void shouldReadV2DataWithV1GeneratedClassIgnoringTheNewField() {
        // Given v1 is registered and a producer writes a v2 GenericRecord (auto-registering v2)
        scope.registry().register(ORDERS_SUBJECT, V1);
        final byte[] bytes;
        try (ConfluentAvroSerializer<GenericRecord> v2Producer = new ConfluentAvroSerializer<>()) {
            v2Producer.configure(scope.config(), false);
            bytes = v2Producer.serialize(Topics.ORDERS, v2Order("mobile"));
        }
        assertThat(WireFormat.schemaId(bytes)).as("data written with the v2 id")
                .isEqualTo(scope.registry().lookup(ORDERS_SUBJECT, V2).id());

        // When v1 code (the generated class) reads it
        final OrderPlaced decoded;
        try (ConfluentAvroSerde<OrderPlaced> v1Consumer = scope.valueSerde(OrderPlaced.class)) {
            decoded = v1Consumer.deserializer().deserialize(Topics.ORDERS, bytes);
        }

        // Then the shared fields come through, channel is ignored and the dropped clientOrderId takes its default
        assertThat(decoded).as("v2 data read as v1")
                .isEqualTo(OrderPlaced.newBuilder(SampleRecords.orderPlaced()).setClientOrderId(null).build());
    }

    @Test
    void shouldReadV1DataWithV2GenericReaderFillingTheDefault() throws IOException {
        // Given v1 code wrote an order with a clientOrderId
        final OrderPlaced order = OrderPlaced.newBuilder(SampleRecords.orderPlaced()).setClientOrderId("client-7").build();
        final byte[] bytes;
        try (ConfluentAvroSerde<OrderPlaced> v1Producer = scope.valueSerde(OrderPlaced.class)) {
            bytes = v1Producer.serializer().serialize(Topics.ORDERS, order);
        }

        // When a v2 reader resolves it against the writer schema named by the id in the header
        final Schema writer = scope.registry().schemaById(WireFormat.schemaId(bytes));
        final GenericRecord decoded = readPayload(bytes, writer, V2);

        // Then channel gets its default, clientOrderId is gone and the rest is intact
        assertThat(writer).as("writer schema named by the header").isEqualTo(V1);
        assertThat(decoded.get("channel")).as("channel filled from the v2 default").hasToString(DEFAULT_CHANNEL);
        assertThat(decoded.hasField("clientOrderId")).as("v2 has no clientOrderId").isFalse();
        assertThat(decoded.get("orderId")).as("orderId").hasToString("o-1");
        assertThat(decoded.get("createdAt")).as("createdAt epoch millis")
                .isEqualTo(SampleRecords.CREATED_AT.toEpochMilli());
        assertThat((List<?>) decoded.get("items")).as("items").hasSize(2);
    }

    @Test
    void shouldWriteV1RecordWithLatestV2IdWhenUseLatestVersionIsOn() throws IOException {
        // Given v1 then v2 are registered and the producer still has the v1 generated class
        scope.registry().register(ORDERS_SUBJECT, V1);
        final int v2Id = scope.registry().register(ORDERS_SUBJECT, V2);
        final byte[] bytes;
        try (ConfluentAvroSerializer<OrderPlaced> v1Producer = new ConfluentAvroSerializer<>()) {
            v1Producer.configure(scope.config(
                    AvroSerdeConfig.USE_LATEST_VERSION, true,
                    AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);

            // When it writes a v1 record
            bytes = v1Producer.serialize(Topics.ORDERS, SampleRecords.orderPlaced());
        }

        // Then the record is framed with the v2 id and its body is v2 data with the default filled in
        assertThat(WireFormat.schemaId(bytes)).as("schema id in the header").isEqualTo(v2Id);
        final GenericRecord asV2 = readPayload(bytes, V2, V2);
        assertThat(asV2.get("channel")).as("channel written from the v2 default").hasToString(DEFAULT_CHANNEL);
        assertThat(asV2.get("customerId")).as("customerId").hasToString("c-42");
        assertThat(scope.registry().versions(ORDERS_SUBJECT)).as("versions: nothing new registered")
                .containsExactly(1, 2);
        try (ConfluentAvroSerde<OrderPlaced> v1Consumer = scope.valueSerde(OrderPlaced.class)) {
            assertThat(v1Consumer.deserializer().deserialize(Topics.ORDERS, bytes)).as("read back by v1 code")
                    .isEqualTo(SampleRecords.orderPlaced());
        }
    }

    @Test
    void shouldReadV2DataAsGenericRecordWithTheNewFieldByDefault() {
        // Given v1 and v2 registered and data written with v2 (use.latest.version)
        scope.registry().register(ORDERS_SUBJECT, V1);
        scope.registry().register(ORDERS_SUBJECT, V2);
        final byte[] bytes;
        try (ConfluentAvroSerializer<OrderPlaced> producer = new ConfluentAvroSerializer<>()) {
            producer.configure(scope.config(
                    AvroSerdeConfig.USE_LATEST_VERSION, true,
                    AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);
            bytes = producer.serialize(Topics.ORDERS, SampleRecords.orderPlaced());
        }

        // When a generic consumer (no-arg deserializer, specific.avro.reader=false) reads it
        final Object decoded;
        try (ConfluentAvroDeserializer<Object> genericConsumer = new ConfluentAvroDeserializer<>()) {
            genericConsumer.configure(scope.config(), false);
            decoded = genericConsumer.deserialize(Topics.ORDERS, bytes);
        }

        // Then it gets the record as written: a v2 GenericRecord with channel, not a generated v1 object
        assertThat(decoded).as("generic read of v2 data").isInstanceOf(GenericData.Record.class);
        final GenericRecord record = (GenericRecord) decoded;
        assertThat(record.getSchema()).as("schema of the generic record").isEqualTo(V2);
        assertThat(record.get("channel")).as("channel").hasToString(DEFAULT_CHANNEL);
    }

    @Test
    void shouldReadStatusSymbolAddedLaterAsTheEnumDefault() {
        // Given a newer OrderStatusChanged whose OrderStatus enum has an extra symbol SHIPPED
        final String v1Json = OrderStatusChanged.getClassSchema().toString();
        final String v2Json = v1Json.replace("\"CANCELLED\"]", "\"CANCELLED\",\"SHIPPED\"]");
        assertThat(v2Json).as("v2 schema text differs from v1").isNotEqualTo(v1Json);
        final Schema v2 = new Schema.Parser().parse(v2Json);
        final Schema statusSchema = v2.getField("status").schema();
        final GenericRecord shipped = new GenericData.Record(v2);
        final OrderStatusChanged template = SampleRecords.orderStatusChanged();
        for (final Schema.Field field : v2.getFields()) {
            shipped.put(field.name(), template.get(field.name()));
        }
        shipped.put("status", new GenericData.EnumSymbol(statusSchema, "SHIPPED"));
        shipped.put("previousStatus", new GenericData.EnumSymbol(statusSchema, "CONFIRMED"));
        shipped.put("items", List.of());
        final byte[] bytes;
        try (ConfluentAvroSerializer<GenericRecord> newerProducer = new ConfluentAvroSerializer<>()) {
            newerProducer.configure(scope.config(), false);
            scope.registry().register(Topics.ORDER_STATUS + "-value", OrderStatusChanged.getClassSchema());
            bytes = newerProducer.serialize(Topics.ORDER_STATUS, shipped);
        }

        // When v1 code reads it
        final OrderStatusChanged decoded;
        try (ConfluentAvroSerde<OrderStatusChanged> v1Consumer = scope.valueSerde(OrderStatusChanged.class)) {
            decoded = v1Consumer.deserializer().deserialize(Topics.ORDER_STATUS, bytes);
        }

        // Then the unknown symbol becomes the enum's default UNKNOWN and known symbols stay
        assertThat(decoded.getStatus()).as("status SHIPPED read by v1").isEqualTo(OrderStatus.UNKNOWN);
        assertThat(decoded.getPreviousStatus()).as("previousStatus CONFIRMED read by v1").isEqualTo(OrderStatus.CONFIRMED);
        assertThat(decoded.getOrderId()).as("orderId").isEqualTo(template.getOrderId());
    }

    @Test
    void shouldRefuseBackwardIncompatibleV3() {
        // Given v1 and v2 registered under the default BACKWARD rule
        scope.registry().register(ORDERS_SUBJECT, V1);
        scope.registry().register(ORDERS_SUBJECT, V2);

        // When v3 adds a field without default
        // Then the registry refuses it, and nothing is added
        assertThatThrownBy(() -> scope.registry().register(ORDERS_SUBJECT, V3_INCOMPATIBLE))
                .as("registering v3 with a required new field")
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining(ORDERS_SUBJECT)
                .hasMessageContaining("priority");
        assertThat(scope.registry().isCompatible(ORDERS_SUBJECT, V3_INCOMPATIBLE)).as("v3 compatibility check")
                .isFalse();
        assertThat(scope.registry().versions(ORDERS_SUBJECT)).as("versions after the refusal").containsExactly(1, 2);
    }

    @Test
    void shouldRefuseToProduceWithBackwardIncompatibleV3() {
        // Given v1 and v2 registered, and a producer holding a v3 record
        scope.registry().register(ORDERS_SUBJECT, V1);
        scope.registry().register(ORDERS_SUBJECT, V2);
        final GenericRecord v3Order = copy(v2Order("store"), V3_INCOMPATIBLE);
        v3Order.put("priority", 1);
        try (ConfluentAvroSerializer<GenericRecord> v3Producer = new ConfluentAvroSerializer<>()) {
            v3Producer.configure(scope.config(), false);

            // When it serializes (auto-registering v3)
            // Then it fails with the registry's refusal as the cause
            assertThatThrownBy(() -> v3Producer.serialize(Topics.ORDERS, v3Order))
                    .as("producing with an incompatible v3")
                    .isInstanceOf(SerializationException.class)
                    .hasCauseInstanceOf(IncompatibleSchemaException.class);
        }
    }

    @Test
    void shouldKeepV2BackwardAndForwardCompatibleWithV1() {
        // Given the hand-made v2
        // When the registry checks it under FULL
        scope.registry().setCompatibility(ORDERS_SUBJECT, CompatibilityLevel.FULL);
        scope.registry().register(ORDERS_SUBJECT, V1);

        // Then it is accepted, which is what the other tests in this class rely on
        assertThat(scope.registry().isCompatible(ORDERS_SUBJECT, V2)).as("v2 FULL-compatible with v1").isTrue();
    }

    @Test
    void shouldKeepOrderCancelledWithRequestedByCustomerIdFullyCompatibleWithTheVersionBefore() {
        // Given OrderCancelled without requestedByCustomerId registered under FULL (backward and forward)
        assertThat(CANCELLED_BEFORE_CUSTOMER_BINDING.getField("requestedByCustomerId")).as("field absent before")
                .isNull();
        scope.registry().setCompatibility(CANCELLATIONS_SUBJECT, CompatibilityLevel.FULL);
        scope.registry().register(CANCELLATIONS_SUBJECT, CANCELLED_BEFORE_CUSTOMER_BINDING);

        // When the current schema is registered
        final int current = scope.registry().register(CANCELLATIONS_SUBJECT, OrderCancelled.getClassSchema());

        // Then it is accepted as the next version
        assertThat(scope.registry().lookup(CANCELLATIONS_SUBJECT, OrderCancelled.getClassSchema()).id())
                .as("id of the current schema").isEqualTo(current);
        assertThat(scope.registry().versions(CANCELLATIONS_SUBJECT)).as("versions").containsExactly(1, 2);
    }

    @Test
    void shouldReadCancellationWrittenBeforeRequestedByCustomerIdAsNotBoundToACustomer() {
        // Given a producer still on the schema before requestedByCustomerId writes a cancellation
        final GenericRecord old = new GenericData.Record(CANCELLED_BEFORE_CUSTOMER_BINDING);
        old.put("orderId", "o-1");
        old.put("requestedBy", "support-agent-7");
        old.put("reason", null);
        old.put("requestedAt", SampleRecords.CREATED_AT.toEpochMilli());
        final byte[] bytes;
        try (ConfluentAvroSerializer<GenericRecord> oldProducer = new ConfluentAvroSerializer<>()) {
            oldProducer.configure(scope.config(), false);
            bytes = oldProducer.serialize(Topics.ORDER_CANCELLATIONS, old);
        }

        // When current code (the generated class) reads it
        final OrderCancelled decoded;
        try (ConfluentAvroSerde<OrderCancelled> consumer = scope.valueSerde(OrderCancelled.class)) {
            decoded = consumer.deserializer().deserialize(Topics.ORDER_CANCELLATIONS, bytes);
        }

        // Then the new field takes its default, null: the cancellation is not bound to a customer
        assertThat(decoded.getRequestedByCustomerId()).as("requestedByCustomerId of old data").isNull();
        assertThat(decoded.getOrderId()).as("orderId").isEqualTo("o-1");
        assertThat(decoded.getRequestedBy()).as("requestedBy").isEqualTo("support-agent-7");
        assertThat(decoded.getRequestedAt()).as("requestedAt").isEqualTo(SampleRecords.CREATED_AT);
    }

    private static Schema without(final Schema base, final String dropped) {
        final List<Schema.Field> fields = new ArrayList<>();
        for (final Schema.Field field : base.getFields()) {
            if (!field.name().equals(dropped)) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        return new Schema.Parser().parse(
                Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields).toString());
    }

    private static Schema orderPlacedV2() {
        final List<Schema.Field> fields = new ArrayList<>();
        for (final Schema.Field field : V1.getFields()) {
            if (!field.name().equals("clientOrderId")) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        fields.add(new Schema.Field("channel", Schema.create(Schema.Type.STRING),
                "Sales channel the order came from.", DEFAULT_CHANNEL));
        final Schema v2 = Schema.createRecord(V1.getName(), V1.getDoc(), V1.getNamespace(), false, fields);
        // Re-parse the JSON so that v2 is a standalone schema, as a registry or another team would hold it.
        return new Schema.Parser().parse(v2.toString());
    }

    private static Schema withExtraField(final Schema base, final Schema.Field extra) {
        final List<Schema.Field> fields = new ArrayList<>();
        for (final Schema.Field field : base.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(extra);
        return new Schema.Parser().parse(
                Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields).toString());
    }

    /** The sample order as a v2 GenericRecord, with the generic representations of its values. */
    private static GenericRecord v2Order(final String channel) {
        final Schema itemSchema = V2.getField("items").schema().getElementType();
        final GenericData.Array<GenericRecord> items = new GenericData.Array<>(2, V2.getField("items").schema());
        items.add(item(itemSchema, "SKU-1", 2, 1250));
        items.add(item(itemSchema, "SKU-2", 1, 99));
        final GenericRecord order = new GenericData.Record(V2);
        order.put("orderId", "o-1");
        order.put("customerId", "c-42");
        order.put("items", items);
        order.put("currency", "EUR");
        order.put("createdAt", SampleRecords.CREATED_AT.toEpochMilli());
        order.put("source", new GenericData.EnumSymbol(V2.getField("source").schema(), "HTTP"));
        order.put("channel", channel);
        return order;
    }

    private static GenericRecord item(final Schema schema, final String sku, final int quantity, final long price) {
        final GenericRecord item = new GenericData.Record(schema);
        item.put("sku", sku);
        item.put("quantity", quantity);
        item.put("unitPriceMinor", price);
        return item;
    }

    private static GenericRecord copy(final GenericRecord source, final Schema target) {
        final GenericRecord copy = new GenericData.Record(target);
        for (final Schema.Field field : source.getSchema().getFields()) {
            copy.put(field.name(), source.get(field.name()));
        }
        return copy;
    }

    private static GenericRecord readPayload(final byte[] framed, final Schema writer, final Schema reader)
            throws IOException {
        return new GenericDatumReader<GenericRecord>(writer, reader).read(null, DecoderFactory.get()
                .binaryDecoder(framed, WireFormat.HEADER_SIZE, framed.length - WireFormat.HEADER_SIZE, null));
    }
}
