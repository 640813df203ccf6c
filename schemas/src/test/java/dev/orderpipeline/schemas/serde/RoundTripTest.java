package dev.orderpipeline.schemas.serde;

import static dev.orderpipeline.schemas.testing.SampleRecords.CREATED_AT;
import static dev.orderpipeline.schemas.testing.SampleRecords.lineItem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.AccountAdjustment;
import dev.orderpipeline.schemas.avro.AdjustmentKind;
import dev.orderpipeline.schemas.avro.InventoryAdjustment;
import dev.orderpipeline.schemas.avro.LineItem;
import dev.orderpipeline.schemas.avro.NotificationKind;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import dev.orderpipeline.schemas.avro.OrderCancelled;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderSource;
import dev.orderpipeline.schemas.avro.OrderStatus;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import dev.orderpipeline.schemas.registry.SchemaRegistryClient;
import dev.orderpipeline.schemas.registry.SchemaRegistryClients;
import dev.orderpipeline.schemas.testing.MockRegistryScope;
import dev.orderpipeline.schemas.testing.SampleRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every generated record type survives serialize then deserialize through {@link ConfluentAvroSerde} unchanged,
 * including null optional fields, non-ASCII strings, empty and large arrays and extreme or negative numbers.
 */
class RoundTripTest {

    /** A record type that is not the value of any topic, so it gets a topic of its own here. */
    private static final String LINE_ITEMS_TOPIC = "line-items";

    private MockRegistryScope scope;

    @BeforeEach
    void createScope(final TestInfo testInfo) {
        scope = MockRegistryScope.forTest(testInfo);
    }

    @AfterEach
    void dropScope() {
        scope.close();
    }

    static Stream<Arguments> records() {
        return Stream.of(
                arguments(named("OrderPlaced, two items, null clientOrderId", SampleRecords.orderPlaced()), Topics.ORDERS),
                arguments(named("OrderPlaced, non-ASCII strings everywhere", OrderPlaced.newBuilder(SampleRecords.orderPlaced())
                        .setOrderId("заказ-1")
                        .setCustomerId("Zoë-ß-客户-😀")
                        .setItems(List.of(lineItem("SKU-✓-ü", 1, 5)))
                        .setCurrency("€UR")
                        .setSource(OrderSource.DIRECT)
                        .setClientOrderId("client-🧾-1")
                        .build()), Topics.ORDERS),
                arguments(named("OrderPlaced, empty items and empty strings", OrderPlaced.newBuilder(SampleRecords.orderPlaced())
                        .setItems(List.of())
                        .setCustomerId("")
                        .setClientOrderId("")
                        .build()), Topics.ORDERS),
                arguments(named("OrderPlaced, 10000 items", OrderPlaced.newBuilder(SampleRecords.orderPlaced())
                        .setItems(IntStream.range(0, 10_000).mapToObj(i -> lineItem("SKU-" + i, i + 1, i * 100L)).toList())
                        .build()), Topics.ORDERS),
                arguments(named("OrderPlaced, before the epoch and extreme prices", OrderPlaced.newBuilder(SampleRecords.orderPlaced())
                        .setCreatedAt(Instant.parse("1969-07-20T20:17:40.123Z"))
                        .setItems(List.of(lineItem("SKU-MAX", Integer.MAX_VALUE, Long.MAX_VALUE),
                                lineItem("SKU-MIN", Integer.MIN_VALUE, Long.MIN_VALUE)))
                        .build()), Topics.ORDERS),
                arguments(named("LineItem, negative numbers", lineItem("SKU-NEG", -1, -1L)), LINE_ITEMS_TOPIC),
                arguments(named("OrderStatusChanged, confirmed", SampleRecords.orderStatusChanged()), Topics.ORDER_STATUS),
                arguments(named("OrderStatusChanged, first event with every optional field null",
                        OrderStatusChanged.newBuilder(SampleRecords.orderStatusChanged())
                                .setStatus(OrderStatus.PENDING)
                                .setPreviousStatus(null)
                                .setSequence(0)
                                .setReasonCode(null)
                                .setReasonMessage(null)
                                .setItems(List.of())
                                .build()), Topics.ORDER_STATUS),
                arguments(named("OrderStatusChanged, rejected with reasons",
                        OrderStatusChanged.newBuilder(SampleRecords.orderStatusChanged())
                                .setStatus(OrderStatus.REJECTED)
                                .setPreviousStatus(OrderStatus.STOCK_RESERVED)
                                .setSequence(Integer.MAX_VALUE)
                                .setReasonCode("INSUFFICIENT_FUNDS")
                                .setReasonMessage("Guthaben reicht nicht — 残高不足")
                                .setTotalMinor(-2599)
                                .build()), Topics.ORDER_STATUS),
                arguments(named("OrderCancelled, with requester and reason", SampleRecords.orderCancelled()),
                        Topics.ORDER_CANCELLATIONS),
                arguments(named("OrderCancelled, anonymous without reason", OrderCancelled.newBuilder(SampleRecords.orderCancelled())
                        .setRequestedBy(null)
                        .setReason(null)
                        .build()), Topics.ORDER_CANCELLATIONS),
                arguments(named("OrderCancelled, by a caller bound to a customer",
                        OrderCancelled.newBuilder(SampleRecords.orderCancelled())
                                .setRequestedBy("shop-c-42")
                                .setRequestedByCustomerId("c-42")
                                .build()), Topics.ORDER_CANCELLATIONS),
                arguments(named("NotificationRequested, rejected with reasons", SampleRecords.notificationRequested()),
                        Topics.NOTIFICATIONS),
                arguments(named("NotificationRequested, confirmed without reasons",
                        NotificationRequested.newBuilder(SampleRecords.notificationRequested())
                                .setKind(NotificationKind.ORDER_CONFIRMED)
                                .setReasonCode(null)
                                .setReasonMessage(null)
                                .build()), Topics.NOTIFICATIONS),
                arguments(named("InventoryAdjustment, negative delta", SampleRecords.inventoryAdjustment()), Topics.INVENTORY),
                arguments(named("InventoryAdjustment, Long.MIN_VALUE at the epoch",
                        InventoryAdjustment.newBuilder(SampleRecords.inventoryAdjustment())
                                .setQuantity(Long.MIN_VALUE)
                                .setAdjustedAt(Instant.EPOCH)
                                .build()), Topics.INVENTORY),
                arguments(named("AccountAdjustment, SET", SampleRecords.accountAdjustment()), Topics.ACCOUNTS),
                arguments(named("AccountAdjustment, negative ADJUST", AccountAdjustment.newBuilder(SampleRecords.accountAdjustment())
                        .setKind(AdjustmentKind.ADJUST)
                        .setAmountMinor(-1)
                        .setAdjustedAt(CREATED_AT.minusMillis(1))
                        .build()), Topics.ACCOUNTS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void shouldRoundTripRecordUnchanged(final SpecificRecord record, final String topic) {
        // Given a serde for the record's generated class on a fresh mock registry
        try (ConfluentAvroSerde<SpecificRecord> serde = serdeFor(record)) {

            // When the record is serialized and deserialized
            final byte[] bytes = serde.serializer().serialize(topic, record);
            final SpecificRecord decoded = serde.deserializer().deserialize(topic, bytes);

            // Then the same record comes back, framed with the id registered under <topic>-value
            assertThat(decoded).as("decoded record").isInstanceOf(record.getClass()).isEqualTo(record);
            assertThat(bytes[0]).as("magic byte").isEqualTo(WireFormat.MAGIC_BYTE);
            assertThat(WireFormat.schemaId(bytes)).as("schema id in the header")
                    .isEqualTo(scope.registry().latest(topic + "-value").id());
        }
    }

    @Test
    void shouldMapNullValueToNullBytesAndBack() {
        // Given an OrderPlaced serde
        try (ConfluentAvroSerde<OrderPlaced> serde = scope.valueSerde(OrderPlaced.class)) {

            // When a null value (a tombstone) is serialized and null bytes are deserialized
            final byte[] bytes = serde.serializer().serialize(Topics.ORDERS, null);
            final OrderPlaced decoded = serde.deserializer().deserialize(Topics.ORDERS, null);

            // Then both are null and nothing was registered
            assertThat(bytes).as("bytes of a null value").isNull();
            assertThat(decoded).as("value of null bytes").isNull();
            assertThat(scope.registry().subjects()).as("subjects registered for a null value").isEmpty();
        }
    }

    @Test
    void shouldKeepTimestampsToTheMillisecond() {
        // Given an order created at a time with sub-millisecond precision
        final Instant withNanos = Instant.parse("2024-03-01T12:00:00.123456789Z");
        final OrderPlaced order = OrderPlaced.newBuilder(SampleRecords.orderPlaced()).setCreatedAt(withNanos).build();
        try (ConfluentAvroSerde<OrderPlaced> serde = scope.valueSerde(OrderPlaced.class)) {

            // When it is round-tripped
            final OrderPlaced decoded = serde.deserializer().deserialize(Topics.ORDERS,
                    serde.serializer().serialize(Topics.ORDERS, order));

            // Then timestamp-millis keeps the milliseconds and drops the rest, as the Avro spec says
            assertThat(decoded.getCreatedAt()).as("createdAt after a timestamp-millis round trip")
                    .isEqualTo(Instant.parse("2024-03-01T12:00:00.123Z"));
        }
    }

    @Test
    void shouldRoundTripWithSharedRegistryClientAcrossTypes() {
        // Given two serdes sharing one registry client, as Topics does
        try (SchemaRegistryClient client = SchemaRegistryClients.create(scope.config());
             ConfluentAvroSerde<OrderPlaced> orders = new ConfluentAvroSerde<>(client, OrderPlaced.class);
             ConfluentAvroSerde<LineItem> items = new ConfluentAvroSerde<>(client, LineItem.class)) {
            orders.configure(scope.config(), false);
            items.configure(scope.config(), false);

            // When each serializes its own type
            final byte[] orderBytes = orders.serializer().serialize(Topics.ORDERS, SampleRecords.orderPlaced());
            final byte[] itemBytes = items.serializer().serialize(LINE_ITEMS_TOPIC, lineItem("SKU-1", 1, 1));

            // Then the two schemas got distinct ids and each reads back its own record
            assertThat(WireFormat.schemaId(orderBytes)).as("id of OrderPlaced vs id of LineItem")
                    .isNotEqualTo(WireFormat.schemaId(itemBytes));
            assertThat(orders.deserializer().deserialize(Topics.ORDERS, orderBytes)).as("order read back")
                    .isEqualTo(SampleRecords.orderPlaced());
            assertThat(items.deserializer().deserialize(LINE_ITEMS_TOPIC, itemBytes)).as("line item read back")
                    .isEqualTo(lineItem("SKU-1", 1, 1));
        }
    }

    @Test
    void shouldRoundTripConcurrentlyThroughOneSerde() throws Exception {
        // Given one serde shared by several threads, as a multi-threaded Streams app shares it
        final int threads = 4;
        final int perThread = 250;
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (ConfluentAvroSerde<OrderPlaced> serde = scope.valueSerde(OrderPlaced.class)) {

            // When each thread round-trips its own distinct orders
            final List<Future<List<String>>> mismatches = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int thread = t;
                mismatches.add(pool.submit(() -> {
                    final List<String> wrong = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        final OrderPlaced order = OrderPlaced.newBuilder(SampleRecords.orderPlaced())
                                .setOrderId("o-" + thread + "-" + i)
                                .setItems(List.of(lineItem("SKU-" + i, i + 1, thread * 1000L + i)))
                                .build();
                        final OrderPlaced decoded = serde.deserializer().deserialize(Topics.ORDERS,
                                serde.serializer().serialize(Topics.ORDERS, order));
                        if (!order.equals(decoded)) {
                            wrong.add(order.getOrderId());
                        }
                    }
                    return wrong;
                }));
            }

            // Then every order came back as it was
            for (final Future<List<String>> result : mismatches) {
                assertThat(result.get(30, TimeUnit.SECONDS)).as("orders that did not round-trip").isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @SuppressWarnings("unchecked")
    private ConfluentAvroSerde<SpecificRecord> serdeFor(final SpecificRecord record) {
        return scope.valueSerde((Class<SpecificRecord>) record.getClass());
    }
}
