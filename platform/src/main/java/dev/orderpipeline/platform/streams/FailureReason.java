package dev.orderpipeline.platform.streams;

import dev.orderpipeline.schemas.serde.CorruptAvroException;
import dev.orderpipeline.schemas.serde.InvalidWireFormatException;
import dev.orderpipeline.schemas.serde.UnknownSchemaIdException;

/** Classifies why a record could not be read or processed, for the {@link DeadLetters#REASON} header. */
public enum FailureReason {
    INVALID_WIRE_FORMAT,
    UNKNOWN_SCHEMA_ID,
    CORRUPT_AVRO,
    DESERIALIZATION_ERROR,
    PROCESSING_ERROR;

    /** The reason for an exception thrown while deserializing. */
    public static FailureReason ofDeserialization(final Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidWireFormatException) {
                return INVALID_WIRE_FORMAT;
            }
            if (t instanceof UnknownSchemaIdException) {
                return UNKNOWN_SCHEMA_ID;
            }
            if (t instanceof CorruptAvroException) {
                return CORRUPT_AVRO;
            }
        }
        return DESERIALIZATION_ERROR;
    }
}
