package dev.orderpipeline.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.registry.SchemaRegistryServer;
import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderSource;
import dev.orderpipeline.testsupport.KafkaCluster;
import dev.orderpipeline.testsupport.RealKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The direct-produce CLI against the real broker and a real registry. */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProduceOrdersIT {

    private KafkaCluster kafka;
    private SchemaRegistryServer registry;
    private Topics topics;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    void start(final KafkaCluster cluster) {
        kafka = cluster;
        kafka.createTopics(3, Topics.ORDERS);
        registry = SchemaRegistryServer.start(0);
        topics = Topics.forRegistry(registry.url());
    }

    @AfterAll
    void stop() {
        topics.close();
        registry.close();
    }

    private int run(final String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        final List<String> all = new ArrayList<>(List.of("--bootstrap", kafka.bootstrapServers(), "--registry", registry.url()));
        all.addAll(List.of(args));
        return new CommandLine(new ProduceOrders()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
    }

    /** Orders stored since the given time: only this class produces then, with this class's registry. */
    private List<OrderPlaced> ordersSince(final Instant since) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.consumerConfig(),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORDERS).stream()
                    .map(p -> new TopicPartition(Topics.ORDERS, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            final List<OrderPlaced> orders = new ArrayList<>();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.timestamp() >= since.toEpochMilli()) {
                        orders.add(topics.orders().valueSerde().deserializer().deserialize(Topics.ORDERS, record.value()));
                    }
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            return orders;
        }
    }

    @Test
    void shouldProduceRandomOrdersAtTheRequestedCount() {
        // Given
        final Instant started = Instant.now();
        // When
        final int exit = run("--random", "--count", "25", "--rate", "500", "--customers", "3", "--skus", "SKU-1,SKU-2");
        // Then
        assertThat(exit).as("exit code, stderr %s", err).isZero();
        assertThat(out.toString()).contains("Produced 25 of 25 orders to orders");
        final List<OrderPlaced> direct = ordersSince(started);
        assertThat(direct).hasSize(25);
        assertThat(direct).allSatisfy(order -> {
            assertThat(order.getSource()).isEqualTo(OrderSource.DIRECT);
            assertThat(order.getCustomerId()).isIn("c-1", "c-2", "c-3");
            assertThat(order.getItems()).allSatisfy(item -> assertThat(item.getSku()).isIn("SKU-1", "SKU-2"));
        });
    }

    @Test
    void shouldProduceTheOrdersOfAFile(@TempDir final Path dir) throws Exception {
        // Given
        final String tag = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        final Path file = dir.resolve("orders.json");
        Files.writeString(file, """
                [{"customerId":"c-1","currency":"EUR","clientOrderId":"%1$s-a","items":[{"sku":"SKU-1","quantity":2,"unitPriceMinor":1250}]},
                 {"customerId":"c-2","currency":"USD","clientOrderId":"%1$s-b","items":[{"sku":"SKU-2","quantity":1,"unitPriceMinor":999}]}]
                """.formatted(tag));
        final Instant started = Instant.now();
        // When
        final int exit = run("--file", file.toString());
        // Then
        assertThat(exit).as("exit code, stderr %s", err).isZero();
        assertThat(ordersSince(started)).filteredOn(o -> o.getClientOrderId() != null && o.getClientOrderId().startsWith(tag))
                .extracting(OrderPlaced::getCustomerId, OrderPlaced::getCurrency, OrderPlaced::getSource)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("c-1", "EUR", OrderSource.DIRECT),
                        org.assertj.core.groups.Tuple.tuple("c-2", "USD", OrderSource.DIRECT));
    }

    @Test
    void shouldRefuseAnInvalidFileBeforeProducingAnything(@TempDir final Path dir) throws Exception {
        // Given
        final Path file = dir.resolve("bad.json");
        Files.writeString(file, "[{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":0,\"unitPriceMinor\":1}]}]");
        final Instant started = Instant.now();
        // When
        final int exit = run("--file", file.toString());
        // Then
        assertThat(exit).isEqualTo(ProduceOrders.INVALID_INPUT);
        assertThat(err.toString()).contains("/items/0/quantity");
        assertThat(ordersSince(started)).isEmpty();
    }
}
