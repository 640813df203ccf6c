package dev.orderpipeline.topology.internal;

import dev.orderpipeline.topology.ReasonCode;
import java.util.Objects;

/**
 * Why a record cannot be attributed to an order, SKU or customer, for the dead-letter headers.
 *
 * @param reason  the {@code dlq.reason} header
 * @param message the {@code dlq.message} header
 */
public record Problem(ReasonCode reason, String message) {
    public Problem {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}
