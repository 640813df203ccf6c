package dev.orderpipeline.bench.chaos;

import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import dev.orderpipeline.schemas.serde.ConfluentAvroSerde;
import dev.orderpipeline.topology.avro.AccountBalance;
import dev.orderpipeline.topology.avro.StockLevel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Everything the audit reads from Kafka, as a {@code read_committed} consumer sees it (aborted transactions of killed
 * instances are invisible, as they are to every downstream reader): the orders, every status change, both
 * dead-letter topics, and the saga's stock and balance changelogs (the state stores' full write history).
 *
 * @param orders     every record of {@code orders}, in partition order; value null when undecodable
 * @param statuses   every record of {@code order-status}, in partition order (so per order in order)
 * @param ordersDlq  every record of {@code orders-dlq}: key and headers
 * @param statusDlq  number of records on {@code order-status-dlq}
 * @param stock      every stock level the saga stored, in order per SKU
 * @param balances   every account balance the saga stored, in order per customer
 */
record TopicSnapshot(List<PlacedRecord> orders, List<OrderStatusChanged> statuses, List<DeadLetter> ordersDlq,
                     long statusDlq, List<StoredStock> stock, List<StoredBalance> balances) {

    /** A record of {@code orders}; {@code order} is null when the value could not be decoded. */
    record PlacedRecord(String key, OrderPlaced order) {
    }

    /** A dead-lettered record: its key and headers (values as UTF-8). */
    record DeadLetter(String key, Map<String, String> headers) {
    }

    /** One write of the stock-levels store; {@code available} null for a deletion. */
    record StoredStock(String sku, Long available) {
    }

    /** One write of the account-balances store; {@code funds} null for a deletion. */
    record StoredBalance(String customerId, Map<String, Long> funds) {
    }

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(3);

    static TopicSnapshot read(final KafkaSettings kafka, final Topics topics, final String sagaApplicationId) {
        final Deserializer<OrderPlaced> orderValues = topics.orders().valueSerde().deserializer();
        final Deserializer<OrderStatusChanged> statusValues = topics.orderStatus().valueSerde().deserializer();
        final Deserializer<StockLevel> stockValues = internal(topics, StockLevel.class);
        final Deserializer<AccountBalance> balanceValues = internal(topics, AccountBalance.class);
        final List<PlacedRecord> orders = readAll(kafka, Topics.ORDERS, r -> new PlacedRecord(text(r.key()),
                decodeOrNull(orderValues, Topics.ORDERS, r.value())));
        final List<OrderStatusChanged> statuses = readAll(kafka, Topics.ORDER_STATUS,
                r -> statusValues.deserialize(Topics.ORDER_STATUS, r.value()));
        final List<DeadLetter> dlq = readAll(kafka, Topics.ORDERS_DLQ, r -> new DeadLetter(text(r.key()),
                headers(r)));
        final long statusDlq = readAll(kafka, Topics.ORDER_STATUS_DLQ, r -> r).size();
        final String stockTopic = sagaApplicationId + "-stock-levels-changelog";
        final List<StoredStock> stock = readAll(kafka, stockTopic, r -> new StoredStock(text(r.key()),
                r.value() == null ? null : stockValues.deserialize(stockTopic, r.value()).getAvailable()));
        final String balanceTopic = sagaApplicationId + "-account-balances-changelog";
        final List<StoredBalance> balances = readAll(kafka, balanceTopic, r -> new StoredBalance(text(r.key()),
                r.value() == null ? null : Map.copyOf(balanceValues.deserialize(balanceTopic, r.value()).getFunds())));
        return new TopicSnapshot(orders, statuses, dlq, statusDlq, stock, balances);
    }

    private static <T extends SpecificRecord> Deserializer<T> internal(final Topics topics, final Class<T> type) {
        final ConfluentAvroSerde<T> serde = new ConfluentAvroSerde<>(topics.registry(), type);
        serde.configure(new HashMap<>(topics.serdeConfig()), false);
        return serde.deserializer();
    }

    private static <T> T decodeOrNull(final Deserializer<T> values, final String topic, final byte[] bytes) {
        try {
            return values.deserialize(topic, bytes);
        } catch (final RuntimeException e) {
            return null;
        }
    }

    private static String text(final byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static Map<String, String> headers(final ConsumerRecord<byte[], byte[]> record) {
        final Map<String, String> headers = new HashMap<>();
        for (final Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** Reads a topic from the beginning to its current end (last stable offset), partition by partition in order. */
    static <T> List<T> readAll(final KafkaSettings kafka, final String topic,
                               final Function<ConsumerRecord<byte[], byte[]>, T> map) {
        final Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        final List<T> result = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            final long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end in " + READ_TIMEOUT);
                }
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    result.add(map.apply(record));
                }
            }
        }
        return result;
    }
}
