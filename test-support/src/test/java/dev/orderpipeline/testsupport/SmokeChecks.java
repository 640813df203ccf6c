package dev.orderpipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Broker-level behaviours every backend must show. Shared by the in-process tests and the Docker smoke test, so
 * both backends are held to exactly the same checks.
 */
final class SmokeChecks {

    private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final long SEND_TIMEOUT_SECONDS = 30;
    /** Short enough that a test of an outage finishes quickly, long enough for a loaded two-core machine. */
    private static final int OUTAGE_DELIVERY_TIMEOUT_MS = 3_000;

    private SmokeChecks() {
    }

    static void idempotentProducerRecordsAreConsumedExactlyOnce(final KafkaCluster kafka) throws Exception {
        // Given a three-partition topic and the base producer settings
        final String topic = kafka.uniqueName("round-trip");
        kafka.createTopics(3, topic);
        final Map<String, Object> producerConfig = kafka.producerConfig();
        assertThat(producerConfig)
                .as("base producer settings must match production durability")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        final List<String> orderIds = IntStream.range(0, 20).mapToObj(i -> "order-" + i).toList();

        // When every record is sent and acknowledged
        try (Producer<String, String> producer = producer(producerConfig)) {
            for (final String orderId : orderIds) {
                producer.send(new ProducerRecord<>(topic, orderId, orderId)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        }

        // Then the log holds each record once, and a consumer group reads them all and commits its position
        try (Consumer<String, String> consumer = consumer(kafka.consumerConfig())) {
            consumer.subscribe(List.of(topic));
            final List<ConsumerRecord<String, String>> received = pollUntil(consumer, orderIds.size());
            assertThat(received).extracting(ConsumerRecord::value)
                    .as("records read back from %s", topic)
                    .containsExactlyInAnyOrderElementsOf(orderIds);
            assertThat(received).allSatisfy(record -> assertThat(record.key()).isEqualTo(record.value()));
            final long logSize = consumer.endOffsets(consumer.assignment()).values().stream()
                    .mapToLong(Long::longValue).sum();
            assertThat(logSize).as("records in the log of %s (duplicates would show here)", topic)
                    .isEqualTo(orderIds.size());
            consumer.commitSync();
        }
    }

    static void readCommittedConsumerSeesOnlyCommittedTransactions(final KafkaCluster kafka) {
        // Given a single-partition topic and a transactional producer
        final String topic = kafka.uniqueName("transactions");
        kafka.createTopics(1, topic);
        final Map<String, Object> producerConfig = kafka.producerConfig();
        producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, kafka.uniqueName("tx"));

        // When a first transaction is aborted and a second one committed
        try (Producer<String, String> producer = producer(producerConfig)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "order-1", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "order-1", "committed"));
            producer.commitTransaction();
        }

        // Then a read_committed consumer sees only the committed record. The aborted one sits earlier in the same
        // partition, so had it been visible it would have been delivered before the committed one.
        final Map<String, Object> consumerConfig = kafka.consumerConfig();
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (Consumer<String, String> consumer = consumer(consumerConfig)) {
            consumer.subscribe(List.of(topic));
            assertThat(pollUntil(consumer, 1)).extracting(ConsumerRecord::value)
                    .as("values visible to a read_committed consumer of %s", topic)
                    .containsExactly("committed");
        }
    }

    static void creatingExistingTopicsAgainChangesNothing(final KafkaCluster kafka) throws Exception {
        // Given a topic that exists with two partitions
        final String existing = kafka.uniqueName("existing");
        final String added = kafka.uniqueName("added");
        kafka.createTopics(2, existing);

        // When it is created again, with another partition count, together with a new topic
        kafka.createTopics(5, existing, added);

        // Then the call succeeds, the existing topic is unchanged and the new one is ready
        try (Admin admin = kafka.adminClient()) {
            final Map<String, TopicDescription> topics =
                    admin.describeTopics(List.of(existing, added)).allTopicNames().get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(topics.get(existing).partitions()).as("partitions of %s", existing).hasSize(2);
            assertThat(topics.get(added).partitions()).as("partitions of %s", added).hasSize(5)
                    .allSatisfy(partition -> assertThat(partition.leader()).isNotNull());
        }
    }

    static void sendsFailWithinDeliveryTimeoutWhileBrokerIsStopped(final KafkaCluster kafka) throws Exception {
        // Given a producer with short timeouts that has already delivered to a topic
        final String topic = kafka.uniqueName("outage");
        kafka.createTopics(1, topic);
        try (Producer<String, String> producer = producer(outageProducerConfig(kafka))) {
            producer.send(new ProducerRecord<>(topic, "order-1", "before outage")).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            try {
                // When the broker stops
                kafka.stopBroker();
                final long sentAt = System.nanoTime();
                final Future<RecordMetadata> send = producer.send(new ProducerRecord<>(topic, "order-1", "during outage"));

                // Then the send fails with a client timeout, bounded by delivery.timeout.ms rather than hanging
                assertThatThrownBy(() -> send.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                        .as("send to %s while the broker is stopped", topic)
                        .isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(TimeoutException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - sentAt))
                        .as("time until the send failed")
                        .isLessThan(Duration.ofMillis(OUTAGE_DELIVERY_TIMEOUT_MS).plusSeconds(5));
            } finally {
                kafka.startBroker();
            }
        }
    }

    static void clientsResumeAtSameAddressAfterBrokerRestart(final KafkaCluster kafka) throws Exception {
        // Given a producer that delivered before the broker was stopped, and the address clients were given
        final String topic = kafka.uniqueName("restart");
        kafka.createTopics(1, topic);
        final String addressBeforeOutage = kafka.bootstrapServers();
        try (Producer<String, String> producer = producer(outageProducerConfig(kafka))) {
            producer.send(new ProducerRecord<>(topic, "order-1", "before restart")).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            kafka.stopBroker();

            // When the broker starts again
            kafka.startBroker();

            // Then it is at the same address, and the producer created before the outage delivers again
            assertThat(kafka.bootstrapServers()).as("bootstrap address after restart").isEqualTo(addressBeforeOutage);
            producer.send(new ProducerRecord<>(topic, "order-1", "after restart")).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        // And a consumer given only the old address reads both records
        final Map<String, Object> consumerConfig = kafka.consumerConfig();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, addressBeforeOutage);
        try (Consumer<String, String> consumer = consumer(consumerConfig)) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            assertThat(pollUntil(consumer, 2)).extracting(ConsumerRecord::value)
                    .containsExactly("before restart", "after restart");
        }
    }

    static void sendsSucceedWithShortTimeouts(final KafkaCluster kafka) throws Exception {
        final String topic = kafka.uniqueName("healthy");
        kafka.createTopics(1, topic);
        try (Producer<String, String> producer = producer(outageProducerConfig(kafka))) {
            producer.send(new ProducerRecord<>(topic, "order-1", "healthy")).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * Polls in the calling thread (consumers are single-threaded) until at least {@code expected} records arrived.
     */
    static <K, V> List<ConsumerRecord<K, V>> pollUntil(final Consumer<K, V> consumer, final int expected) {
        final List<ConsumerRecord<K, V>> received = new ArrayList<>();
        await("at least " + expected + " records").atMost(CONSUME_TIMEOUT).pollInSameThread().pollDelay(Duration.ZERO)
                .until(() -> {
                    consumer.poll(POLL_TIMEOUT).forEach(received::add);
                    return received.size() >= expected;
                });
        return received;
    }

    private static Map<String, Object> outageProducerConfig(final KafkaCluster kafka) {
        final Map<String, Object> config = kafka.producerConfig();
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, OUTAGE_DELIVERY_TIMEOUT_MS);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, OUTAGE_DELIVERY_TIMEOUT_MS);
        return config;
    }

    private static Producer<String, String> producer(final Map<String, Object> config) {
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static Consumer<String, String> consumer(final Map<String, Object> config) {
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
