package dev.orderpipeline.schemas;

import dev.orderpipeline.schemas.avro.AccountAdjustment;
import dev.orderpipeline.schemas.avro.InventoryAdjustment;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import dev.orderpipeline.schemas.avro.OrderCancelled;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import dev.orderpipeline.schemas.registry.SchemaRegistryClient;
import dev.orderpipeline.schemas.registry.SchemaRegistryClients;
import dev.orderpipeline.schemas.serde.ConfluentAvroSerde;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics of the pipeline, declared once. Keys are strings (order id, SKU or customer id); values are Avro in
 * the Confluent wire format with subjects {@code <topic>-value}; dead-letter topics keep the original bytes.
 *
 * <p>An instance holds one shared registry client for all its serdes; close it when done.
 */
public final class Topics implements AutoCloseable {

    /** Orders placed, by HTTP or direct produce. Key: order id. */
    public static final String ORDERS = "orders";
    /** Records of {@link #ORDERS} that could not be decoded, with the reason in headers. */
    public static final String ORDERS_DLQ = "orders-dlq";
    /** Every status change of every order. Key: order id. */
    public static final String ORDER_STATUS = "order-status";
    /** Records of {@link #ORDER_STATUS} that projections could not decode or process, with the reason in headers. */
    public static final String ORDER_STATUS_DLQ = "order-status-dlq";
    /** Cancellation requests. Key: order id. */
    public static final String ORDER_CANCELLATIONS = "order-cancellations";
    /** Notification requests for customers. Key: order id. */
    public static final String NOTIFICATIONS = "notifications";
    /** Notifications that could not be delivered, with the reason in headers. */
    public static final String NOTIFICATIONS_DLQ = "notifications-dlq";
    /** Short retry tier of the notification dispatcher (original bytes plus retry headers). Key: order id. */
    public static final String NOTIFICATIONS_RETRY_1M = "notifications-retry-1m";
    /** Long retry tier of the notification dispatcher. Key: order id. */
    public static final String NOTIFICATIONS_RETRY_10M = "notifications-retry-10m";
    /** Event ids whose delivery is settled (DELIVERED or DEAD_LETTERED): the dispatcher's dedupe state. Key: event id. */
    public static final String NOTIFICATIONS_DELIVERED = "notifications-delivered";
    /**
     * The ingest service's ledger of Idempotency-Key claims and outcomes (bytes, JSON). Key: hashed (principal, key).
     * Read whole by every ingest instance; kept two idempotency windows plus an hour.
     */
    public static final String INGEST_IDEMPOTENCY = "ingest-idempotency";
    /** Stock levels and adjustments. Key: SKU. */
    public static final String INVENTORY = "inventory";
    /** Customer funds and adjustments. Key: customer id. */
    public static final String ACCOUNTS = "accounts";

    private final Map<String, Object> serdeConfig;
    private final SchemaRegistryClient registry;
    private final Topic<String, OrderPlaced> orders;
    private final Topic<byte[], byte[]> ordersDlq;
    private final Topic<String, OrderStatusChanged> orderStatus;
    private final Topic<byte[], byte[]> orderStatusDlq;
    private final Topic<String, OrderCancelled> orderCancellations;
    private final Topic<String, NotificationRequested> notifications;
    private final Topic<byte[], byte[]> notificationsDlq;
    private final Topic<String, InventoryAdjustment> inventory;
    private final Topic<String, AccountAdjustment> accounts;

    private Topics(final Map<String, ?> serdeConfig) {
        this.serdeConfig = Map.copyOf(serdeConfig);
        this.registry = SchemaRegistryClients.create(serdeConfig);
        this.orders = avro(ORDERS, OrderPlaced.class, serdeConfig);
        this.ordersDlq = new Topic<>(ORDERS_DLQ, Serdes.ByteArray(), Serdes.ByteArray());
        this.orderStatus = avro(ORDER_STATUS, OrderStatusChanged.class, serdeConfig);
        this.orderStatusDlq = new Topic<>(ORDER_STATUS_DLQ, Serdes.ByteArray(), Serdes.ByteArray());
        this.orderCancellations = avro(ORDER_CANCELLATIONS, OrderCancelled.class, serdeConfig);
        this.notifications = avro(NOTIFICATIONS, NotificationRequested.class, serdeConfig);
        this.notificationsDlq = new Topic<>(NOTIFICATIONS_DLQ, Serdes.ByteArray(), Serdes.ByteArray());
        this.inventory = avro(INVENTORY, InventoryAdjustment.class, serdeConfig);
        this.accounts = avro(ACCOUNTS, AccountAdjustment.class, serdeConfig);
    }

    /**
     * Topics whose Avro serdes use the registry named in {@code serdeConfig} ({@code schema.registry.url} and the
     * other Confluent serde keys).
     */
    public static Topics create(final Map<String, ?> serdeConfig) {
        return new Topics(serdeConfig);
    }

    /** Shortcut for {@code create(Map.of("schema.registry.url", url))}. */
    public static Topics forRegistry(final String url) {
        return create(Map.of("schema.registry.url", url));
    }

    private <V extends SpecificRecord> Topic<String, V> avro(final String name, final Class<V> type,
                                                            final Map<String, ?> serdeConfig) {
        final Serde<V> serde = new ConfluentAvroSerde<>(registry, type);
        serde.configure(new HashMap<>(serdeConfig), false);
        return new Topic<>(name, Serdes.String(), serde);
    }

    public Topic<String, OrderPlaced> orders() {
        return orders;
    }

    public Topic<byte[], byte[]> ordersDlq() {
        return ordersDlq;
    }

    public Topic<String, OrderStatusChanged> orderStatus() {
        return orderStatus;
    }

    public Topic<byte[], byte[]> orderStatusDlq() {
        return orderStatusDlq;
    }

    public Topic<String, OrderCancelled> orderCancellations() {
        return orderCancellations;
    }

    public Topic<String, NotificationRequested> notifications() {
        return notifications;
    }

    public Topic<byte[], byte[]> notificationsDlq() {
        return notificationsDlq;
    }

    public Topic<String, InventoryAdjustment> inventory() {
        return inventory;
    }

    public Topic<String, AccountAdjustment> accounts() {
        return accounts;
    }

    /**
     * The serde settings these topics were created with, for internal serdes (stores, repartition topics) that
     * should use the same registry; pass them together with {@link #registry()}.
     */
    public Map<String, Object> serdeConfig() {
        return serdeConfig;
    }

    /** The registry client shared by this instance's serdes. */
    public SchemaRegistryClient registry() {
        return registry;
    }

    /**
     * How every topic is created. Inventory and accounts carry adjustments (deltas), not snapshots, so they must not
     * be compacted: every topic keeps its records for ever, except the dead-letter topics (14 days).
     */
    public static List<TopicSpec> specs() {
        final long sevenDays = 7L * 24 * 60 * 60 * 1000;
        final long fourteenDays = 2 * sevenDays;
        return List.of(
                new TopicSpec(ORDERS, false, -1),
                new TopicSpec(ORDERS_DLQ, false, fourteenDays),
                new TopicSpec(ORDER_STATUS, false, -1),
                new TopicSpec(ORDER_STATUS_DLQ, false, fourteenDays),
                new TopicSpec(ORDER_CANCELLATIONS, false, -1),
                new TopicSpec(NOTIFICATIONS, false, -1),
                new TopicSpec(NOTIFICATIONS_DLQ, false, fourteenDays),
                new TopicSpec(NOTIFICATIONS_RETRY_1M, false, sevenDays),
                new TopicSpec(NOTIFICATIONS_RETRY_10M, false, sevenDays),
                new TopicSpec(NOTIFICATIONS_DELIVERED, false, sevenDays),
                new TopicSpec(INGEST_IDEMPOTENCY, false, 49L * 60 * 60 * 1000),
                new TopicSpec(INVENTORY, false, -1),
                new TopicSpec(ACCOUNTS, false, -1));
    }

    @Override
    public void close() {
        registry.close();
    }
}
