package dev.orderpipeline.consumers;

import static org.awaitility.Awaitility.await;

import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.registry.SchemaRegistryServer;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import dev.orderpipeline.testsupport.KafkaCluster;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What every dispatcher integration test needs around the real broker: a real registry server, producers of
 * notifications (Avro, as the saga writes them) and of raw bytes (poison), per-test topic names, and readers of
 * dead letters and committed offsets.
 */
final class DispatcherHarness implements AutoCloseable {

    static final String SECRET = "test-webhook-secret";

    private final KafkaCluster kafka;
    private final SchemaRegistryServer registry;
    private final KafkaSettings settings;
    private final Topics topics;
    private final KafkaProducer<String, NotificationRequested> producer;
    private final KafkaProducer<byte[], byte[]> raw;

    DispatcherHarness(final KafkaCluster kafka) {
        this.kafka = kafka;
        this.registry = SchemaRegistryServer.start(0);
        this.settings = KafkaSettings.of(kafka.bootstrapServers(), registry.url());
        this.topics = Topics.create(settings.serdeConfig());
        this.producer = new KafkaProducer<>(kafka.producerConfig(), new StringSerializer(),
                topics.notifications().valueSerde().serializer());
        this.raw = new KafkaProducer<>(kafka.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    KafkaSettings settings() {
        return settings;
    }

    Topics topics() {
        return topics;
    }

    SchemaRegistryServer registry() {
        return registry;
    }

    /** Fresh topic names for one test; only {@code notifications} is created here, the service creates the rest. */
    NotificationTopicNames newTopics(final int partitions) {
        final NotificationTopicNames names = NotificationTopicNames.prefixed(kafka.uniqueName("t") + "-");
        kafka.createTopics(partitions, names.notifications());
        return names;
    }

    String uniqueName(final String prefix) {
        return kafka.uniqueName(prefix);
    }

    NotificationService start(final NotificationConfig config, final MeterRegistry meters) {
        return NotificationService.start(config, settings, topics, meters);
    }

    /** Produces notifications keyed by order id, as the saga does, and waits for the acknowledgements. */
    void send(final NotificationTopicNames names, final NotificationRequested... notifications) {
        try {
            for (final NotificationRequested n : notifications) {
                producer.send(new ProducerRecord<>(names.notifications(), n.getOrderId(), n)).get();
            }
        } catch (final InterruptedException | ExecutionException e) {
            throw new IllegalStateException("Cannot produce test notifications", e);
        }
    }

    /** Produces arbitrary bytes, e.g. poison. */
    void sendRaw(final NotificationTopicNames names, final String key, final byte[] value) {
        try {
            raw.send(new ProducerRecord<>(names.notifications(), key.getBytes(StandardCharsets.UTF_8), value)).get();
        } catch (final InterruptedException | ExecutionException e) {
            throw new IllegalStateException("Cannot produce raw test record", e);
        }
    }

    /** Reads the dead-letter topic from the start until at least {@code expected} records arrived. */
    List<ConsumerRecord<byte[], byte[]>> deadLetters(final NotificationTopicNames names, final int expected) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerConfig(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(names.deadLetters()));
            final List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.size() >= expected;
            });
            return seen;
        }
    }

    /** Whether the group committed every record currently in the topic. */
    boolean committedToEnd(final String group, final String topic) {
        try (Admin admin = kafka.adminClient()) {
            final Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            final int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            final var ends = admin.listOffsets(latest).all().get();
            return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                    || committed.containsKey(e.getKey()) && committed.get(e.getKey()).offset() == e.getValue().offset());
        } catch (final InterruptedException | ExecutionException e) {
            throw new IllegalStateException("Cannot read offsets of group " + group, e);
        }
    }

    /** Sum of a counter over all its tag values matching the given tags. */
    static double count(final MeterRegistry meters, final String name, final String... tags) {
        return meters.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        final var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
        raw.close();
        topics.close();
        registry.close();
    }
}
