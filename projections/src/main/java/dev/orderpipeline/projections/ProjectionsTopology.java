package dev.orderpipeline.projections;

import dev.orderpipeline.projections.avro.CustomerOrder;
import dev.orderpipeline.projections.avro.MonthlySales;
import dev.orderpipeline.projections.avro.OrderHistory;
import dev.orderpipeline.projections.avro.ProductSales;
import dev.orderpipeline.projections.internal.topology.CustomerOrdersIndexer;
import dev.orderpipeline.projections.internal.topology.MonthlySalesAggregator;
import dev.orderpipeline.projections.internal.topology.OrderStatusTracker;
import dev.orderpipeline.projections.internal.topology.ProductSalesProcessor;
import dev.orderpipeline.schemas.Topic;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import dev.orderpipeline.schemas.serde.ConfluentAvroSerde;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The projections of {@code order-status} into queryable, changelogged state stores:
 * <pre>
 *  [order-status] ─▶ track-order-status ──────────────────────────────▶ store order-status (by order id)
 *      (drops replays by sequence; only new changes go on)
 *        ├─▶ keep-sales-changes ─▶ key-by-sales-month ─▶ (monthly-sales-by-month)
 *        │       ├─▶ sum-monthly-sales ─────────────────────────────▶ store monthly-sales (by yyyy-MM)
 *        │       └─▶ sum-product-sales ─────────────────────────────▶ store monthly-product-sales (yyyy-MM|sku)
 *        └─▶ key-by-customer ─▶ (customer-orders-by-customer)
 *                └─▶ index-customer-orders ─────────────────────────▶ store customer-orders (newest first)
 * </pre>
 * Parenthesised names are repartition topics ({@code <application.id>-<name>-repartition}); they take the partition
 * count of {@code order-status}. The sales month is the order's creation month in the configured zone; CONFIRMED
 * adds, CANCELLED after CONFIRMED (a reversal) subtracts. Every processor, store and repartition topic is named, and
 * {@code src/test/resources/projections-topology.txt} pins the description, because a rename would orphan state.
 */
public final class ProjectionsTopology {

    /** {@code OrderHistory} by order id. Partitioned like {@code order-status}. */
    public static final String ORDER_STATUS_STORE = "order-status";
    /** {@code MonthlySales} by month ({@code yyyy-MM}). Partitioned by month. */
    public static final String MONTHLY_SALES_STORE = "monthly-sales";
    /** {@code ProductSales} by {@code yyyy-MM|sku}. Partitioned by month. */
    public static final String PRODUCT_SALES_STORE = "monthly-product-sales";
    /** {@code CustomerOrder} by customer and newness. Partitioned by customer id. */
    public static final String CUSTOMER_ORDERS_STORE = "customer-orders";

    /**
     * What the topology depends on besides its topics.
     *
     * @param zone        time zone that decides an order's sales month
     * @param serdeConfig registry settings for the store serdes ({@code schema.registry.url} and the other
     *                    Confluent serde keys)
     * @param listener    told about every stored order change (long-poll wake-ups)
     */
    public record Settings(ZoneId zone, Map<String, ?> serdeConfig, OrderChangeListener listener) {
        public Settings {
            Objects.requireNonNull(zone, "zone");
            serdeConfig = Map.copyOf(serdeConfig);
            Objects.requireNonNull(listener, "listener");
        }
    }

    private ProjectionsTopology() {
    }

    public static Topology build(final StreamsBuilder builder, final Topics topics, final Settings settings) {
        final Topic<String, OrderStatusChanged> status = topics.orderStatus();
        final Serde<OrderStatusChanged> changeSerde = status.valueSerde();

        final KStream<String, OrderStatusChanged> newChanges = builder
                .stream(status.name(), Consumed.with(status.keySerde(), changeSerde).withName("read-order-status"))
                .process(OrderStatusTracker.supplier(ORDER_STATUS_STORE, storeSerde(topics, OrderHistory.class, settings),
                        settings.listener()), Named.as("track-order-status"));

        final KStream<String, OrderStatusChanged> salesByMonth = newChanges
                .filter((orderId, change) -> MonthlySalesAggregator.movesMoney(change), Named.as("keep-sales-changes"))
                .selectKey((orderId, change) -> month(change, settings.zone()), Named.as("key-by-sales-month"))
                .repartition(Repartitioned.<String, OrderStatusChanged>as("monthly-sales-by-month")
                        .withKeySerde(Serdes.String()).withValueSerde(changeSerde));
        salesByMonth
                .groupByKey(Grouped.with(Serdes.String(), changeSerde))
                .aggregate(
                        MonthlySalesAggregator::empty,
                        MonthlySalesAggregator::apply,
                        Named.as("sum-monthly-sales"),
                        Materialized.<String, MonthlySales, KeyValueStore<Bytes, byte[]>>as(MONTHLY_SALES_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(storeSerde(topics, MonthlySales.class, settings)));
        salesByMonth.process(ProductSalesProcessor.supplier(PRODUCT_SALES_STORE,
                storeSerde(topics, ProductSales.class, settings)), Named.as("sum-product-sales"));

        newChanges
                .selectKey((orderId, change) -> change.getCustomerId(), Named.as("key-by-customer"))
                .repartition(Repartitioned.<String, OrderStatusChanged>as("customer-orders-by-customer")
                        .withKeySerde(Serdes.String()).withValueSerde(changeSerde))
                .process(CustomerOrdersIndexer.supplier(CUSTOMER_ORDERS_STORE,
                        storeSerde(topics, CustomerOrder.class, settings)), Named.as("index-customer-orders"));
        return builder.build();
    }

    /** The sales month of an order: its creation month in the zone, as the store key. */
    public static String month(final OrderStatusChanged change, final ZoneId zone) {
        return YearMonth.from(change.getOrderCreatedAt().atZone(zone)).toString();
    }

    private static <T extends SpecificRecord> Serde<T> storeSerde(
            final Topics topics, final Class<T> type, final Settings settings) {
        final Serde<T> serde = new ConfluentAvroSerde<>(topics.registry(), type);
        serde.configure(new HashMap<>(settings.serdeConfig()), false);
        return serde;
    }
}
