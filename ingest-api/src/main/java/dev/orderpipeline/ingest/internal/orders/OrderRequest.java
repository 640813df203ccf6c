package dev.orderpipeline.ingest.internal.orders;

import java.util.List;

/**
 * The body of {@code POST /orders} as read from JSON, before the value rules of {@link OrderValidator}. Fields are
 * null when absent (or of the wrong JSON type, which the reader reports separately); numbers are longs so that an
 * out-of-range quantity is reported as such rather than as a type error.
 *
 * @param customerId    the customer placing the order
 * @param currency      ISO-4217 code of every price
 * @param items         line items; an element is null when it was not a JSON object
 * @param clientOrderId optional id of the order in the client's own systems
 */
public record OrderRequest(String customerId, String currency, List<Item> items, String clientOrderId) {

    /** One line of the order. */
    public record Item(String sku, Long quantity, Long unitPriceMinor) {
    }
}
