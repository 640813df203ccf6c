package dev.orderpipeline.consumers.internal.channel;

import java.util.Objects;

/**
 * What one delivery attempt came to. Channels never throw for delivery failures: they answer one of these, so
 * the dispatcher decides retry or dead letter in one place.
 */
public sealed interface DeliveryOutcome {

    /** The channel accepted the notification. */
    record Delivered() implements DeliveryOutcome {
    }

    /**
     * The attempt failed for a reason that may go away (5xx, timeout, connection refused, open circuit): retry.
     *
     * @param cause the exception behind it, or null
     */
    record TransientFailure(FailureCode code, String message, Throwable cause) implements DeliveryOutcome {
        public TransientFailure {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The attempt failed in a way that retrying cannot fix (4xx, invalid address): dead-letter.
     *
     * @param cause the exception behind it, or null
     */
    record PermanentFailure(FailureCode code, String message, Throwable cause) implements DeliveryOutcome {
        public PermanentFailure {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    static DeliveryOutcome delivered() {
        return new Delivered();
    }

    static DeliveryOutcome transientFailure(final FailureCode code, final String message, final Throwable cause) {
        return new TransientFailure(code, message, cause);
    }

    static DeliveryOutcome permanentFailure(final FailureCode code, final String message, final Throwable cause) {
        return new PermanentFailure(code, message, cause);
    }
}
