package dev.orderpipeline.schemas.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderpipeline.schemas.registry.InMemorySchemaRegistry;
import dev.orderpipeline.schemas.registry.RegisteredSchema;
import dev.orderpipeline.schemas.registry.SchemaRegistryException;
import dev.orderpipeline.schemas.testing.CountingSchemaRegistryClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/**
 * What never changes (schema by id, id by subject and schema) is fetched once; the latest version of a subject is
 * re-fetched once its TTL has passed on the injected clock; everything else goes straight through.
 */
class CachingSchemaRegistryClientTest {

    private static final String SUBJECT = "widgets-value";
    private static final Duration TTL = Duration.ofSeconds(60);
    private static final Schema V1 = SchemaBuilder.record("Widget").fields().requiredString("id").endRecord();
    private static final Schema V2 = SchemaBuilder.record("Widget").fields()
            .requiredString("id").name("name").type().stringType().stringDefault("").endRecord();

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final CountingSchemaRegistryClient delegate = new CountingSchemaRegistryClient(registry);
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final CachingSchemaRegistryClient cache = new CachingSchemaRegistryClient(delegate, TTL, nanos::get);

    @Test
    void shouldFetchSchemaByIdOnce() {
        // Given a schema registered directly in the registry
        final int id = registry.register(SUBJECT, V1);

        // When it is asked for by id three times
        final Schema first = cache.schemaById(id);
        cache.schemaById(id);
        final Schema third = cache.schemaById(id);

        // Then the registry was asked once
        assertThat(first).as("schema by id").isEqualTo(V1);
        assertThat(third).as("cached schema by id").isEqualTo(V1);
        assertThat(delegate.calls("schemaById")).as("schemaById calls reaching the registry").isEqualTo(1);
    }

    @Test
    void shouldRegisterOncePerSubjectAndSchema() {
        // Given an empty registry
        // When the same schema is registered three times under one subject
        final int id = cache.register(SUBJECT, V1);
        cache.register(SUBJECT, V1);
        final int third = cache.register(SUBJECT, V1);

        // Then the registry saw one registration, and the id is known by id without asking
        assertThat(third).as("id of the repeated registration").isEqualTo(id);
        assertThat(delegate.calls("register")).as("register calls reaching the registry").isEqualTo(1);
        assertThat(cache.schemaById(id)).as("schema of the registered id").isEqualTo(V1);
        assertThat(delegate.calls("schemaById")).as("schemaById calls after register").isZero();
    }

    @Test
    void shouldRegisterSeparatelyUnderEachSubject() {
        // Given one schema
        // When it is registered under two subjects
        final int first = cache.register(SUBJECT, V1);
        final int second = cache.register("gadgets-value", V1);

        // Then each subject was registered in the registry, with the same global id
        assertThat(second).as("id under the second subject").isEqualTo(first);
        assertThat(delegate.calls("register")).as("register calls reaching the registry").isEqualTo(2);
        assertThat(registry.subjects()).as("subjects in the registry").containsExactly("gadgets-value", SUBJECT);
    }

    @Test
    void shouldNotCacheFailures() {
        // Given an id the registry does not know yet
        assertThatThrownBy(() -> cache.schemaById(1)).as("unknown id")
                .isInstanceOf(SchemaRegistryException.class);

        // When the schema is registered afterwards and the id asked for again
        registry.register(SUBJECT, V1);
        final Schema found = cache.schemaById(1);

        // Then the answer comes from the registry, not from a cached failure
        assertThat(found).as("schema after registration").isEqualTo(V1);
        assertThat(delegate.calls("schemaById")).as("schemaById calls").isEqualTo(2);
    }

    @Test
    void shouldRefetchLatestOnlyAfterTheTtl() {
        // Given v1 is the latest version and has been cached
        registry.register(SUBJECT, V1);
        assertThat(cache.latest(SUBJECT).version()).as("latest version at first").isEqualTo(1);

        // When v2 is registered behind the cache's back and latest is asked just before the TTL ends
        registry.register(SUBJECT, V2);
        nanos.addAndGet(TTL.toNanos() - 1);
        final RegisteredSchema beforeExpiry = cache.latest(SUBJECT);

        // Then the cached v1 is still served without asking the registry
        assertThat(beforeExpiry.version()).as("latest version 1 ns before the TTL ends").isEqualTo(1);
        assertThat(delegate.calls("latest")).as("latest calls before the TTL ends").isEqualTo(1);

        // And when the TTL has passed, v2 is fetched
        nanos.addAndGet(1);
        final RegisteredSchema afterExpiry = cache.latest(SUBJECT);
        assertThat(afterExpiry.version()).as("latest version once the TTL has passed").isEqualTo(2);
        assertThat(afterExpiry.schema()).as("latest schema once the TTL has passed").isEqualTo(V2);
        assertThat(delegate.calls("latest")).as("latest calls once the TTL has passed").isEqualTo(2);

        // And the refreshed value is cached for a new TTL
        nanos.addAndGet(TTL.toNanos() / 2);
        cache.latest(SUBJECT);
        assertThat(delegate.calls("latest")).as("latest calls within the new TTL").isEqualTo(2);
    }

    @Test
    void shouldCacheLatestForeverWithNegativeTtl() {
        // Given a cache with a negative TTL, and v1 cached as latest
        final CachingSchemaRegistryClient forever = new CachingSchemaRegistryClient(delegate, Duration.ofSeconds(-1), nanos::get);
        registry.register(SUBJECT, V1);
        forever.latest(SUBJECT);

        // When v2 is registered and a very long time passes
        registry.register(SUBJECT, V2);
        nanos.addAndGet(Duration.ofDays(365).toNanos());
        final RegisteredSchema latest = forever.latest(SUBJECT);

        // Then v1 is still served from the cache
        assertThat(latest.version()).as("latest version a year later").isEqualTo(1);
        assertThat(delegate.calls("latest")).as("latest calls").isEqualTo(1);
    }

    @Test
    void shouldRefetchLatestEveryTimeWithZeroTtl() {
        // Given a cache with a zero TTL
        final CachingSchemaRegistryClient uncached = new CachingSchemaRegistryClient(delegate, Duration.ZERO, nanos::get);
        registry.register(SUBJECT, V1);

        // When latest is asked twice at the same instant
        uncached.latest(SUBJECT);
        uncached.latest(SUBJECT);

        // Then both reach the registry
        assertThat(delegate.calls("latest")).as("latest calls").isEqualTo(2);
    }

    @Test
    void shouldAnswerIdOfFromCacheAfterLookup() {
        // Given a schema registered directly in the registry and looked up once
        final int id = registry.register(SUBJECT, V1);
        final RegisteredSchema found = cache.lookup(SUBJECT, V1);

        // When its id and schema are asked for again
        final int cachedId = cache.idOf(SUBJECT, V1);
        final Schema cachedSchema = cache.schemaById(id);

        // Then neither reaches the registry
        assertThat(found.id()).as("id found by lookup").isEqualTo(id);
        assertThat(cachedId).as("idOf after lookup").isEqualTo(id);
        assertThat(cachedSchema).as("schema by id after lookup").isEqualTo(V1);
        assertThat(delegate.calls("lookup")).as("lookup calls").isEqualTo(1);
        assertThat(delegate.calls("schemaById")).as("schemaById calls").isZero();
    }

    @Test
    void shouldPassUncachedCallsThroughAndCloseTheDelegate() {
        // Given a subject with one version
        registry.register(SUBJECT, V1);

        // When the uncached calls are made and the cache is closed
        cache.versions(SUBJECT);
        cache.version(SUBJECT, 1);
        cache.subjects();
        cache.isCompatible(SUBJECT, V2);
        cache.compatibility(SUBJECT);
        cache.close();

        // Then each went to the registry, and so did close
        assertThat(delegate.calls("versions")).as("versions calls").isEqualTo(1);
        assertThat(delegate.calls("version")).as("version calls").isEqualTo(1);
        assertThat(delegate.calls("subjects")).as("subjects calls").isEqualTo(1);
        assertThat(delegate.calls("isCompatible")).as("isCompatible calls").isEqualTo(1);
        assertThat(delegate.calls("compatibility")).as("compatibility calls").isEqualTo(1);
        assertThat(delegate.calls("close")).as("close calls").isEqualTo(1);
    }
}
