package dev.orderpipeline.consumers.internal;

import dev.orderpipeline.consumers.internal.channel.FailureCode;
import dev.orderpipeline.consumers.internal.retry.RetryPlan;
import java.util.Objects;

/**
 * How one polled record ends up; the batch's offsets are committed only once every record has one and its writes
 * are acknowledged. Every variant but {@link Duplicate} writes something: a marker, a retry copy or a dead letter.
 */
sealed interface Settlement {

    InboundRecord in();

    /** The channel accepted it; a {@code DELIVERED} marker is written. */
    record Delivered(InboundRecord in, String eventId, String orderId) implements Settlement {
        public Delivered {
            Objects.requireNonNull(eventId, "eventId");
        }
    }

    /** Its event id is already settled: nothing is sent or written. */
    record Duplicate(InboundRecord in, String eventId) implements Settlement {
    }

    /** A transient failure with attempts left: a copy goes to a retry tier. */
    record Retry(InboundRecord in, String eventId, String orderId, int attemptsMade, RetryPlan plan,
                 FailureCode failure, String message) implements Settlement {
    }

    /**
     * Undeliverable: the original bytes go to the dead-letter topic, and a {@code DEAD_LETTERED} marker when the
     * event id is known.
     *
     * @param eventId null for records that could not be decoded
     * @param cause   null when no exception was involved
     */
    record DeadLetter(InboundRecord in, String eventId, String orderId, int attemptsMade, String reason,
                      String message, Throwable cause) implements Settlement {
    }
}
