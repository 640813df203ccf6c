package dev.orderpipeline.schemas.registry;

import org.apache.kafka.common.KafkaException;

/**
 * The registry answered with an error. Carries the HTTP status and the Confluent error code
 * (e.g. 40403 schema not found, 409 incompatible schema, 42201 invalid schema).
 *
 * <p>Retrying does not help: the same request gets the same answer. See {@link RegistryUnavailableException}
 * for the case where it does.
 */
public class SchemaRegistryException extends KafkaException {
    /** Confluent error code: subject not found. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent error code: version not found. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** Confluent error code: schema not found. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /**
     * Error code for a schema incompatible with earlier versions: older registries send 409, current Confluent
     * 40901; both come with HTTP status 409, which is what {@link #of} checks.
     */
    public static final int INCOMPATIBLE_SCHEMA = 409;
    /** Confluent error code: the schema does not parse. */
    public static final int INVALID_SCHEMA = 42201;
    /** Confluent error code: the version is not a positive integer or "latest". */
    public static final int INVALID_VERSION = 42202;
    /** Confluent error code: the compatibility level is not known. */
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(final int httpStatus, final int errorCode, final String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** HTTP status the registry answered with (e.g. 404, 409, 422). */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent error code (e.g. 40403); equals the HTTP status where the registry gave no finer code. */
    public int errorCode() {
        return errorCode;
    }

    /** Whether this says that a subject, version or schema id does not exist. */
    public boolean isNotFound() {
        return httpStatus == 404;
    }

    /** Creates the most specific exception type for an error answer. */
    public static SchemaRegistryException of(final int httpStatus, final int errorCode, final String message) {
        if (errorCode == INCOMPATIBLE_SCHEMA || httpStatus == 409) {
            return new IncompatibleSchemaException(message);
        }
        return new SchemaRegistryException(httpStatus, errorCode, message);
    }
}
