package dev.orderpipeline.registry.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Request and response bodies in the exact JSON shapes of the Confluent Schema Registry API (field names and
 * order), so that every Confluent client reads them. Bodies are records; Jackson writes components in declaration
 * order.
 */
final class Wire {

    private Wire() {
    }

    /**
     * Body of {@code POST /subjects/{s}/versions}, {@code POST /subjects/{s}} and the compatibility check. Clients
     * also send fields this server ignores ({@code metadata}, {@code ruleSet}, {@code normalize}, ...).
     *
     * @param schema     the schema as a JSON string (not a JSON object)
     * @param schemaType {@code AVRO} or absent; anything else is refused
     * @param references schema references; only an absent or empty array is accepted
     */
    record SchemaRequest(String schema, String schemaType, JsonNode references) {
    }

    /** Answer to a registration: the global id. */
    record SchemaId(int id) {
    }

    /** One version of a subject, as {@code GET /subjects/{s}/versions/{v}} and lookups answer. */
    record SubjectVersionSchema(String subject, int version, int id, String schema) {
    }

    /** Answer of {@code GET /schemas/ids/{id}}. */
    record SchemaText(String schema) {
    }

    /** One place a schema id is registered, as {@code GET /schemas/ids/{id}/versions} lists them. */
    record SubjectVersion(String subject, int version) {
    }

    /** Answer of the compatibility check. */
    record CompatibilityCheck(@JsonProperty("is_compatible") boolean isCompatible) {
    }

    /** Answer of {@code GET /config[/{s}]}; note the field name differs from the PUT body's. */
    record ConfigLevel(String compatibilityLevel) {
    }

    /** Body and answer of {@code PUT /config[/{s}]}. */
    record ConfigUpdate(String compatibility) {
    }

    /** Every error answer. */
    record ErrorBody(@JsonProperty("error_code") int errorCode, String message) {
    }
}
