package dev.orderpipeline.schemas.testing;

import dev.orderpipeline.schemas.registry.InMemorySchemaRegistry;
import dev.orderpipeline.schemas.registry.SchemaRegistryClients;
import dev.orderpipeline.schemas.serde.AvroSerdeConfig;
import dev.orderpipeline.schemas.serde.ConfluentAvroSerde;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.IndexedRecord;
import org.junit.jupiter.api.TestInfo;

/**
 * A {@code mock://} schema registry scope that belongs to one test: named after the test plus a random UUID so
 * that no two tests (or two runs of a parameterized test) share registry state, and dropped on {@link #close()}.
 */
public final class MockRegistryScope implements AutoCloseable {

    private final String scope;

    private MockRegistryScope(final String scope) {
        this.scope = scope;
    }

    /** A fresh scope named {@code <TestClass>-<testMethod>-<uuid>}. */
    public static MockRegistryScope forTest(final TestInfo testInfo) {
        final String className = testInfo.getTestClass().map(Class::getSimpleName).orElse("Test");
        final String methodName = testInfo.getTestMethod().map(Method::getName).orElse("test");
        return new MockRegistryScope(className + "-" + methodName + "-" + UUID.randomUUID());
    }

    /** The {@code schema.registry.url} that selects this scope. */
    public String url() {
        return AvroSerdeConfig.MOCK_SCHEME + scope;
    }

    /** The in-memory registry behind the scope, for arranging and inspecting registry state directly. */
    public InMemorySchemaRegistry registry() {
        return SchemaRegistryClients.mockScope(scope);
    }

    /** Serde config naming this scope, plus extra key/value pairs. */
    public Map<String, Object> config(final Object... extraKeyValues) {
        if (extraKeyValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected key/value pairs, got " + extraKeyValues.length + " values");
        }
        final Map<String, Object> config = new HashMap<>();
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url());
        for (int i = 0; i < extraKeyValues.length; i += 2) {
            config.put((String) extraKeyValues[i], extraKeyValues[i + 1]);
        }
        return config;
    }

    /** A value serde for the type, configured on this scope with its own registry client; the caller closes it. */
    public <T extends IndexedRecord> ConfluentAvroSerde<T> valueSerde(final Class<T> type, final Object... extraKeyValues) {
        final ConfluentAvroSerde<T> serde = new ConfluentAvroSerde<>(type);
        serde.configure(config(extraKeyValues), false);
        return serde;
    }

    @Override
    public void close() {
        SchemaRegistryClients.dropScope(scope);
    }
}
