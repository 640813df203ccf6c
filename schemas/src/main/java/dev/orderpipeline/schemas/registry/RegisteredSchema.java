package dev.orderpipeline.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * A schema as the registry knows it: the subject it is registered under, its global id and its version
 * within that subject.
 *
 * @param subject the subject, e.g. {@code orders-value}
 * @param id      the registry-wide schema id that goes into every Confluent-wire-format record
 * @param version the version of the schema within the subject, from 1
 * @param schema  the parsed Avro schema
 */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {
    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
