package dev.orderpipeline.platform.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where Kafka and the schema registry are, plus client settings passed through unchanged (security: SASL/SSL,
 * and any other Kafka client key). Read from {@code KAFKA_BOOTSTRAP_SERVERS}, {@code SCHEMA_REGISTRY_URL} and every
 * {@code KAFKA_CLIENT_*} variable ({@code KAFKA_CLIENT_SECURITY_PROTOCOL=SASL_SSL} becomes
 * {@code security.protocol=SASL_SSL}); registry client keys ({@code basic.auth.user.info} ...) from
 * {@code SCHEMA_REGISTRY_CLIENT_*} the same way.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl registry URL(s), or {@code mock://scope}
 * @param clientOverrides   extra Kafka client properties for every producer, consumer, admin and Streams client
 * @param registryOverrides extra serde/registry properties
 */
public record KafkaSettings(String bootstrapServers, String schemaRegistryUrl, Map<String, String> clientOverrides,
                            Map<String, String> registryOverrides) {

    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        clientOverrides = Map.copyOf(clientOverrides);
        registryOverrides = Map.copyOf(registryOverrides);
    }

    public static KafkaSettings of(final String bootstrapServers, final String schemaRegistryUrl) {
        return new KafkaSettings(bootstrapServers, schemaRegistryUrl, Map.of(), Map.of());
    }

    public static KafkaSettings from(final Env env) {
        return new KafkaSettings(
                env.string("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                env.string("SCHEMA_REGISTRY_URL", "http://localhost:8081"),
                dotted(env.withPrefix("KAFKA_CLIENT_")),
                dotted(env.withPrefix("SCHEMA_REGISTRY_CLIENT_")));
    }

    /** Serde config: registry URL plus registry overrides. */
    public Map<String, Object> serdeConfig() {
        final Map<String, Object> config = new HashMap<>(registryOverrides);
        config.put("schema.registry.url", schemaRegistryUrl);
        return config;
    }

    /** Base client config: bootstrap servers plus client overrides. */
    public Map<String, Object> clientConfig() {
        final Map<String, Object> config = new HashMap<>(clientOverrides);
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }

    private static Map<String, String> dotted(final Map<String, String> env) {
        final Map<String, String> result = new HashMap<>();
        env.forEach((k, v) -> result.put(k.toLowerCase().replace('_', '.'), v));
        return result;
    }
}
