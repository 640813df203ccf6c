package dev.orderpipeline.projections.view;

import java.util.List;

/**
 * What {@code GET /customers/{id}/orders} answers: one page of the customer's orders, newest first (by order
 * creation time, then order id). {@code nextCursor} is an opaque token for the next page, {@code null} on the last
 * one. A customer without orders has an empty first page, not a 404: the list exists, it is just empty.
 */
public record CustomerOrdersPage(String customerId, List<CustomerOrderView> orders, String nextCursor) {

    public CustomerOrdersPage {
        orders = List.copyOf(orders);
    }
}
