package dev.orderpipeline.schemas.registry;

import org.apache.kafka.common.errors.RetriableException;

/**
 * No registry could be reached, or every one answered 5xx, after the configured retries with backoff.
 * Retrying later helps: the record itself is fine. Stream processors must therefore not treat this as a poison
 * record (it is a {@link RetriableException}, not a {@code SerializationException}).
 */
public class RegistryUnavailableException extends RetriableException {
    public RegistryUnavailableException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
