package dev.orderpipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.registry.CompatibilityLevel;
import dev.orderpipeline.schemas.registry.RegisteredSchema;
import dev.orderpipeline.schemas.registry.SchemaRegistryClient;
import dev.orderpipeline.schemas.registry.SchemaRegistryException;
import dev.orderpipeline.schemas.testing.MockRegistryScope;
import dev.orderpipeline.schemas.testing.SampleRecords;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Golden vectors: exact bytes derived by hand from the Avro 1.12 binary encoding spec and the Confluent wire format
 * (magic byte 0x00, schema id as big-endian int32, Avro binary body). They pin the format independently of our own
 * encoder: a change in framing, byte order or encoding breaks these tests even if writer and reader change together.
 *
 * <p>Avro binary rules used below: int/long are zig-zag encoded ({@code (n << 1) ^ (n >> 63)}) and then written as
 * a little-endian base-128 varint (7 bits per byte, high bit set on every byte but the last); strings are a long
 * byte count followed by UTF-8 bytes; arrays are blocks of (long count, items) ended by a count of 0; enums are the
 * symbol index as an int; unions are the branch index as an int followed by the value; booleans are one byte.
 */
class GoldenVectorTest {

    /**
     * {@link SampleRecords#orderPlaced()} registered as schema id 3, byte by byte.
     */
    private static final String ORDER_PLACED_GOLDEN_HEX = ""
            + "00"               // magic byte
            + "00000003"         // schema id 3, big-endian int32
            + "06" + "6f2d31"    // orderId: length 3 -> zig-zag 6; "o-1"
            + "08" + "632d3432"  // customerId: length 4 -> zig-zag 8; "c-42"
            + "04"               // items: one block of 2 items -> zig-zag 4
            + "0a" + "534b552d31" //   items[0].sku: length 5 -> zig-zag 10; "SKU-1"
            + "04"               //   items[0].quantity: int 2 -> zig-zag 4
            + "c413"             //   items[0].unitPriceMinor: 1250 -> zig-zag 2500 = 0b10011_1000100 -> c4 13
            + "0a" + "534b552d32" //   items[1].sku: "SKU-2"
            + "02"               //   items[1].quantity: int 1 -> zig-zag 2
            + "c601"             //   items[1].unitPriceMinor: 99 -> zig-zag 198 = 0b1_1000110 -> c6 01
            + "00"               // items: end of array (block count 0)
            + "06" + "455552"    // currency: length 3; "EUR"
            // createdAt: 2024-03-01T12:00:00Z = 1709294400000 ms -> zig-zag 3418588800000
            //   = 0b1100011_0111111_0011110_0010101_1001000_0000000; 7-bit groups from the low end,
            //   continuation bit on all but the last: 80 c8 95 9e bf 63
            + "80c8959ebf63"
            + "00"               // source: enum index 0 = HTTP
            + "00";              // clientOrderId: union branch 0 = null (no value bytes follow)

    /** A tiny schema with no generated class, so the generic writer and reader are used. */
    private static final Schema TINY_SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "Tiny", "namespace": "dev.orderpipeline.schemas.golden",
             "fields": [
               {"name": "id", "type": "long"},
               {"name": "count", "type": "int"},
               {"name": "name", "type": "string"},
               {"name": "tags", "type": {"type": "array", "items": "string"}},
               {"name": "note", "type": ["null", "string"], "default": null},
               {"name": "flag", "type": "boolean"}
             ]}""");

    /** Larger than 255 and with four distinct bytes, so any byte-order mistake shows. */
    private static final int LARGE_SCHEMA_ID = 0x01020304;

    /** id=-65, count=64, name="é", tags=["a","bc"], note="x", flag=true under schema id 0x01020304, byte by byte. */
    private static final String TINY_GOLDEN_HEX = ""
            + "00"               // magic byte
            + "01020304"         // schema id 16909060, big-endian: most significant byte first
            + "8101"             // id: long -65 -> zig-zag 129 = 0b1_0000001 -> 81 01
            + "8001"             // count: int 64 -> zig-zag 128 = 0b1_0000000 -> 80 01
            + "04" + "c3a9"      // name: "é" is the 2 UTF-8 bytes c3 a9 -> length 2 -> zig-zag 4
            + "04"               // tags: one block of 2 items
            + "02" + "61"        //   "a": length 1 -> zig-zag 2
            + "04" + "6263"      //   "bc": length 2 -> zig-zag 4
            + "00"               // tags: end of array
            + "02" + "02" + "78" // note: union branch 1 (string) -> zig-zag 2; length 1; "x"
            + "01";              // flag: true

    private static final String TINY_TOPIC = "golden-tiny";

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
    void shouldWriteOrderPlacedAsTheHandDerivedConfluentBytes() {
        // Given a fresh registry in which two filler schemas take ids 1 and 2
        givenFillerSchemasTakingIdsOneAndTwo();
        try (ConfluentAvroSerde<OrderPlaced> serde = scope.valueSerde(OrderPlaced.class)) {

            // When the fixed order is serialized (auto-registering OrderPlaced as the third schema)
            final byte[] bytes = serde.serializer().serialize(Topics.ORDERS, SampleRecords.orderPlaced());

            // Then the bytes are exactly the hand-derived vector
            assertThat(scope.registry().lookup(Topics.ORDERS + "-value", OrderPlaced.getClassSchema()).id())
                    .as("OrderPlaced is the third schema registered in the scope, so its id is 3")
                    .isEqualTo(3);
            assertThat(hex(bytes))
                    .as("Confluent wire format of the sample OrderPlaced, byte for byte")
                    .isEqualTo(ORDER_PLACED_GOLDEN_HEX);
        }
    }

    @Test
    void shouldReadOrderPlacedFromTheGoldenBytes() {
        // Given OrderPlaced registered as schema id 3
        givenFillerSchemasTakingIdsOneAndTwo();
        assertThat(scope.registry().register(Topics.ORDERS + "-value", OrderPlaced.getClassSchema()))
                .as("OrderPlaced registered after two fillers").isEqualTo(3);
        try (ConfluentAvroSerde<OrderPlaced> serde = scope.valueSerde(OrderPlaced.class)) {

            // When the golden bytes are deserialized
            final OrderPlaced decoded = serde.deserializer().deserialize(Topics.ORDERS, bytes(ORDER_PLACED_GOLDEN_HEX));

            // Then they decode to the fixed order, field for field
            assertThat(decoded).as("order decoded from the golden vector").isEqualTo(SampleRecords.orderPlaced());
            assertThat(decoded.getCreatedAt()).as("timestamp-millis decoded as an Instant")
                    .isEqualTo(SampleRecords.CREATED_AT);
            assertThat(decoded.getClientOrderId()).as("null branch of the clientOrderId union").isNull();
        }
    }

    @Test
    void shouldWriteGenericOrderPlacedAsTheSameGoldenBytes() {
        // Given OrderPlaced as id 3, and the sample order as a GenericRecord of the .avsc schema, as a producer
        // without our generated classes would build it (epoch millis, enum symbol, generic line items)
        givenFillerSchemasTakingIdsOneAndTwo();
        final Schema schema = new Schema.Parser().parse(OrderPlaced.getClassSchema().toString());
        final Schema itemSchema = schema.getField("items").schema().getElementType();
        final GenericRecord order = new GenericData.Record(schema);
        order.put("orderId", "o-1");
        order.put("customerId", "c-42");
        order.put("items", List.of(genericItem(itemSchema, "SKU-1", 2, 1250), genericItem(itemSchema, "SKU-2", 1, 99)));
        order.put("currency", "EUR");
        order.put("createdAt", SampleRecords.CREATED_AT.toEpochMilli());
        order.put("source", new GenericData.EnumSymbol(schema.getField("source").schema(), "HTTP"));
        order.put("clientOrderId", null);
        try (ConfluentAvroSerializer<GenericRecord> serializer = new ConfluentAvroSerializer<>()) {
            serializer.configure(scope.config(), false);

            // When it is serialized
            final byte[] bytes = serializer.serialize(Topics.ORDERS, order);

            // Then the bytes are the same golden vector as for the generated class
            assertThat(hex(bytes)).as("Confluent wire format of the generic sample order")
                    .isEqualTo(ORDER_PLACED_GOLDEN_HEX);
        }
    }

    @Test
    void shouldWriteGenericRecordAsTheHandDerivedBytesWithBigEndianSchemaId() {
        // Given a registry that knows the tiny schema as id 0x01020304
        final ConfluentAvroSerializer<GenericRecord> serializer =
                new ConfluentAvroSerializer<>(new FixedIdRegistry(LARGE_SCHEMA_ID, TINY_SCHEMA));
        serializer.configure(scope.config(), false);

        // When the tiny record is serialized
        final byte[] bytes = serializer.serialize(TINY_TOPIC, tinyRecord());

        // Then the bytes are the hand-derived vector, with the id's most significant byte first
        assertThat(hex(bytes)).as("Confluent wire format of the tiny generic record").isEqualTo(TINY_GOLDEN_HEX);
        assertThat(HexFormat.of().formatHex(bytes, 1, 5)).as("schema id bytes in big-endian order")
                .isEqualTo("01020304");
    }

    @Test
    void shouldReadGenericRecordFromTheGoldenBytesWithLargeSchemaId() {
        // Given a registry that knows the tiny schema only as id 0x01020304
        final ConfluentAvroDeserializer<GenericRecord> deserializer =
                new ConfluentAvroDeserializer<>(new FixedIdRegistry(LARGE_SCHEMA_ID, TINY_SCHEMA), null);
        deserializer.configure(scope.config(), false);

        // When the golden bytes are deserialized
        final GenericRecord decoded = deserializer.deserialize(TINY_TOPIC, bytes(TINY_GOLDEN_HEX));

        // Then the id was read big-endian (the registry knows no other id) and every field decodes
        assertTinyValues(decoded);
    }

    @Test
    void shouldDecodeTheGoldenPayloadsWithPlainAvro() throws IOException {
        // Given the golden vectors, whose bodies were derived by hand
        final byte[] tiny = bytes(TINY_GOLDEN_HEX);
        final byte[] order = bytes(ORDER_PLACED_GOLDEN_HEX);

        // When their bodies are decoded by Avro's reference decoder, without our serde
        final GenericRecord tinyDecoded = plainAvroRead(TINY_SCHEMA, tiny);
        final GenericRecord orderDecoded = plainAvroRead(OrderPlaced.getClassSchema(), order);

        // Then the hand derivation agrees with the Avro implementation
        assertTinyValues(tinyDecoded);
        assertThat(orderDecoded.get("orderId")).as("orderId").hasToString("o-1");
        assertThat(orderDecoded.get("createdAt")).as("createdAt as raw epoch millis")
                .isEqualTo(SampleRecords.CREATED_AT.toEpochMilli());
        assertThat(orderDecoded.get("source")).as("source").hasToString("HTTP");
        assertThat(orderDecoded.get("clientOrderId")).as("clientOrderId").isNull();
    }

    @Test
    void shouldReadAndWriteTheSchemaIdBigEndian() {
        // Given two headers whose id bytes are mirror images
        final byte[] ascending = {0x00, 0x01, 0x02, 0x03, 0x04};
        final byte[] descending = {0x00, 0x04, 0x03, 0x02, 0x01};
        final byte[] written = new byte[WireFormat.HEADER_SIZE];

        // When the ids are read and one is written
        final int ascendingId = WireFormat.schemaId(ascending);
        final int descendingId = WireFormat.schemaId(descending);
        WireFormat.writeHeader(written, LARGE_SCHEMA_ID);

        // Then the most significant byte comes first both ways
        assertThat(ascendingId).as("id of 00|01 02 03 04").isEqualTo(0x01020304);
        assertThat(descendingId).as("id of 00|04 03 02 01").isEqualTo(0x04030201);
        assertThat(written).as("header written for id 0x01020304").containsExactly(ascending);
    }

    @Test
    void shouldNameTheBigEndianIdWhenItIsUnknown() {
        // Given a registry that knows only id 0x01020304
        final ConfluentAvroDeserializer<GenericRecord> deserializer =
                new ConfluentAvroDeserializer<>(new FixedIdRegistry(LARGE_SCHEMA_ID, TINY_SCHEMA), null);
        deserializer.configure(scope.config(), false);
        final byte[] mirrored = bytes(TINY_GOLDEN_HEX);
        mirrored[1] = 0x04;
        mirrored[2] = 0x03;
        mirrored[3] = 0x02;
        mirrored[4] = 0x01;

        // When a record naming id bytes 04 03 02 01 is deserialized
        // Then the unknown id is 0x04030201, not the little-endian reading 0x01020304
        assertThatThrownBy(() -> deserializer.deserialize(TINY_TOPIC, mirrored))
                .as("record with id bytes 04 03 02 01")
                .isInstanceOfSatisfying(UnknownSchemaIdException.class, e -> assertThat(e.schemaId())
                        .as("id carried by the exception").isEqualTo(0x04030201));
    }

    private void givenFillerSchemasTakingIdsOneAndTwo() {
        final int first = scope.registry().register("filler-a-value", Schema.create(Schema.Type.STRING));
        final int second = scope.registry().register("filler-b-value", Schema.create(Schema.Type.LONG));
        assertThat(List.of(first, second)).as("ids of the filler schemas in a fresh scope").containsExactly(1, 2);
    }

    private static GenericRecord tinyRecord() {
        final GenericRecord record = new GenericData.Record(TINY_SCHEMA);
        record.put("id", -65L);
        record.put("count", 64);
        record.put("name", "é");
        record.put("tags", List.of("a", "bc"));
        record.put("note", "x");
        record.put("flag", true);
        return record;
    }

    private static GenericRecord genericItem(final Schema schema, final String sku, final int quantity,
                                             final long unitPriceMinor) {
        final GenericRecord item = new GenericData.Record(schema);
        item.put("sku", sku);
        item.put("quantity", quantity);
        item.put("unitPriceMinor", unitPriceMinor);
        return item;
    }

    private static void assertTinyValues(final GenericRecord decoded) {
        assertThat(decoded.getSchema()).as("writer schema of the decoded record").isEqualTo(TINY_SCHEMA);
        assertThat(decoded.get("id")).as("negative long").isEqualTo(-65L);
        assertThat(decoded.get("count")).as("int needing two varint bytes").isEqualTo(64);
        assertThat(decoded.get("name")).as("two-byte UTF-8 string").hasToString("é");
        assertThat((List<?>) decoded.get("tags")).as("array of strings")
                .map(Object::toString).containsExactly("a", "bc");
        assertThat(decoded.get("note")).as("string branch of the union").hasToString("x");
        assertThat(decoded.get("flag")).as("boolean").isEqualTo(true);
    }

    private static GenericRecord plainAvroRead(final Schema schema, final byte[] framed) throws IOException {
        return new GenericDatumReader<GenericRecord>(schema).read(null, DecoderFactory.get()
                .binaryDecoder(framed, WireFormat.HEADER_SIZE, framed.length - WireFormat.HEADER_SIZE, null));
    }

    private static String hex(final byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] bytes(final String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /**
     * A registry holding one schema under a chosen id. A unit-test stub of the framing: the in-memory registry
     * hands out ids from 1, and reaching 0x01020304 that way would take sixteen million registrations.
     */
    private static final class FixedIdRegistry implements SchemaRegistryClient {
        private final int id;
        private final Schema schema;

        FixedIdRegistry(final int id, final Schema schema) {
            this.id = id;
            this.schema = schema;
        }

        @Override
        public int register(final String subject, final Schema candidate) {
            return lookup(subject, candidate).id();
        }

        @Override
        public RegisteredSchema lookup(final String subject, final Schema candidate) {
            if (!schema.equals(candidate)) {
                throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found");
            }
            return new RegisteredSchema(subject, id, 1, schema);
        }

        @Override
        public Schema schemaById(final int requested) {
            if (requested != id) {
                throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND,
                        "Schema " + requested + " not found");
            }
            return schema;
        }

        @Override
        public RegisteredSchema latest(final String subject) {
            return new RegisteredSchema(subject, id, 1, schema);
        }

        @Override
        public RegisteredSchema version(final String subject, final int version) {
            return latest(subject);
        }

        @Override
        public List<Integer> versions(final String subject) {
            return List.of(1);
        }

        @Override
        public List<String> subjects() {
            return List.of();
        }

        @Override
        public boolean isCompatible(final String subject, final Schema candidate) {
            return true;
        }

        @Override
        public CompatibilityLevel compatibility(final String subject) {
            return CompatibilityLevel.NONE;
        }

        @Override
        public void setCompatibility(final String subject, final CompatibilityLevel level) {
            throw new UnsupportedOperationException("fixed stub");
        }
    }
}
