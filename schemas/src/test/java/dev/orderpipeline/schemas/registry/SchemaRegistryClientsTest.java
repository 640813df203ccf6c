package dev.orderpipeline.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderpipeline.schemas.Topics;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.registry.internal.CachingSchemaRegistryClient;
import dev.orderpipeline.schemas.serde.AvroSerdeConfig;
import dev.orderpipeline.schemas.serde.ConfluentAvroSerializer;
import dev.orderpipeline.schemas.serde.WireFormat;
import dev.orderpipeline.schemas.testing.MockRegistryScope;
import dev.orderpipeline.schemas.testing.SampleRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * {@code mock://scope} URLs share one in-memory registry per scope across independently configured clients, scopes
 * are isolated from each other, and the other settings apply to mock registries as they do to real ones.
 */
class SchemaRegistryClientsTest {

    private static final String SUBJECT = "widgets-value";
    private static final Schema WIDGET = SchemaBuilder.record("Widget").fields().requiredString("id").endRecord();

    private MockRegistryScope scope;

    @BeforeEach
    void createScope(final TestInfo testInfo) {
        scope = MockRegistryScope.forTest(testInfo);
    }

    @AfterEach
    void dropScope() {
        scope.close();
    }

    @Test
    void shouldShareOneRegistryPerMockScope() {
        // Given two clients created independently from the same mock URL
        try (SchemaRegistryClient producerSide = SchemaRegistryClients.create(scope.config());
             SchemaRegistryClient consumerSide = SchemaRegistryClients.create(scope.config())) {

            // When one registers a schema
            final int id = producerSide.register(SUBJECT, WIDGET);

            // Then the other resolves its id, and the scope's registry holds it
            assertThat(consumerSide.schemaById(id)).as("schema seen by the second client").isEqualTo(WIDGET);
            assertThat(scope.registry().subjects()).as("subjects of the scope").containsExactly(SUBJECT);
        }
    }

    @Test
    void shouldIsolateMockScopes(final TestInfo testInfo) {
        // Given a second, unrelated scope
        try (MockRegistryScope other = MockRegistryScope.forTest(testInfo);
             SchemaRegistryClient client = SchemaRegistryClients.create(scope.config())) {

            // When a schema is registered in the first scope
            client.register(SUBJECT, WIDGET);

            // Then the second scope does not see it
            assertThat(other.registry().subjects()).as("subjects of the other scope").isEmpty();
        }
    }

    @Test
    void shouldForgetDroppedScope() {
        // Given a scope holding a schema
        scope.registry().register(SUBJECT, WIDGET);

        // When the scope is dropped and named again
        scope.close();

        // Then it starts empty
        assertThat(scope.registry().subjects()).as("subjects of the scope after dropping it").isEmpty();
    }

    @Test
    void shouldCacheRestClients() {
        // Given an http:// URL
        final Map<String, Object> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:1");

        // When a client is created
        try (SchemaRegistryClient client = SchemaRegistryClients.create(config)) {

            // Then it is the caching client in front of REST
            assertThat(client).as("client for an http URL").isInstanceOf(CachingSchemaRegistryClient.class);
        }
    }

    @Test
    void shouldHonourLatestCacheTtlForMockRegistries() {
        // Given v1 registered, and a producer using the latest version with the latest-version cache disabled
        final String subject = Topics.ORDERS + "-value";
        final int v1 = scope.registry().register(subject, OrderPlaced.getClassSchema());
        try (ConfluentAvroSerializer<OrderPlaced> producer = new ConfluentAvroSerializer<>()) {
            producer.configure(scope.config(
                    AvroSerdeConfig.USE_LATEST_VERSION, true,
                    AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false,
                    AvroSerdeConfig.LATEST_CACHE_TTL_SEC, 0), false);
            final byte[] before = producer.serialize(Topics.ORDERS, SampleRecords.orderPlaced());

            // When a compatible v2 (a new optional field) is registered and the producer writes again
            final int v2 = scope.registry().register(subject, withOptionalNote(OrderPlaced.getClassSchema()));
            final byte[] after = producer.serialize(Topics.ORDERS, SampleRecords.orderPlaced());

            // Then the second record uses v2, as latest.cache.ttl.sec=0 asks
            assertThat(WireFormat.schemaId(before)).as("id before v2 was registered").isEqualTo(v1);
            assertThat(WireFormat.schemaId(after)).as("id after v2 was registered, with a zero latest TTL")
                    .isEqualTo(v2);
        }
    }

    private static Schema withOptionalNote(final Schema schema) {
        final List<Schema.Field> fields = new ArrayList<>();
        for (final Schema.Field field : schema.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(new Schema.Field("note", Schema.createUnion(Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.STRING)), "Free-text note.", Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }
}
