package dev.orderpipeline.schemas.testing;

import dev.orderpipeline.schemas.registry.CompatibilityLevel;
import dev.orderpipeline.schemas.registry.RegisteredSchema;
import dev.orderpipeline.schemas.registry.SchemaRegistryClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * Delegates every call and counts it by method name, so tests can tell which calls a cache answered itself.
 */
public final class CountingSchemaRegistryClient implements SchemaRegistryClient {

    private final SchemaRegistryClient delegate;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    public CountingSchemaRegistryClient(final SchemaRegistryClient delegate) {
        this.delegate = delegate;
    }

    /** How often the method with this name reached the delegate. */
    public int calls(final String method) {
        final AtomicInteger count = calls.get(method);
        return count == null ? 0 : count.get();
    }

    private void count(final String method) {
        calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public int register(final String subject, final Schema schema) {
        count("register");
        return delegate.register(subject, schema);
    }

    @Override
    public RegisteredSchema lookup(final String subject, final Schema schema) {
        count("lookup");
        return delegate.lookup(subject, schema);
    }

    @Override
    public Schema schemaById(final int id) {
        count("schemaById");
        return delegate.schemaById(id);
    }

    @Override
    public RegisteredSchema latest(final String subject) {
        count("latest");
        return delegate.latest(subject);
    }

    @Override
    public RegisteredSchema version(final String subject, final int version) {
        count("version");
        return delegate.version(subject, version);
    }

    @Override
    public List<Integer> versions(final String subject) {
        count("versions");
        return delegate.versions(subject);
    }

    @Override
    public List<String> subjects() {
        count("subjects");
        return delegate.subjects();
    }

    @Override
    public boolean isCompatible(final String subject, final Schema schema) {
        count("isCompatible");
        return delegate.isCompatible(subject, schema);
    }

    @Override
    public CompatibilityLevel compatibility(final String subject) {
        count("compatibility");
        return delegate.compatibility(subject);
    }

    @Override
    public void setCompatibility(final String subject, final CompatibilityLevel level) {
        count("setCompatibility");
        delegate.setCompatibility(subject, level);
    }

    @Override
    public void close() {
        count("close");
        delegate.close();
    }
}
