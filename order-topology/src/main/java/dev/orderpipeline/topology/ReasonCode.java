package dev.orderpipeline.topology;

/**
 * Machine-readable reasons the saga gives in {@code OrderStatusChanged.reasonCode} and
 * {@code NotificationRequested.reasonCode} (and, for records it cannot attribute to an order, in the
 * {@code dlq.reason} header of the dead-letter topic). Readers must tolerate codes added later.
 */
public enum ReasonCode {
    /** A required field is blank: customerId, currency, an item's sku, or the order id itself (key present). */
    MISSING_FIELD,
    /** The order has no line items. */
    NO_ITEMS,
    /** The order has more line items than {@link SagaSettings#maxLineItems()}. */
    TOO_MANY_ITEMS,
    /** A line has a quantity below 1. */
    INVALID_QUANTITY,
    /** A line has a negative unit price. */
    NEGATIVE_PRICE,
    /** The currency is not one of {@link SagaSettings#acceptedCurrencies()}. */
    UNKNOWN_CURRENCY,
    /** The order total exceeds {@link SagaSettings#maxOrderTotalMinor()} (or overflows a long). */
    TOTAL_TOO_LARGE,
    /**
     * A second {@code OrderPlaced} with an order id already seen. Never written to {@code order-status}: the
     * duplicate changes nothing (DESIGN invariant 4), so it is only logged, with this code.
     */
    DUPLICATE_ORDER,
    /** At least one SKU did not have enough stock; the message names each short SKU. */
    OUT_OF_STOCK,
    /** The customer's funds in the order currency do not cover the total. */
    PAYMENT_DECLINED,
    /** The order was cancelled before it was confirmed: it holds nothing. */
    CANCELLED_BEFORE_CONFIRMATION,
    /** A confirmed order was cancelled: stock and funds were given back (a reversal). */
    REVERSED_AFTER_CONFIRMATION,
    /**
     * A cancellation bound to a customer ({@code OrderCancelled.requestedByCustomerId}) named an order of another
     * customer, so it was refused. Never written to {@code order-status}: like an ignored late cancellation, the
     * refusal changes nothing (no event, nothing released), so it is only logged, with this code.
     */
    CANCELLATION_NOT_OWNER,
    /** Dead-letter reason: an {@code OrderPlaced} with neither an order id nor a record key. */
    MISSING_ORDER_ID,
    /** Dead-letter reason: the record key is not the id the value names (or is missing), so it would land on the wrong task. */
    KEY_MISMATCH,
    /** Dead-letter reason: a stock or funds adjustment that cannot be applied (blank SKU or currency). */
    INVALID_ADJUSTMENT
}
