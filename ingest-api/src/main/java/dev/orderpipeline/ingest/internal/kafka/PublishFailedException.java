package dev.orderpipeline.ingest.internal.kafka;

/**
 * An event was not acknowledged by Kafka. Whether a retry helps is the point: retriable failures (broker
 * unreachable or slow, buffer full, registry unreachable) become 503 with {@code Retry-After}; the others (a record
 * Kafka or the registry refuses) are bugs or misconfiguration and become 500.
 */
public final class PublishFailedException extends Exception {

    private final boolean retriable;

    public PublishFailedException(final String message, final Throwable cause, final boolean retriable) {
        super(message, cause);
        this.retriable = retriable;
    }

    /** True when the same request may succeed later. */
    public boolean retriable() {
        return retriable;
    }
}
