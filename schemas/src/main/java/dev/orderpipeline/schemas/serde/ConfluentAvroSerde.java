package dev.orderpipeline.schemas.serde;

import dev.orderpipeline.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for generated Avro classes (or GenericRecord) in the Confluent wire format. Typed and explicit: pass it
 * where a serde is needed, never as a default serde.
 *
 * <pre>{@code
 * var serde = new ConfluentAvroSerde<>(OrderPlaced.class);
 * serde.configure(Map.of("schema.registry.url", "http://localhost:8081"), false);
 * }</pre>
 */
public final class ConfluentAvroSerde<T extends IndexedRecord> implements Serde<T> {

    private final ConfluentAvroSerializer<T> serializer;
    private final ConfluentAvroDeserializer<T> deserializer;

    /** A serde that creates its own registry client in {@link #configure}. */
    public ConfluentAvroSerde(final Class<T> type) {
        this(null, type);
    }

    /** A serde on a shared registry client (the caller closes the client). */
    public ConfluentAvroSerde(final SchemaRegistryClient client, final Class<T> type) {
        this.serializer = client == null ? new ConfluentAvroSerializer<>() : new ConfluentAvroSerializer<>(client);
        this.deserializer = new ConfluentAvroDeserializer<>(client, type);
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
