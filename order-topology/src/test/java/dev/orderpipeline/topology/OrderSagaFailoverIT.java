package dev.orderpipeline.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.streams.DeadLetters;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.AccountAdjustment;
import dev.orderpipeline.schemas.avro.AdjustmentKind;
import dev.orderpipeline.schemas.avro.InventoryAdjustment;
import dev.orderpipeline.schemas.avro.LineItem;
import dev.orderpipeline.schemas.avro.OrderCancelled;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderSource;
import dev.orderpipeline.schemas.avro.OrderStatus;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import dev.orderpipeline.schemas.registry.SchemaRegistryClients;
import dev.orderpipeline.testsupport.KafkaCluster;
import dev.orderpipeline.testsupport.RealKafka;
import dev.orderpipeline.topology.avro.AccountBalance;
import dev.orderpipeline.topology.avro.StockLevel;
import dev.orderpipeline.topology.internal.AdjustmentPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two saga instances (same application id, each with its own state directory) on a real broker with exactly-once
 * v2; one is closed without cleaning its state while orders are in flight, the other takes over its tasks, restores
 * their state from the changelogs and finishes every order. Proves, across that fail-over: every order reaches
 * exactly one decision with a gapless history (no status lost or repeated), stock and funds match the confirmed
 * orders exactly and never go below zero, and a poison record is dead-lettered without stopping its partition.
 *
 * <p>The registry is the in-memory {@code mock://} one: both instances run in this JVM and share it, and the registry
 * is not what is under test here (the serde's own tests cover a real one).
 */
@RealKafka
class OrderSagaFailoverIT {

    private static final int PARTITIONS = 4;
    private static final int ORDERS = 600;
    private static final int SKUS = 10;
    private static final long STOCK_PER_SKU = 80;
    private static final int CUSTOMERS = 20;
    private static final long FUNDS_PER_CUSTOMER = 30_000;
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private final String scope = "saga-failover-it-" + UUID.randomUUID();
    private final List<OrderTopologyService> services = new ArrayList<>();
    private KafkaCluster cluster;
    private Topics topics;
    private KafkaSettings kafka;
    private KafkaConsumer<String, OrderStatusChanged> statusConsumer;
    private final Map<String, List<OrderStatusChanged>> histories = new LinkedHashMap<>();

    @BeforeEach
    void createTopics(final KafkaCluster cluster) {
        this.cluster = cluster;
        cluster.createTopics(PARTITIONS, Topics.ORDERS, Topics.ORDER_CANCELLATIONS, Topics.INVENTORY, Topics.ACCOUNTS,
                Topics.ORDER_STATUS, Topics.NOTIFICATIONS, Topics.ORDERS_DLQ);
        topics = Topics.forRegistry("mock://" + scope);
        // Streams does not leave the group on close, so the survivor takes over only when the stopped member's session
        // expires, as after a crash; a short session keeps that wait (45 s by default) out of the test's run time.
        kafka = new KafkaSettings(cluster.bootstrapServers(), "mock://" + scope,
                Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000"), Map.of());
        final Map<String, Object> consumer = cluster.consumerConfig();
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        statusConsumer = new KafkaConsumer<>(consumer, Serdes.String().deserializer(),
                topics.orderStatus().valueSerde().deserializer());
        statusConsumer.subscribe(List.of(Topics.ORDER_STATUS));
    }

    @AfterEach
    void stopEverything() {
        services.forEach(OrderTopologyService::close);
        statusConsumer.close();
        topics.close();
        SchemaRegistryClients.dropScope(scope);
    }

    @Test
    void shouldDecideEveryOrderExactlyOnceWhenAnInstanceStopsMidStream() {
        // Given
        final SplittableRandom random = new SplittableRandom(42);
        seedStockAndFunds();
        final String applicationId = cluster.uniqueName("order-saga-it");
        final OrderTopologyService first = startInstance(applicationId);
        final OrderTopologyService second = startInstance(applicationId);
        await("both instances RUNNING").atMost(DEADLINE).until(() -> running(first) && running(second));
        final List<OrderPlaced> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            orders.add(randomOrder(random, "o-" + i));
        }

        try (KafkaProducer<String, OrderPlaced> producer = new KafkaProducer<>(cluster.producerConfig(),
                Serdes.String().serializer(), topics.orders().valueSerde().serializer());
             KafkaProducer<String, OrderCancelled> cancels = new KafkaProducer<>(cluster.producerConfig(),
                     Serdes.String().serializer(), topics.orderCancellations().valueSerde().serializer());
             KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(cluster.producerConfig(),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            // When: the first half, a poison record, some cancellations and duplicates ...
            for (int i = 0; i < ORDERS / 2; i++) {
                send(producer, cancels, random, orders, i);
            }
            raw.send(new ProducerRecord<>(Topics.ORDERS, "o-poison".getBytes(StandardCharsets.UTF_8),
                    new byte[] {1, 2, 3, 4, 5, 6}));
            producer.flush();
            cancels.flush();
            raw.flush();
            // ... one instance stops while that half is being processed ...
            await("some orders decided before the stop").atMost(DEADLINE)
                    .until(() -> decided() >= ORDERS / 10);
            first.close();
            // ... and the second half arrives while the survivor takes over.
            for (int i = ORDERS / 2; i < ORDERS; i++) {
                send(producer, cancels, random, orders, i);
            }
            producer.flush();
            cancels.flush();
        }

        // Then
        await("every order decided").atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
                .until(() -> decided() == ORDERS);
        await("cancellations that raced their order settled").atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ofSeconds(2)).until(() -> {
                    collect();
                    return true;
                });
        final Map<String, Long> sold = new HashMap<>();
        final Map<String, Long> spent = new HashMap<>();
        for (final Map.Entry<String, List<OrderStatusChanged>> entry : histories.entrySet()) {
            final List<OrderStatusChanged> history = entry.getValue();
            assertThat(history).extracting(OrderStatusChanged::getSequence)
                    .as("sequences of %s: gapless, none lost or repeated across the fail-over", entry.getKey())
                    .isEqualTo(java.util.stream.IntStream.range(0, history.size()).boxed().toList());
            assertThat(history.stream().filter(e -> isDecision(e)).count())
                    .as("decisions of %s: %s", entry.getKey(), history.stream().map(OrderStatusChanged::getStatus).toList())
                    .isEqualTo(1);
            final OrderStatusChanged last = history.get(history.size() - 1);
            if (last.getStatus() == OrderStatus.CONFIRMED) {
                last.getItems().forEach(item -> sold.merge(item.getSku(), (long) item.getQuantity(), Long::sum));
                spent.merge(last.getCustomerId(), last.getTotalMinor(), Long::sum);
            }
        }
        assertThat(histories).as("orders with a history").hasSize(ORDERS);
        assertThat(sold).as("some orders were confirmed").isNotEmpty();
        final KafkaStreams survivor = second.streams();
        await("stock and funds match the confirmed orders").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            final ReadOnlyKeyValueStore<String, StockLevel> stock = store(survivor, OrderSagaTopology.STOCK_STORE);
            final ReadOnlyKeyValueStore<String, AccountBalance> funds = store(survivor, OrderSagaTopology.ACCOUNTS_STORE);
            for (int s = 1; s <= SKUS; s++) {
                final String sku = "SKU-" + s;
                assertThat(stock.get(sku).getAvailable()).as("stock of %s = initial - confirmed units", sku)
                        .isEqualTo(STOCK_PER_SKU - sold.getOrDefault(sku, 0L))
                        .isNotNegative();
            }
            for (int c = 1; c <= CUSTOMERS; c++) {
                final String customer = "c-" + c;
                assertThat(funds.get(customer).getFunds().get("EUR")).as("funds of %s = initial - confirmed totals", customer)
                        .isEqualTo(FUNDS_PER_CUSTOMER - spent.getOrDefault(customer, 0L))
                        .isNotNegative();
            }
        });
        assertThat(deadLetterReasons()).as("dead letters of the poison record").containsExactly("INVALID_WIRE_FORMAT");
    }

    private void send(final KafkaProducer<String, OrderPlaced> producer, final KafkaProducer<String, OrderCancelled> cancels,
                      final SplittableRandom random, final List<OrderPlaced> orders, final int i) {
        final OrderPlaced order = orders.get(i);
        producer.send(new ProducerRecord<>(Topics.ORDERS, order.getOrderId(), order));
        if (random.nextInt(20) == 0) {
            producer.send(new ProducerRecord<>(Topics.ORDERS, order.getOrderId(), order));
        }
        if (random.nextInt(10) == 0) {
            final String victim = orders.get(random.nextInt(i + 1)).getOrderId();
            cancels.send(new ProducerRecord<>(Topics.ORDER_CANCELLATIONS, victim,
                    new OrderCancelled(victim, "it", "random cancellation", Instant.now(), null)));
        }
    }

    private void seedStockAndFunds() {
        try (AdjustmentPublisher publisher = new AdjustmentPublisher(kafka, topics)) {
            for (int s = 1; s <= SKUS; s++) {
                publisher.send(new InventoryAdjustment("SKU-" + s, AdjustmentKind.SET, STOCK_PER_SKU, Instant.now()));
            }
            for (int c = 1; c <= CUSTOMERS; c++) {
                publisher.send(new AccountAdjustment("c-" + c, "EUR", AdjustmentKind.SET, FUNDS_PER_CUSTOMER,
                        Instant.now()));
            }
            publisher.flush();
        }
    }

    private OrderTopologyService startInstance(final String applicationId) {
        final OrderTopologyConfig config = new OrderTopologyConfig(applicationId, cluster.streamsStateDir(), 1, 1, 0, 0,
                Duration.ofMillis(100), SagaSettings.defaults());
        final OrderTopologyService service = OrderTopologyService.start(config, kafka, topics, new SimpleMeterRegistry());
        services.add(service);
        return service;
    }

    private static boolean running(final OrderTopologyService service) {
        return service.readiness().probe().get().up();
    }

    /** Reads what order-status has committed so far and answers how many orders have their decision. */
    private long decided() {
        collect();
        return histories.values().stream().filter(h -> h.stream().anyMatch(OrderSagaFailoverIT::isDecision)).count();
    }

    private void collect() {
        for (final ConsumerRecord<String, OrderStatusChanged> record : statusConsumer.poll(Duration.ofMillis(100))) {
            histories.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
        }
    }

    private static boolean isDecision(final OrderStatusChanged event) {
        return switch (event.getStatus()) {
            case CONFIRMED, REJECTED -> true;
            case CANCELLED -> event.getPreviousStatus() != OrderStatus.CONFIRMED;
            default -> false;
        };
    }

    private List<String> deadLetterReasons() {
        final Map<String, Object> config = cluster.consumerConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ORDERS_DLQ));
            final List<String> reasons = new ArrayList<>();
            await("the dead letter").atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(r -> reasons.add(DeadLetters.header(r.headers(), DeadLetters.REASON)));
                return !reasons.isEmpty();
            });
            return reasons;
        }
    }

    private static <V> ReadOnlyKeyValueStore<String, V> store(final KafkaStreams streams, final String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }

    private static OrderPlaced randomOrder(final SplittableRandom random, final String id) {
        final int lines = random.nextInt(1, 4);
        final List<LineItem> items = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            items.add(new LineItem("SKU-" + random.nextInt(1, SKUS + 1), random.nextInt(1, 4),
                    random.nextLong(100, 1_000)));
        }
        return OrderPlaced.newBuilder()
                .setOrderId(id)
                .setCustomerId("c-" + random.nextInt(1, CUSTOMERS + 1))
                .setCurrency("EUR")
                .setItems(items)
                .setCreatedAt(Instant.now())
                .setSource(OrderSource.DIRECT)
                .build();
    }
}
