package dev.orderpipeline.topology;

import dev.orderpipeline.schemas.Topic;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.AccountAdjustment;
import dev.orderpipeline.schemas.avro.InventoryAdjustment;
import dev.orderpipeline.schemas.avro.OrderCancelled;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.topology.avro.SagaCommand;
import dev.orderpipeline.topology.avro.SagaCommandKind;
import dev.orderpipeline.topology.internal.Guards;
import dev.orderpipeline.topology.internal.Problem;
import dev.orderpipeline.topology.internal.RecordInspector;
import dev.orderpipeline.topology.internal.SagaSerdes;
import dev.orderpipeline.topology.internal.StepCompensationProcessor;
import dev.orderpipeline.topology.internal.StepRequestProcessor;
import dev.orderpipeline.topology.internal.StoreNames;
import dev.orderpipeline.topology.internal.order.OrderSaga;
import dev.orderpipeline.topology.internal.order.OrderSagaProcessor;
import dev.orderpipeline.topology.internal.order.SagaEffect;
import dev.orderpipeline.topology.internal.payment.AccountAdjustmentProcessor;
import dev.orderpipeline.topology.internal.stock.InventoryAdjustmentProcessor;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the order saga (see the {@linkplain dev.orderpipeline.topology package documentation} for the steps, the
 * topics and why the result is correct). This is the only place the saga's topology is declared: the service, the
 * tests and the benchmark all call {@link #build}.
 *
 * <p>Names are part of the deployed state: processors, stores and repartition topics are all named here, and the
 * golden file {@code src/test/resources/topology.txt} fails the build when one changes by accident. The DSL graph is
 * acyclic although the saga loops (orders → steps → orders, and back to the steps for compensation): each loop
 * closes through a repartition topic into a <em>different</em> processor that shares the loop's state store.
 */
public final class OrderSagaTopology {

    /** Store of each order's saga state, keyed by order id. */
    public static final String ORDERS_STORE = StoreNames.SAGA_ORDERS;
    /** Store of available stock, keyed by SKU. */
    public static final String STOCK_STORE = StoreNames.STOCK_LEVELS;
    /** Store of available funds per currency, keyed by customer id. */
    public static final String ACCOUNTS_STORE = StoreNames.ACCOUNT_BALANCES;

    private OrderSagaTopology() {
    }

    /**
     * Adds the saga to {@code builder} and returns the built topology.
     *
     * @param builder  a fresh builder
     * @param topics   the pipeline's topics; their registry client also serves the saga's internal serdes
     * @param settings the validation rules
     */
    public static Topology build(final StreamsBuilder builder, final Topics topics, final SagaSettings settings) {
        final SagaSerdes serdes = new SagaSerdes(topics);
        final OrderSaga saga = new OrderSaga(settings);
        addStores(builder, serdes);

        // Order-keyed inputs: orders (re-keyed when a producer did not key them by order id) and cancellations.
        final Map<String, KStream<String, SagaEffect>> intake = intake(builder, topics, serdes, saga)
                .split(Named.as("intake-"))
                .branch((orderId, effect) -> effect instanceof SagaEffect.Command, Branched.as("requests"))
                .defaultBranch(Branched.as("events"));
        final KStream<String, OrderCancelled> cancellations = Guards.accept(
                source(builder, topics.orderCancellations(), "order-cancellations-source"),
                "order-cancellations-guard", topics.orderCancellations(), topics.ordersDlq(),
                (key, value) -> RecordInspector.keyedBy(key, value.getOrderId(), "order id"));
        final KStream<String, SagaEffect> cancelled = cancellations.process(
                () -> new OrderSagaProcessor<>("order-cancellation", saga::cancelRequested),
                Named.as("order-cancellation"), StoreNames.SAGA_ORDERS);

        // Stock and payment, asked at the same time: reservations by SKU and the authorization by customer share
        // one topic, so that every answer of an order comes back in the same hop, keyed by order id.
        final KStream<String, SagaEffect> answered = intake.get("intake-requests")
                .mapValues(OrderSagaTopology::request, Named.as("step-request-commands"))
                .repartition(Repartitioned.with(Serdes.String(), serdes.command()).withName("step-requests"))
                .process(StepRequestProcessor::new, Named.as("stock-and-payment"),
                        StoreNames.STOCK_LEVELS, StoreNames.ACCOUNT_BALANCES)
                .repartition(Repartitioned.with(Serdes.String(), serdes.reply()).withName("step-replies"))
                .process(() -> new OrderSagaProcessor<>("step-answer", saga::answered),
                        Named.as("step-answer"), StoreNames.SAGA_ORDERS);
        inventory(builder, topics);
        accounts(builder, topics);

        // What every order-keyed step may emit besides requests: status changes, notifications, compensation.
        intake.get("intake-events")
                .merge(cancelled, Named.as("saga-effects-with-cancellations"))
                .merge(answered, Named.as("saga-effects-with-answers"))
                .split(Named.as("saga-effects-"))
                .branch((orderId, effect) -> effect instanceof SagaEffect.Status, Branched.withConsumer(statuses ->
                        statuses.mapValues(effect -> ((SagaEffect.Status) effect).event(),
                                        Named.as("order-status-events"))
                                .to(topics.orderStatus().name(), produced(topics.orderStatus(), "order-status-sink")),
                        "status"))
                .branch((orderId, effect) -> effect instanceof SagaEffect.Notify, Branched.withConsumer(requests ->
                        requests.mapValues(effect -> ((SagaEffect.Notify) effect).event(),
                                        Named.as("notification-events"))
                                .to(topics.notifications().name(),
                                        produced(topics.notifications(), "notifications-sink")),
                        "notification"))
                .branch((orderId, effect) -> effect instanceof SagaEffect.Command, Branched.withConsumer(commands ->
                        commands.mapValues(OrderSagaTopology::compensation, Named.as("step-compensation-commands"))
                                .repartition(Repartitioned.with(Serdes.String(), serdes.command())
                                        .withName("step-compensations"))
                                .process(StepCompensationProcessor::new, Named.as("stock-and-payment-compensation"),
                                        StoreNames.STOCK_LEVELS, StoreNames.ACCOUNT_BALANCES),
                        "compensation"));
        return builder.build();
    }

    /** The intake asks for stock and payment; nothing else it emits is a command. */
    private static SagaCommand request(final SagaEffect effect) {
        final SagaCommand command = ((SagaEffect.Command) effect).command();
        if (command.getKind() != SagaCommandKind.RESERVE && command.getKind() != SagaCommandKind.AUTHORIZE) {
            throw new IllegalStateException("The intake emitted a " + command.getKind() + " command for order "
                    + command.getOrderId() + "; only RESERVE and AUTHORIZE go to step-requests");
        }
        return command;
    }

    /** Cancellations and answers only give back; a request from them would never be answered. */
    private static SagaCommand compensation(final SagaEffect effect) {
        final SagaCommand command = ((SagaEffect.Command) effect).command();
        if (command.getKind() != SagaCommandKind.RELEASE && command.getKind() != SagaCommandKind.REFUND) {
            throw new IllegalStateException("A " + command.getKind() + " command for order " + command.getOrderId()
                    + " came after the intake; only RELEASE and REFUND go to step-compensations");
        }
        return command;
    }

    /**
     * Orders keyed by their id go straight to the intake; orders keyed otherwise (or not at all, as a naive direct
     * producer does) are re-keyed through {@code orders-rekeyed} first so that their state lives on the task that
     * owns the id; orders with neither an id nor a key cannot be attributed and are dead-lettered.
     */
    private static KStream<String, SagaEffect> intake(final StreamsBuilder builder, final Topics topics,
                                                      final SagaSerdes serdes, final OrderSaga saga) {
        final Topic<String, OrderPlaced> orders = topics.orders();
        final Map<String, KStream<String, OrderPlaced>> routes = source(builder, orders, "orders-source")
                .split(Named.as("orders-route-"))
                .branch((key, order) -> unattributable(key, order).isPresent(),
                        Branched.withConsumer(rejected -> Guards.deadLetter(rejected, "orders-dead-letter", orders,
                                topics.ordersDlq(), OrderSagaTopology::unattributable), "unattributable"))
                .branch((key, order) -> !RecordInspector.blank(order.getOrderId()) && !order.getOrderId().equals(key),
                        Branched.as("by-other-key"))
                .defaultBranch(Branched.as("by-order-id"));
        final KStream<String, SagaEffect> direct = routes.get("orders-route-by-order-id")
                .process(() -> new OrderSagaProcessor<>("order-intake", saga::placed),
                        Named.as("order-intake"), StoreNames.SAGA_ORDERS);
        final KStream<String, SagaEffect> rekeyed = routes.get("orders-route-by-other-key")
                .selectKey((key, order) -> order.getOrderId(), Named.as("orders-key-by-order-id"))
                .repartition(Repartitioned.with(Serdes.String(), serdes.orderPlaced()).withName("orders-rekeyed"))
                .process(() -> new OrderSagaProcessor<>("order-intake-rekeyed", saga::placed),
                        Named.as("order-intake-rekeyed"), StoreNames.SAGA_ORDERS);
        return direct.merge(rekeyed, Named.as("intake-effects"));
    }

    private static Optional<Problem> unattributable(final String key, final OrderPlaced order) {
        return RecordInspector.blank(order.getOrderId()) && RecordInspector.blank(key)
                ? Optional.of(new Problem(ReasonCode.MISSING_ORDER_ID, "OrderPlaced with neither an orderId nor a key"))
                : Optional.empty();
    }

    private static void inventory(final StreamsBuilder builder, final Topics topics) {
        final Topic<String, InventoryAdjustment> inventory = topics.inventory();
        Guards.accept(source(builder, inventory, "inventory-source"), "inventory-guard", inventory, topics.ordersDlq(),
                        (key, adjustment) -> RecordInspector.keyedBy(key, adjustment.getSku(), "SKU"))
                .process(InventoryAdjustmentProcessor::new, Named.as("inventory-adjustment"), StoreNames.STOCK_LEVELS);
    }

    private static void accounts(final StreamsBuilder builder, final Topics topics) {
        final Topic<String, AccountAdjustment> accounts = topics.accounts();
        Guards.accept(source(builder, accounts, "accounts-source"), "accounts-guard", accounts, topics.ordersDlq(),
                        (key, adjustment) -> RecordInspector.keyedBy(key, adjustment.getCustomerId(), "customer id")
                                .or(() -> RecordInspector.blank(adjustment.getCurrency())
                                        ? Optional.of(new Problem(ReasonCode.INVALID_ADJUSTMENT, "currency is required"))
                                        : Optional.empty()))
                .process(AccountAdjustmentProcessor::new, Named.as("account-adjustment"), StoreNames.ACCOUNT_BALANCES);
    }

    private static void addStores(final StreamsBuilder builder, final SagaSerdes serdes) {
        builder.addStateStore(store(StoreNames.SAGA_ORDERS, serdes.orderState()));
        builder.addStateStore(store(StoreNames.STOCK_LEVELS, serdes.stockLevel()));
        builder.addStateStore(store(StoreNames.ACCOUNT_BALANCES, serdes.accountBalance()));
    }

    /**
     * A persistent, changelogged, cached store. Caching matters here: an order's state is written once per answer
     * and the answers of one order usually arrive in the same commit, and a popular SKU or a regular customer is
     * written by every order; the cache turns those writes into one changelog record per key and commit.
     */
    private static <V> StoreBuilder<?> store(final String name, final Serde<V> values) {
        final KeyValueBytesStoreSupplier supplier = Stores.persistentKeyValueStore(name);
        return Stores.keyValueStoreBuilder(supplier, Serdes.String(), values)
                .withLoggingEnabled(Map.of())
                .withCachingEnabled();
    }

    private static <V> KStream<String, V> source(final StreamsBuilder builder, final Topic<String, V> topic,
                                                 final String name) {
        return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()).withName(name));
    }

    private static <V> Produced<String, V> produced(final Topic<String, V> topic, final String name) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }
}
