package dev.orderpipeline.projections.testing;

import dev.orderpipeline.platform.config.KafkaSettings;
import dev.orderpipeline.platform.streams.StreamsProperties;
import dev.orderpipeline.projections.ProjectionsTopology;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import dev.orderpipeline.schemas.registry.SchemaRegistryClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The production topology ({@link ProjectionsTopology#build}) on a {@link TopologyTestDriver}, with the production
 * Streams settings (dead-letter handlers included) and an in-memory registry scope of its own.
 */
public final class ProjectionsDriver implements AutoCloseable {

    private final String scope = "projections-" + UUID.randomUUID();
    private final Map<String, Object> serdeConfig = Map.of("schema.registry.url", "mock://" + scope);
    private final Topics topics = Topics.create(serdeConfig);
    private final List<String> changedOrders = new CopyOnWriteArrayList<>();
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, OrderStatusChanged> statusTopic;

    public ProjectionsDriver(final ZoneId zone) {
        final Topology topology = ProjectionsTopology.build(new StreamsBuilder(), topics,
                new ProjectionsTopology.Settings(zone, serdeConfig, changedOrders::add));
        final Properties props;
        try {
            props = StreamsProperties.base("projections-test", KafkaSettings.of("unused:9092", "mock://" + scope),
                    Files.createTempDirectory("projections-test"), Topics.ORDER_STATUS_DLQ, 1);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(topology, props);
        statusTopic = driver.createInputTopic(Topics.ORDER_STATUS, topics.orderStatus().keySerde().serializer(),
                topics.orderStatus().valueSerde().serializer());
    }

    public static ProjectionsDriver utc() {
        return new ProjectionsDriver(ZoneId.of("UTC"));
    }

    /** Publishes changes keyed by their order id, as the saga does. */
    public void pipe(final OrderStatusChanged... changes) {
        for (final OrderStatusChanged change : changes) {
            statusTopic.pipeInput(change.getOrderId(), change);
        }
    }

    public void pipe(final List<OrderStatusChanged> changes) {
        changes.forEach(this::pipe);
    }

    /** Publishes one change under any key, e.g. a wrong one. */
    public void pipeKeyed(final String key, final OrderStatusChanged change) {
        statusTopic.pipeInput(key, change);
    }

    public <V> V get(final String store, final String key) {
        final KeyValueStore<String, V> kv = driver.getKeyValueStore(store);
        return kv.get(key);
    }

    /** Entries from {@code from} to {@code to} (inclusive), in store order. */
    public <V> List<KeyValue<String, V>> range(final String store, final String from, final String to) {
        final KeyValueStore<String, V> kv = driver.getKeyValueStore(store);
        final List<KeyValue<String, V>> entries = new ArrayList<>();
        try (KeyValueIterator<String, V> iterator = kv.range(from, to)) {
            iterator.forEachRemaining(entries::add);
        }
        return entries;
    }

    /** The raw iterator, for code that pages through a range itself. The caller closes it. */
    public <V> KeyValueIterator<String, V> iterator(final String store, final String from, final String to) {
        final KeyValueStore<String, V> kv = driver.getKeyValueStore(store);
        return kv.range(from, to);
    }

    /** Order ids the topology announced to its change listener, in order. */
    public List<String> changedOrders() {
        return List.copyOf(changedOrders);
    }

    public TestOutputTopic<byte[], byte[]> deadLetters() {
        return driver.createOutputTopic(Topics.ORDER_STATUS_DLQ, Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @Override
    public void close() {
        driver.close();
        topics.close();
        SchemaRegistryClients.dropScope(scope);
    }
}
