package dev.orderpipeline.schemas.serde;

import dev.orderpipeline.schemas.registry.RegistryUnavailableException;
import dev.orderpipeline.schemas.registry.SchemaRegistryClient;
import dev.orderpipeline.schemas.registry.SchemaRegistryClients;
import dev.orderpipeline.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-wire-format Avro records. The writer schema comes from the registry by the id in the record;
 * the reader schema is the target class's (typed use), the generated class named by the writer schema when
 * {@code specific.avro.reader=true}, or else the writer schema itself (GenericRecord). Avro schema resolution
 * bridges the two, so data written with a BACKWARD- or FORWARD-compatible schema version reads fine.
 *
 * <p>Poison records throw subclasses of {@code SerializationException}: {@link InvalidWireFormatException},
 * {@link UnknownSchemaIdException}, {@link CorruptAvroException}. An unreachable registry throws
 * {@link RegistryUnavailableException}, which is retriable and must not dead-letter the record.
 */
public final class ConfluentAvroDeserializer<T> implements Deserializer<T> {

    private record ReaderKey(int schemaId, Class<?> generatedClass) {
    }

    private final Class<T> targetType;
    private SchemaRegistryClient client;
    private boolean ownsClient;
    private boolean specificReader;
    private final Map<ReaderKey, DatumReader<?>> readers = new ConcurrentHashMap<>();

    /** For Kafka's reflective construction: GenericRecord, or generated classes with specific.avro.reader. */
    public ConfluentAvroDeserializer() {
        this(null, null);
    }

    /**
     * @param client     shared registry client, or null to create one in {@link #configure}
     * @param targetType generated class to read into, or null for GenericRecord / specific.avro.reader
     */
    public ConfluentAvroDeserializer(final SchemaRegistryClient client, final Class<T> targetType) {
        this.client = client;
        this.targetType = targetType;
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        final AvroSerdeConfig config = AvroSerdeConfig.from(configs);
        this.specificReader = config.specificAvroReader();
        if (client == null) {
            client = SchemaRegistryClients.create(config);
            ownsClient = true;
        }
    }

    @Override
    public T deserialize(final String topic, final byte[] data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("ConfluentAvroDeserializer used before configure()");
        }
        final int id = WireFormat.schemaId(data);
        final Schema writer;
        try {
            writer = client.schemaById(id);
        } catch (final SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new UnknownSchemaIdException(id, e);
            }
            throw e;
        }
        final Class<?> generated = generatedClassFor(writer);
        final DatumReader<?> datumReader = readers.computeIfAbsent(new ReaderKey(id, generated), k -> readerFor(writer, generated));
        final BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null);
        try {
            @SuppressWarnings("unchecked")
            final T value = (T) datumReader.read(null, decoder);
            return value;
        } catch (final IOException | RuntimeException e) {
            throw new CorruptAvroException("Cannot decode Avro record of schema id " + id + " (" + writer.getFullName()
                    + ") from topic " + topic + ": " + e, e);
        }
    }

    /**
     * The generated class to read into: the target type, or with specific.avro.reader the class named by the writer
     * schema; null for GenericRecord. Deciding this here, and not from whether a class of the writer's name merely
     * exists on the classpath, keeps generic reads generic: a newer writer schema must not be poured by field
     * position into an older generated class.
     */
    private Class<?> generatedClassFor(final Schema writer) {
        if (targetType != null && SpecificRecord.class.isAssignableFrom(targetType)) {
            return targetType;
        }
        if (specificReader) {
            final Class<?> generated = SpecificData.get().getClass(writer);
            if (generated != null && SpecificRecord.class.isAssignableFrom(generated)) {
                return generated;
            }
        }
        return null;
    }

    private static DatumReader<?> readerFor(final Schema writer, final Class<?> generated) {
        if (generated == null) {
            return new GenericDatumReader<>(writer, writer, GenericData.get());
        }
        final Schema reader = SpecificData.get().getSchema(generated);
        return new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader));
    }

    @Override
    public void close() {
        if (ownsClient && client != null) {
            client.close();
        }
    }
}
