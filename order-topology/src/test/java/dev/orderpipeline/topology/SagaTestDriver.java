package dev.orderpipeline.topology;

import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.streams.StreamsProperties;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.AccountAdjustment;
import dev.orderpipeline.schemas.avro.AdjustmentKind;
import dev.orderpipeline.schemas.avro.InventoryAdjustment;
import dev.orderpipeline.schemas.avro.LineItem;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import dev.orderpipeline.schemas.avro.OrderCancelled;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderSource;
import dev.orderpipeline.schemas.avro.OrderStatus;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import dev.orderpipeline.schemas.registry.SchemaRegistryClients;
import dev.orderpipeline.topology.avro.AccountBalance;
import dev.orderpipeline.topology.avro.LineOutcome;
import dev.orderpipeline.topology.avro.OrderSagaState;
import dev.orderpipeline.topology.avro.PaymentPhase;
import dev.orderpipeline.topology.avro.StockLevel;
import dev.orderpipeline.topology.internal.order.OrderSagaProcessor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The production saga ({@link OrderSagaTopology#build}) in a {@link TopologyTestDriver}, with the production Streams
 * properties (exactly-once, dead-letter handlers), a registry scope of its own, and helpers to feed it and read what
 * it did: every status event, notification and dead letter seen so far, and the contents of its stores.
 */
final class SagaTestDriver implements AutoCloseable {

    static final Instant CREATED_AT = Instant.parse("2026-11-05T10:15:30Z");

    private final String scope = "saga-test-" + UUID.randomUUID();
    private final Topics topics = Topics.forRegistry("mock://" + scope);
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, OrderPlaced> orders;
    private final TestInputTopic<byte[], byte[]> rawOrders;
    private final TestInputTopic<String, OrderCancelled> cancellations;
    private final TestInputTopic<String, InventoryAdjustment> inventory;
    private final TestInputTopic<String, AccountAdjustment> accounts;
    private final TestOutputTopic<String, OrderStatusChanged> statusTopic;
    private final TestOutputTopic<String, NotificationRequested> notificationTopic;
    private final TestOutputTopic<byte[], byte[]> deadLetterTopic;
    private final List<OrderStatusChanged> statuses = new ArrayList<>();
    private final List<NotificationRequested> notifications = new ArrayList<>();
    private final List<TestRecord<byte[], byte[]>> deadLetters = new ArrayList<>();

    SagaTestDriver(final Path stateDir) {
        this(stateDir, SagaSettings.defaults());
    }

    SagaTestDriver(final Path stateDir, final SagaSettings settings) {
        final KafkaSettings kafka = KafkaSettings.of("test:9092", "mock://" + scope);
        final Properties props = StreamsProperties.base("order-saga", kafka, stateDir, topics.ordersDlq().name(), 1);
        // The production properties, except exactly-once: the driver's mock producer keeps the dead letters that the
        // deserialization handler returns in a transaction it never commits, so they would be invisible here. The
        // saga's logic does not depend on the guarantee; OrderSagaFailoverIT runs it with exactly_once_v2.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        driver = new TopologyTestDriver(OrderSagaTopology.build(new StreamsBuilder(), topics, settings), props);
        orders = input(topics.orders().name(), topics.orders().valueSerde().serializer());
        rawOrders = driver.createInputTopic(topics.orders().name(), Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer());
        cancellations = input(topics.orderCancellations().name(), topics.orderCancellations().valueSerde().serializer());
        inventory = input(topics.inventory().name(), topics.inventory().valueSerde().serializer());
        accounts = input(topics.accounts().name(), topics.accounts().valueSerde().serializer());
        statusTopic = driver.createOutputTopic(topics.orderStatus().name(), Serdes.String().deserializer(),
                topics.orderStatus().valueSerde().deserializer());
        notificationTopic = driver.createOutputTopic(topics.notifications().name(), Serdes.String().deserializer(),
                topics.notifications().valueSerde().deserializer());
        deadLetterTopic = driver.createOutputTopic(topics.ordersDlq().name(), Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    private <V> TestInputTopic<String, V> input(final String topic,
                                                final org.apache.kafka.common.serialization.Serializer<V> values) {
        return driver.createInputTopic(topic, Serdes.String().serializer(), values);
    }

    Topics topics() {
        return topics;
    }

    // ---- feeding -----------------------------------------------------------------------------------------------

    static LineItem line(final String sku, final int quantity, final long unitPriceMinor) {
        return new LineItem(sku, quantity, unitPriceMinor);
    }

    static OrderPlaced order(final String orderId, final String customerId, final String currency,
                             final LineItem... items) {
        return OrderPlaced.newBuilder()
                .setOrderId(orderId)
                .setCustomerId(customerId)
                .setCurrency(currency)
                .setItems(Arrays.asList(items))
                .setCreatedAt(CREATED_AT)
                .setSource(OrderSource.DIRECT)
                .build();
    }

    void place(final OrderPlaced order) {
        orders.pipeInput(order.getOrderId(), order);
    }

    void placeKeyed(final String key, final OrderPlaced order) {
        orders.pipeInput(key, order);
    }

    void placeRaw(final byte[] key, final byte[] value) {
        rawOrders.pipeInput(key, value);
    }

    /** A cancellation not bound to a customer, as staff, admins and direct producers send it. */
    void cancel(final String orderId) {
        cancellations.pipeInput(orderId, new OrderCancelled(orderId, "c-test", "changed my mind", CREATED_AT, null));
    }

    /** A cancellation by a caller bound to {@code customerId} (null: unbound), as ingest sends it. */
    void cancelAs(final String orderId, final String requestedBy, final String customerId) {
        cancellations.pipeInput(orderId, new OrderCancelled(orderId, requestedBy, "changed my mind", CREATED_AT,
                customerId));
    }

    void setStock(final String sku, final long quantity) {
        inventory.pipeInput(sku, new InventoryAdjustment(sku, AdjustmentKind.SET, quantity, CREATED_AT));
    }

    void adjustStock(final String sku, final long delta) {
        inventory.pipeInput(sku, new InventoryAdjustment(sku, AdjustmentKind.ADJUST, delta, CREATED_AT));
    }

    void inventoryRecord(final String key, final InventoryAdjustment adjustment) {
        inventory.pipeInput(key, adjustment);
    }

    void accountsRecord(final String key, final AccountAdjustment adjustment) {
        accounts.pipeInput(key, adjustment);
    }

    void cancellationRecord(final String key, final OrderCancelled cancellation) {
        cancellations.pipeInput(key, cancellation);
    }

    void setFunds(final String customerId, final String currency, final long amountMinor) {
        accounts.pipeInput(customerId, new AccountAdjustment(customerId, currency, AdjustmentKind.SET, amountMinor,
                CREATED_AT));
    }

    void adjustFunds(final String customerId, final String currency, final long deltaMinor) {
        accounts.pipeInput(customerId, new AccountAdjustment(customerId, currency, AdjustmentKind.ADJUST, deltaMinor,
                CREATED_AT));
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    /** Every status event emitted so far, in output order. */
    List<OrderStatusChanged> statuses() {
        statusTopic.readValuesToList().forEach(statuses::add);
        return List.copyOf(statuses);
    }

    /** The status history of one order, in output order. */
    List<OrderStatusChanged> history(final String orderId) {
        return statuses().stream().filter(s -> s.getOrderId().equals(orderId)).toList();
    }

    /** The statuses of one order's history, in output order. */
    List<OrderStatus> statusesOf(final String orderId) {
        return history(orderId).stream().map(OrderStatusChanged::getStatus).toList();
    }

    /** The last status event of an order. */
    OrderStatusChanged last(final String orderId) {
        final List<OrderStatusChanged> history = history(orderId);
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }

    List<NotificationRequested> notifications() {
        notificationTopic.readValuesToList().forEach(notifications::add);
        return List.copyOf(notifications);
    }

    List<NotificationRequested> notificationsOf(final String orderId) {
        return notifications().stream().filter(n -> n.getOrderId().equals(orderId)).toList();
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        deadLetterTopic.readRecordsToList().forEach(deadLetters::add);
        return List.copyOf(deadLetters);
    }

    long stock(final String sku) {
        final StockLevel level = this.<StockLevel>store(OrderSagaTopology.STOCK_STORE).get(sku);
        return level == null ? 0 : level.getAvailable();
    }

    long funds(final String customerId, final String currency) {
        final AccountBalance balance = this.<AccountBalance>store(OrderSagaTopology.ACCOUNTS_STORE).get(customerId);
        return balance == null ? 0 : balance.getFunds().getOrDefault(currency, 0L);
    }

    /** The saga state of an order, or null when the saga does not know it. */
    OrderSagaState state(final String orderId) {
        return this.<OrderSagaState>store(OrderSagaTopology.ORDERS_STORE).get(orderId);
    }

    /** Units of each SKU the order holds by its own state (lines RESERVED); empty for an unknown order. */
    Map<String, Long> heldStock(final String orderId) {
        final OrderSagaState state = state(orderId);
        final Map<String, Long> held = new LinkedHashMap<>();
        if (state != null) {
            state.getLines().stream().filter(l -> l.getOutcome() == LineOutcome.RESERVED)
                    .forEach(l -> held.merge(l.getSku(), l.getQuantity(), Long::sum));
        }
        return held;
    }

    /** Where the order's payment stands, or null for an unknown order. */
    PaymentPhase payment(final String orderId) {
        final OrderSagaState state = state(orderId);
        return state == null ? null : state.getPayment();
    }

    /** Ids of every order that holds stock or funds by its own state. */
    List<String> ordersHoldingAnything() {
        final List<String> holding = new ArrayList<>();
        try (KeyValueIterator<String, OrderSagaState> it = this.<OrderSagaState>store(OrderSagaTopology.ORDERS_STORE)
                .all()) {
            it.forEachRemaining(kv -> {
                if (kv.value.getPayment() == PaymentPhase.AUTHORIZED || kv.value.getLines().stream()
                        .anyMatch(l -> l.getOutcome() == LineOutcome.RESERVED)) {
                    holding.add(kv.key);
                }
            });
        }
        return holding;
    }

    /** Every stock level, by SKU. */
    Map<String, Long> stockLevels() {
        final Map<String, Long> levels = new LinkedHashMap<>();
        try (KeyValueIterator<String, StockLevel> it = this.<StockLevel>store(OrderSagaTopology.STOCK_STORE).all()) {
            it.forEachRemaining(kv -> levels.put(kv.key, kv.value.getAvailable()));
        }
        return levels;
    }

    /** Every customer's funds, by customer id and currency. */
    Map<String, Long> fundsLevels() {
        final Map<String, Long> levels = new LinkedHashMap<>();
        try (KeyValueIterator<String, AccountBalance> it = this.<AccountBalance>store(OrderSagaTopology.ACCOUNTS_STORE).all()) {
            it.forEachRemaining(kv -> kv.value.getFunds().forEach((currency, amount) -> levels.put(kv.key + "/" + currency, amount)));
        }
        return levels;
    }

    /** The saga's {@code decisions-total} metric for one outcome ({@code CONFIRMED}, {@code REJECTED.OUT_OF_STOCK}...). */
    double decisionsCounted(final String outcome) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals(OrderSagaProcessor.METRIC_GROUP)
                        && e.getKey().name().equals("decisions-total")
                        && outcome.equals(e.getKey().tags().get("order-saga-id")))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    private <V> KeyValueStore<String, V> store(final String name) {
        return driver.getKeyValueStore(name);
    }

    @Override
    public void close() {
        driver.close();
        topics.close();
        SchemaRegistryClients.dropScope(scope);
    }
}
