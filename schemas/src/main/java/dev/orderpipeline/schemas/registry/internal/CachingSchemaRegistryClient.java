package dev.orderpipeline.schemas.registry.internal;

import dev.orderpipeline.schemas.registry.CompatibilityLevel;
import dev.orderpipeline.schemas.registry.RegisteredSchema;
import dev.orderpipeline.schemas.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.avro.Schema;

/**
 * Caches what never changes in a registry: schemas by id, and ids and lookups by (subject, schema). The latest
 * version of a subject can change, so it is kept for a bounded time ({@code latest.cache.ttl.sec}, negative for
 * ever). Every other call goes straight through.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

    private record SubjectSchema(String subject, Schema schema) {
    }

    private record Timed(RegisteredSchema value, long loadedAtNanos) {
    }

    private final SchemaRegistryClient delegate;
    private final long latestTtlNanos;
    private final LongSupplier nanoClock;
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, RegisteredSchema> lookups = new ConcurrentHashMap<>();
    private final Map<String, Timed> latest = new ConcurrentHashMap<>();

    public CachingSchemaRegistryClient(final SchemaRegistryClient delegate, final Duration latestTtl) {
        this(delegate, latestTtl, System::nanoTime);
    }

    CachingSchemaRegistryClient(final SchemaRegistryClient delegate, final Duration latestTtl, final LongSupplier nanoClock) {
        this.delegate = delegate;
        this.latestTtlNanos = latestTtl.isNegative() ? Long.MAX_VALUE : latestTtl.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public int register(final String subject, final Schema schema) {
        final SubjectSchema key = new SubjectSchema(subject, schema);
        final Integer cached = ids.get(key);
        if (cached != null) {
            return cached;
        }
        final int id = delegate.register(subject, schema);
        ids.put(key, id);
        byId.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public RegisteredSchema lookup(final String subject, final Schema schema) {
        final SubjectSchema key = new SubjectSchema(subject, schema);
        final RegisteredSchema cached = lookups.get(key);
        if (cached != null) {
            return cached;
        }
        final RegisteredSchema found = delegate.lookup(subject, schema);
        lookups.put(key, found);
        ids.put(key, found.id());
        byId.putIfAbsent(found.id(), found.schema());
        return found;
    }

    /** Like {@link #lookup} but answers from the cache when the id is already known. */
    public int idOf(final String subject, final Schema schema) {
        final Integer cached = ids.get(new SubjectSchema(subject, schema));
        return cached != null ? cached : lookup(subject, schema).id();
    }

    @Override
    public Schema schemaById(final int id) {
        final Schema cached = byId.get(id);
        if (cached != null) {
            return cached;
        }
        final Schema schema = delegate.schemaById(id);
        byId.putIfAbsent(id, schema);
        return schema;
    }

    @Override
    public RegisteredSchema latest(final String subject) {
        final Timed cached = latest.get(subject);
        final long now = nanoClock.getAsLong();
        if (cached != null && now - cached.loadedAtNanos() < latestTtlNanos) {
            return cached.value();
        }
        final RegisteredSchema fresh = delegate.latest(subject);
        latest.put(subject, new Timed(fresh, now));
        byId.putIfAbsent(fresh.id(), fresh.schema());
        return fresh;
    }

    @Override
    public RegisteredSchema version(final String subject, final int version) {
        return delegate.version(subject, version);
    }

    @Override
    public List<Integer> versions(final String subject) {
        return delegate.versions(subject);
    }

    @Override
    public List<String> subjects() {
        return delegate.subjects();
    }

    @Override
    public boolean isCompatible(final String subject, final Schema schema) {
        return delegate.isCompatible(subject, schema);
    }

    @Override
    public CompatibilityLevel compatibility(final String subject) {
        return delegate.compatibility(subject);
    }

    @Override
    public void setCompatibility(final String subject, final CompatibilityLevel level) {
        delegate.setCompatibility(subject, level);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
