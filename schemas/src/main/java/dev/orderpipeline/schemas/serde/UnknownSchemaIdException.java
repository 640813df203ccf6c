package dev.orderpipeline.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The record names a schema id the registry does not know (Confluent error 40403). A poison record for this
 * registry: retrying does not help; dead-letter it.
 */
public class UnknownSchemaIdException extends SerializationException {
    private final int schemaId;

    public UnknownSchemaIdException(final int schemaId, final Throwable cause) {
        super("Schema id " + schemaId + " is not known to the schema registry", cause);
        this.schemaId = schemaId;
    }

    /** The id the record carried. */
    public int schemaId() {
        return schemaId;
    }
}
