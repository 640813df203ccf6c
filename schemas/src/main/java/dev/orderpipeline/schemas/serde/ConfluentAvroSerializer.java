package dev.orderpipeline.schemas.serde;

import dev.orderpipeline.schemas.registry.RegisteredSchema;
import dev.orderpipeline.schemas.registry.RegistryUnavailableException;
import dev.orderpipeline.schemas.registry.SchemaRegistryClient;
import dev.orderpipeline.schemas.registry.SchemaRegistryClients;
import dev.orderpipeline.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records in the Confluent wire format under the TopicNameStrategy subject
 * ({@code <topic>-value}, or {@code <topic>-key} for keys), configured by the same keys as Confluent's
 * {@code KafkaAvroSerializer} (see {@link AvroSerdeConfig}).
 *
 * <p>With {@code use.latest.version=true} the record is written with the subject's latest schema: the record is
 * first resolved from its own schema to the latest one by Avro's schema resolution (fields matched by name,
 * defaults filled in), so an older generated class can produce data under a newer compatible schema.
 *
 * <p>Errors: {@link RegistryUnavailableException} (retriable) when the registry cannot be reached; otherwise a
 * {@link SerializationException} whose cause is the registry's answer, e.g. an
 * {@link dev.orderpipeline.schemas.registry.IncompatibleSchemaException}.
 */
public final class ConfluentAvroSerializer<T extends IndexedRecord> implements Serializer<T> {

    private SchemaRegistryClient client;
    private boolean ownsClient;
    private AvroSerdeConfig config;
    private boolean isKey;
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    /**
     * The id last registered or looked up per topic, for the very schema object it was found for: the common case
     * (a generated class's schema is one object) then costs one map lookup, not a registry-cache lookup by subject and
     * schema. Not used with {@code use.latest.version}, whose answer may change.
     */
    private final Map<String, SchemaId> ids = new ConcurrentHashMap<>();

    /** An id that never changes for its subject and schema (registry ids are immutable). */
    private record SchemaId(Schema schema, int id) {
    }

    /** For Kafka's reflective construction; {@link #configure} must follow and creates the registry client. */
    public ConfluentAvroSerializer() {
    }

    /** Uses a shared registry client; {@link #configure} still reads the other settings. */
    public ConfluentAvroSerializer(final SchemaRegistryClient client) {
        this.client = client;
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        this.config = AvroSerdeConfig.from(configs);
        this.isKey = isKey;
        if (client == null) {
            client = SchemaRegistryClients.create(config);
            ownsClient = true;
        }
    }

    @Override
    public byte[] serialize(final String topic, final T record) {
        if (record == null) {
            return null;
        }
        if (config == null) {
            throw new IllegalStateException("ConfluentAvroSerializer used before configure()");
        }
        final Schema own = record.getSchema();
        final SchemaId known = config.useLatestVersion() ? null : ids.get(topic);
        if (known != null && known.schema() == own) {
            return frame(known.id(), own, record);
        }
        final String subject = topic + (isKey ? "-key" : "-value");
        final int id;
        final Schema writerSchema;
        final Object datum;
        try {
            if (config.useLatestVersion()) {
                final RegisteredSchema latest = client.latest(subject);
                id = latest.id();
                writerSchema = latest.schema();
                datum = own.equals(writerSchema) ? record : resolve(record, writerSchema);
            } else {
                id = config.autoRegisterSchemas() ? client.register(subject, own) : client.lookup(subject, own).id();
                ids.put(topic, new SchemaId(own, id));
                writerSchema = own;
                datum = record;
            }
        } catch (final SchemaRegistryException e) {
            throw new SerializationException("Cannot get a schema id for subject '" + subject + "': " + e.getMessage(), e);
        }
        return frame(id, writerSchema, datum);
    }

    private byte[] frame(final int id, final Schema writerSchema, final Object datum) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        final byte[] header = new byte[WireFormat.HEADER_SIZE];
        WireFormat.writeHeader(header, id);
        out.writeBytes(header);
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writers.computeIfAbsent(writerSchema, ConfluentAvroSerializer::writerFor).write(datum, encoder);
            encoder.flush();
        } catch (final IOException | RuntimeException e) {
            throw new SerializationException("Cannot write Avro record with schema " + writerSchema.getFullName()
                    + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static DatumWriter<Object> writerFor(final Schema schema) {
        final Class<?> generated = SpecificData.get().getClass(schema);
        if (generated != null && SpecificRecord.class.isAssignableFrom(generated)) {
            return (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema));
        }
        return new GenericDatumWriter<>(schema, GenericData.get());
    }

    /** Rewrites a record from its own schema into the target schema using Avro schema resolution. */
    private Object resolve(final T record, final Schema target) {
        try {
            final ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
            final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(buffer, null);
            writers.computeIfAbsent(record.getSchema(), ConfluentAvroSerializer::writerFor).write(record, encoder);
            encoder.flush();
            return new GenericDatumReader<>(record.getSchema(), target, GenericData.get())
                    .read(null, DecoderFactory.get().binaryDecoder(buffer.toByteArray(), null));
        } catch (final IOException | RuntimeException e) {
            throw new SerializationException("Record of schema " + record.getSchema().getFullName()
                    + " cannot be written with the latest registered schema: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (ownsClient && client != null) {
            client.close();
        }
    }
}
