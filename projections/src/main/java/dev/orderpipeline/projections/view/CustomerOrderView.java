package dev.orderpipeline.projections.view;

import java.time.Instant;

/** One order in a customer's list, with its latest status. */
public record CustomerOrderView(String orderId, String status, boolean terminal, Instant createdAt,
                                Instant updatedAt, String currency, long totalMinor) {
}
