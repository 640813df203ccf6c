package dev.orderpipeline.registry.internal;

import dev.orderpipeline.schemas.registry.CompatibilityLevel;
import dev.orderpipeline.schemas.registry.SchemaRegistryException;
import java.util.Locale;
import java.util.OptionalInt;
import org.apache.avro.Schema;

/**
 * Turns path parameters and request bodies into values, refusing bad ones with the Confluent error codes: 42201
 * invalid schema, 42202 invalid version, 42203 invalid compatibility level, 40403 for an id that cannot exist.
 */
final class RequestValues {

    private static final String AVRO = "AVRO";

    private RequestValues() {
    }

    /**
     * The Avro schema of a registration, lookup or compatibility request.
     *
     * @throws SchemaRegistryException 42201 if the schema is missing, not Avro, uses references or does not parse
     */
    static Schema schema(final Wire.SchemaRequest request) {
        if (request.schemaType() != null && !request.schemaType().equalsIgnoreCase(AVRO)) {
            throw invalidSchema("Schema type '" + request.schemaType()
                    + "' is not supported: this registry stores AVRO schemas only");
        }
        if (request.references() != null && !request.references().isNull()
                && !(request.references().isArray() && request.references().isEmpty())) {
            throw invalidSchema("Schema references are not supported by this registry; inline the referenced types");
        }
        if (request.schema() == null || request.schema().isBlank()) {
            throw invalidSchema("Empty schema: the request has no 'schema' string");
        }
        try {
            return new Schema.Parser().parse(request.schema());
        } catch (final RuntimeException e) {
            // Avro reports bad input as SchemaParseException, AvroTypeException (bad defaults) and a few plain
            // runtime exceptions; all of them mean the client sent an invalid schema, none is a server fault.
            throw invalidSchema("Invalid schema: " + e.getMessage());
        }
    }

    /**
     * A version path segment: empty for {@code latest} (or Confluent's alias {@code -1}), else a version from 1.
     *
     * @throws SchemaRegistryException 42202 for anything else
     */
    static OptionalInt version(final String segment) {
        if (segment.equalsIgnoreCase("latest") || segment.equals("-1")) {
            return OptionalInt.empty();
        }
        try {
            final int version = Integer.parseInt(segment);
            if (version >= 1) {
                return OptionalInt.of(version);
            }
        } catch (final NumberFormatException e) {
            // falls through to the Confluent error below
        }
        throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_VERSION, "The specified version '"
                + segment + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    /**
     * A schema id path segment. Ids are positive ints, so anything else names no schema (404, as Confluent answers).
     */
    static int schemaId(final String segment) {
        try {
            return Integer.parseInt(segment);
        } catch (final NumberFormatException e) {
            throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + segment + " not found");
        }
    }

    /**
     * The level of a {@code PUT /config} body, case-insensitive as in Confluent.
     *
     * @throws SchemaRegistryException 42203 if it is missing or unknown
     */
    static CompatibilityLevel compatibility(final Wire.ConfigUpdate update) {
        final String level = update.compatibility();
        if (level != null) {
            try {
                return CompatibilityLevel.valueOf(level.trim().toUpperCase(Locale.ROOT));
            } catch (final IllegalArgumentException e) {
                // falls through to the Confluent error below
            }
        }
        throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL,
                "Invalid compatibility level '" + level + "'. Valid values are none, backward, forward, full, "
                        + "backward_transitive, forward_transitive, and full_transitive");
    }

    private static SchemaRegistryException invalidSchema(final String message) {
        return new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA, message);
    }
}
