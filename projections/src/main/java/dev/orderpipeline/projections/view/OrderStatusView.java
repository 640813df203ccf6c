package dev.orderpipeline.projections.view;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What {@code GET /orders/{id}} answers: the order's latest status (with the reason when rejected or cancelled)
 * and its full history in sequence order, e.g.
 * {@code {"orderId":"o-1","customerId":"c-1","status":"CONFIRMED","terminal":true,"reasonCode":null, ...,
 * "history":[{"sequence":0,"status":"PENDING",...},...]}}.
 *
 * @param terminal whether the status is final for the saga: CONFIRMED, REJECTED or CANCELLED (a CONFIRMED order may
 *                 still be reversed by a later CANCELLED; that is a new fact, not a continuation)
 */
public record OrderStatusView(String orderId, String customerId, String status, boolean terminal, String reasonCode,
                              String reasonMessage, Instant createdAt, Instant updatedAt, String currency,
                              long totalMinor, List<OrderLineView> items, List<StatusChangeView> history) {

    private static final Set<String> TERMINAL = Set.of("CONFIRMED", "REJECTED", "CANCELLED");

    public OrderStatusView {
        items = List.copyOf(items);
        history = List.copyOf(history);
    }

    /** Whether an order with this status has reached the end of the saga. */
    public static boolean isTerminal(final String status) {
        return TERMINAL.contains(status);
    }
}
