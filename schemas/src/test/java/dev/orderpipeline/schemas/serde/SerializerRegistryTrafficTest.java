package dev.orderpipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.registry.InMemorySchemaRegistry;
import dev.orderpipeline.schemas.registry.internal.CachingSchemaRegistryClient;
import dev.orderpipeline.schemas.testing.CountingSchemaRegistryClient;
import dev.orderpipeline.schemas.testing.MockRegistryScope;
import dev.orderpipeline.schemas.testing.SampleRecords;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Producing and consuming many records reaches the registry once per schema, whatever the settings, because every
 * serde created from config uses the caching client. The delegate under the cache counts the calls.
 */
class SerializerRegistryTrafficTest {

    private static final int RECORDS = 5;

    private MockRegistryScope scope;
    private CountingSchemaRegistryClient registry;
    private CachingSchemaRegistryClient client;

    @BeforeEach
    void createClient(final TestInfo testInfo) {
        scope = MockRegistryScope.forTest(testInfo);
        registry = new CountingSchemaRegistryClient(new InMemorySchemaRegistry());
        client = new CachingSchemaRegistryClient(registry, Duration.ofSeconds(60));
    }

    @AfterEach
    void closeClient() {
        client.close();
        scope.close();
    }

    @Test
    void shouldRegisterOnceForManyRecords() {
        // Given a serializer with auto-registration on
        try (ConfluentAvroSerializer<OrderPlaced> serializer = new ConfluentAvroSerializer<>(client)) {
            serializer.configure(scope.config(), false);

            // When several records are serialized
            serialize(serializer);
        }

        // Then the registry saw one registration
        assertThat(registry.calls("register")).as("register calls for %d records", RECORDS).isEqualTo(1);
    }

    @Test
    void shouldLookUpOnceForManyRecordsWhenAutoRegisterIsOff() {
        // Given OrderPlaced registered ahead of time and a serializer with auto-registration off
        registry.register(Topics.ORDERS + "-value", OrderPlaced.getClassSchema());
        try (ConfluentAvroSerializer<OrderPlaced> serializer = new ConfluentAvroSerializer<>(client)) {
            serializer.configure(scope.config(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);

            // When several records are serialized
            serialize(serializer);
        }

        // Then the registry was asked for the id once, not once per record
        assertThat(registry.calls("lookup")).as("lookup calls for %d records", RECORDS).isEqualTo(1);
    }

    @Test
    void shouldFetchLatestOnceForManyRecordsWithUseLatestVersion() {
        // Given OrderPlaced registered ahead of time and a serializer using the latest version
        registry.register(Topics.ORDERS + "-value", OrderPlaced.getClassSchema());
        try (ConfluentAvroSerializer<OrderPlaced> serializer = new ConfluentAvroSerializer<>(client)) {
            serializer.configure(scope.config(
                    AvroSerdeConfig.USE_LATEST_VERSION, true,
                    AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);

            // When several records are serialized within the latest-version TTL
            serialize(serializer);
        }

        // Then the latest version was fetched once
        assertThat(registry.calls("latest")).as("latest calls for %d records", RECORDS).isEqualTo(1);
    }

    @Test
    void shouldFetchWriterSchemaOnceForManyRecords() {
        // Given records written by another client of the same registry
        final byte[] bytes;
        try (ConfluentAvroSerializer<OrderPlaced> producer =
                     new ConfluentAvroSerializer<>(new CachingSchemaRegistryClient(registry, Duration.ofSeconds(60)))) {
            producer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, scope.url()), false);
            bytes = producer.serialize(Topics.ORDERS, SampleRecords.orderPlaced());
        }
        try (ConfluentAvroDeserializer<OrderPlaced> consumer = new ConfluentAvroDeserializer<>(client, OrderPlaced.class)) {
            consumer.configure(scope.config(), false);

            // When several records are deserialized
            for (int i = 0; i < RECORDS; i++) {
                consumer.deserialize(Topics.ORDERS, bytes);
            }
        }

        // Then the writer schema was fetched by id once
        assertThat(registry.calls("schemaById")).as("schemaById calls for %d records", RECORDS).isEqualTo(1);
    }

    private static void serialize(final ConfluentAvroSerializer<OrderPlaced> serializer) {
        for (int i = 0; i < RECORDS; i++) {
            serializer.serialize(Topics.ORDERS, OrderPlaced.newBuilder(SampleRecords.orderPlaced())
                    .setOrderId("o-" + i).build());
        }
    }
}
