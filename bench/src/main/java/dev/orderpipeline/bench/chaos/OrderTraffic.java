package dev.orderpipeline.bench.chaos;

import dev.orderpipeline.bench.load.Progress;
import dev.orderpipeline.bench.process.Waits;
import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.AccountAdjustment;
import dev.orderpipeline.schemas.avro.AdjustmentKind;
import dev.orderpipeline.schemas.avro.InventoryAdjustment;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaos load: orders at a fixed rate (open loop: order <i>i</i> is due at {@code start + i / rate} whatever
 * happened to earlier ones), half over HTTP through ingest and half produced straight to {@code orders} like any
 * Confluent-compatible client, plus cancellations, client-retry duplicates, orders that break a rule, poison records
 * and stock/funds top-ups. Every acknowledgement lands in the {@link TrafficLedger}.
 *
 * <p>Producers here wait out a broker restart rather than fail: {@code delivery.timeout.ms} and
 * {@code max.block.ms} of five minutes. An acknowledged record is therefore on the broker; a failed one is recorded
 * as such and the audit does not count on it either way.
 */
final class OrderTraffic implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OrderTraffic.class);
    private static final int WORKERS = 48;
    private static final Duration SEND_WAIT = Duration.ofMinutes(6);

    private final ChaosSettings settings;
    private final TrafficLedger ledger;
    private final List<String> ingestHosts;
    private final String runId;
    private final Progress progress;
    private final KafkaProducer<String, OrderPlaced> orders;
    private final KafkaProducer<String, byte[]> raw;
    private final KafkaProducer<String, InventoryAdjustment> inventory;
    private final KafkaProducer<String, AccountAdjustment> accounts;
    private final Serializer<OrderPlaced> orderSerializer;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final List<Thread> cancellations = new ArrayList<>();
    private volatile boolean loading;

    OrderTraffic(final ChaosSettings settings, final KafkaSettings kafka, final Topics topics,
                 final List<String> ingestHosts, final TrafficLedger ledger, final String runId,
                 final Progress progress) {
        this.settings = settings;
        this.ledger = ledger;
        this.ingestHosts = List.copyOf(ingestHosts);
        this.runId = runId;
        this.progress = progress;
        final Map<String, Object> config = patientProducer(kafka);
        this.orders = new KafkaProducer<>(config, new StringSerializer(), topics.orders().valueSerde().serializer());
        this.raw = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.inventory = new KafkaProducer<>(config, new StringSerializer(),
                topics.inventory().valueSerde().serializer());
        this.accounts = new KafkaProducer<>(config, new StringSerializer(), topics.accounts().valueSerde().serializer());
        this.orderSerializer = topics.orders().valueSerde().serializer();
    }

    private static Map<String, Object> patientProducer(final KafkaSettings kafka) {
        final Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(5).toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Duration.ofMinutes(5).toMillis());
        // a partition that refuses a first batch while accepting the next would wedge the idempotent producer on
        // OUT_OF_ORDER_SEQUENCE_NUMBER (fresh topics, broker restarts): one request in flight rules that out
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return config;
    }

    /** Sets every chaos SKU's stock and every chaos customer's funds (EUR and USD) before the load. */
    void seed() {
        final Instant now = Instant.now();
        final List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int s = 1; s <= settings.skus(); s++) {
            final String sku = ChaosOrder.sku(s);
            sent.add(inventory.send(new ProducerRecord<>(Topics.INVENTORY, sku,
                    new InventoryAdjustment(sku, AdjustmentKind.SET, settings.initialStock(), now))));
            ledger.stockSet(sku, settings.initialStock());
        }
        for (int c = 1; c <= settings.customers(); c++) {
            final String customer = ChaosOrder.customer(c);
            for (final String currency : List.of("EUR", "USD")) {
                sent.add(accounts.send(new ProducerRecord<>(Topics.ACCOUNTS, customer,
                        new AccountAdjustment(customer, currency, AdjustmentKind.SET, settings.initialFunds(), now))));
                ledger.fundsSet(customer, currency, settings.initialFunds());
            }
        }
        for (final Future<RecordMetadata> future : sent) {
            await(future);
        }
    }

    /** Runs the whole load and returns when every order is acknowledged or given up and every cancellation ended. */
    void run() {
        loading = true;
        final long start = System.nanoTime() + Duration.ofMillis(50).toNanos();
        final Thread topUps = Thread.ofVirtual().name("chaos-top-ups").start(this::topUps);
        final List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(Thread.ofVirtual().name("chaos-orders-" + w).start(() -> work(start)));
        }
        progress.begin(String.format("%,d orders at %.0f/s", settings.orders(), settings.rate()));
        while (workers.stream().anyMatch(Thread::isAlive)) {
            progress.update(done.get() / (double) settings.orders(), String.format("%,d done", done.get()));
            Waits.pause(Duration.ofMillis(200));
        }
        loading = false;
        join(List.of(topUps));
        synchronized (cancellations) {
            join(cancellations);
        }
        orders.flush();
        raw.flush();
        progress.done(String.format("%,d orders", done.get()));
    }

    private void work(final long start) {
        final long intervalNanos = Math.round(1e9 / settings.rate());
        final long poisonEvery = settings.poisonRecords() == 0 ? Long.MAX_VALUE
                : Math.max(1, settings.orders() / settings.poisonRecords());
        try (HttpOrderClient http = new HttpOrderClient(ingestHosts, ledger)) {
            for (long i = next.getAndIncrement(); i < settings.orders(); i = next.getAndIncrement()) {
                Waits.pauseUntil(start + i * intervalNanos);
                if (i % poisonEvery == poisonEvery / 2) {
                    poison(i / poisonEvery);
                }
                final ChaosOrder order = ChaosOrder.of(settings, i);
                final Optional<String> acknowledged = order.http()
                        ? http.place(runId + "-key-" + i, order) : direct(order);
                if (order.cancel()) {
                    acknowledged.ifPresent(id -> cancelLater(id, order));
                }
                done.incrementAndGet();
            }
        } catch (final RuntimeException e) {
            LOG.error("Chaos worker failed", e);
            throw e;
        }
    }

    private Optional<String> direct(final ChaosOrder order) {
        final String orderId = runId + "-d-" + order.index();
        final Instant createdAt = Instant.now().atZone(ZoneOffset.UTC).minusMonths(order.monthsBack()).toInstant();
        final OrderPlaced event = new OrderPlaced(orderId, order.customerId(), order.items(), order.currency(),
                createdAt, OrderSource.DIRECT, null);
        if (order.invalid()) {
            ledger.invalid(orderId);
        }
        final ProducerRecord<String, OrderPlaced> record = new ProducerRecord<>(Topics.ORDERS, orderId, event);
        try {
            await(orders.send(record));
            ledger.directAcked(orderId);
        } catch (final IllegalStateException e) {
            ledger.directFailed(orderId);
            return Optional.empty();
        }
        if (order.duplicate()) {
            orders.send(record, (metadata, error) -> {
                if (error == null) {
                    ledger.duplicateAcked(orderId);
                }
            });
        }
        return Optional.of(orderId);
    }

    /**
     * Requests cancellation of orders that are already confirmed, after the load: each must come back as a reversal
     * (CANCELLED with {@code previousStatus=CONFIRMED}) that returns its stock and funds and leaves the sales figures.
     * Cancellations during the load mostly overtake the decision on a busy machine, so this makes sure reversals are
     * part of every audit.
     */
    void cancelConfirmed(final List<String> orderIds) {
        try (HttpOrderClient http = new HttpOrderClient(ingestHosts, ledger)) {
            for (int i = 0; i < orderIds.size(); i++) {
                http.cancel(orderIds.get(i), i);
            }
        }
    }

    private void cancelLater(final String orderId, final ChaosOrder order) {
        final Thread thread = Thread.ofVirtual().name("chaos-cancel-" + order.index()).start(() -> {
            Waits.pause(Duration.ofMillis(order.cancelDelayMillis()));
            try (HttpOrderClient http = new HttpOrderClient(ingestHosts, ledger)) {
                http.cancel(orderId, order.index());
            }
        });
        synchronized (cancellations) {
            cancellations.add(thread);
        }
    }

    /**
     * Three kinds of undecodable record, in turn: not the wire format at all, an unknown schema id, and a known schema
     * id followed by truncated Avro.
     */
    private void poison(final long j) {
        final String key = runId + "-poison-" + j;
        final byte[] value = switch ((int) (j % 3)) {
            case 0 -> ("poison record " + j + ", not Avro").getBytes(StandardCharsets.UTF_8);
            case 1 -> ByteBuffer.allocate(9).put((byte) 0).putInt(Integer.MAX_VALUE - (int) j).putInt(42).array();
            default -> {
                final byte[] valid = orderSerializer.serialize(Topics.ORDERS, new OrderPlaced(key, "chaos-c-1",
                        List.of(), "EUR", Instant.now(), OrderSource.DIRECT, null));
                yield Arrays.copyOf(valid, 8);
            }
        };
        raw.send(new ProducerRecord<>(Topics.ORDERS, key, value), (metadata, error) -> ledger.poison(key,
                error == null));
    }

    private void topUps() {
        final SplittableRandom random = new SplittableRandom(settings.seed() ^ 0x70B5L);
        while (loading) {
            Waits.pause(settings.topUpEvery());
            if (!loading) {
                return;
            }
            final Instant now = Instant.now();
            final String sku = ChaosOrder.sku(1 + random.nextInt(settings.skus()));
            final long units = 20 + random.nextInt(41);
            final String customer = ChaosOrder.customer(1 + random.nextInt(settings.customers()));
            final String currency = random.nextBoolean() ? "EUR" : "USD";
            final long amount = 2_000 + random.nextInt(8_001);
            try {
                await(inventory.send(new ProducerRecord<>(Topics.INVENTORY, sku,
                        new InventoryAdjustment(sku, AdjustmentKind.ADJUST, units, now))));
                ledger.stockAdded(sku, units);
            } catch (final IllegalStateException e) {
                ledger.adjustmentFailed();
            }
            try {
                await(accounts.send(new ProducerRecord<>(Topics.ACCOUNTS, customer,
                        new AccountAdjustment(customer, currency, AdjustmentKind.ADJUST, amount, now))));
                ledger.fundsAdded(customer, currency, amount);
            } catch (final IllegalStateException e) {
                ledger.adjustmentFailed();
            }
        }
    }

    private static void await(final Future<RecordMetadata> future) {
        try {
            future.get(SEND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("send failed: " + e.getMessage(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static void join(final List<Thread> threads) {
        for (final Thread thread : threads) {
            try {
                thread.join(Duration.ofMinutes(10));
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
    }

    @Override
    public void close() {
        orders.close(Duration.ofSeconds(30));
        raw.close(Duration.ofSeconds(30));
        inventory.close(Duration.ofSeconds(30));
        accounts.close(Duration.ofSeconds(30));
    }
}
