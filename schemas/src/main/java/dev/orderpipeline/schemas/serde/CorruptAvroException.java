package dev.orderpipeline.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The header was fine but the Avro payload does not decode with the writer schema it names (truncated or
 * corrupt bytes), or cannot be resolved to the reader schema. A poison record: dead-letter it.
 */
public class CorruptAvroException extends SerializationException {
    public CorruptAvroException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
