package dev.orderpipeline.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The bytes are not a Confluent-wire-format record: too short, or the first byte is not the magic byte 0.
 * A poison record: retrying does not help; dead-letter it.
 */
public class InvalidWireFormatException extends SerializationException {
    public InvalidWireFormatException(final String message) {
        super(message);
    }
}
