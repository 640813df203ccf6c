package dev.orderpipeline.consumers.internal;

import dev.orderpipeline.schemas.avro.NotificationRequested;
import java.util.Objects;

/** What the bytes of a polled record turned out to be. */
sealed interface Decoded {

    /** A usable notification. */
    record Valid(NotificationRequested notification) implements Decoded {
        public Valid {
            Objects.requireNonNull(notification, "notification");
        }
    }

    /**
     * Bytes that will never decode into a usable notification: dead-letter them.
     *
     * @param reason {@code dlq.reason} value
     * @param cause  the exception, or null for a failed validation
     */
    record Poison(String reason, String message, Exception cause) implements Decoded {
    }

    /** The registry could not be asked for the writer schema: the record is fine, wait and read it again. */
    record RegistryDown(Exception cause) implements Decoded {
    }
}
