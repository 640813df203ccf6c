package dev.orderpipeline.schemas.registry;

/**
 * The registry refused a schema because it breaks the subject's compatibility rules (HTTP 409).
 * Retrying does not help; evolve the schema compatibly (add fields with defaults) instead.
 */
public class IncompatibleSchemaException extends SchemaRegistryException {
    public IncompatibleSchemaException(final String message) {
        super(409, INCOMPATIBLE_SCHEMA, message);
    }
}
