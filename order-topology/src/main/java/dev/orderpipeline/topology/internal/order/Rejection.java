package dev.orderpipeline.topology.internal.order;

import dev.orderpipeline.topology.ReasonCode;
import java.util.Objects;

/**
 * Why an order is rejected or cancelled.
 *
 * @param code    the reason code for {@code reasonCode}
 * @param message the explanation for {@code reasonMessage}
 */
public record Rejection(ReasonCode code, String message) {
    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
