package dev.orderpipeline.schemas.registry;

import dev.orderpipeline.schemas.registry.internal.CachingSchemaRegistryClient;
import dev.orderpipeline.schemas.registry.internal.RestSchemaRegistryClient;
import dev.orderpipeline.schemas.serde.AvroSerdeConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates registry clients from serde settings: a cached REST client for {@code http(s)://} URLs, or the
 * in-memory registry of a named scope for {@code mock://scope}.
 *
 * <p>The scopes are the one piece of JVM-wide state in the serde, on purpose: a {@code mock://} URL in a config map
 * is the only way for independently configured serializers and deserializers (say, a producer and a Streams app in
 * one test) to share a registry, exactly as with Confluent's mock registry. Tests should use a unique scope each
 * and may {@link #dropScope} it afterwards.
 */
public final class SchemaRegistryClients {

    private static final Map<String, InMemorySchemaRegistry> MOCK_SCOPES = new ConcurrentHashMap<>();

    private SchemaRegistryClients() {
    }

    /** A client for the registry the settings name. The caller closes it. */
    public static SchemaRegistryClient create(final AvroSerdeConfig config) {
        if (config.isMock()) {
            return new CachingSchemaRegistryClient(mockScope(config.mockScope()), config.latestCacheTtl());
        }
        return new CachingSchemaRegistryClient(new RestSchemaRegistryClient(config), config.latestCacheTtl());
    }

    /** A client for the registry named in a Kafka-style config map. */
    public static SchemaRegistryClient create(final Map<String, ?> configs) {
        return create(AvroSerdeConfig.from(configs));
    }

    /** The in-memory registry behind {@code mock://scope}, created on first use. */
    public static InMemorySchemaRegistry mockScope(final String scope) {
        return MOCK_SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistry());
    }

    /** Forgets the in-memory registry of a scope. */
    public static void dropScope(final String scope) {
        MOCK_SCOPES.remove(scope);
    }
}
