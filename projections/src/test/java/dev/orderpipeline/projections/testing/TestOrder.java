package dev.orderpipeline.projections.testing;

import dev.orderpipeline.schemas.avro.LineItem;
import dev.orderpipeline.schemas.avro.OrderStatus;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An order as a test describes it, turned into the {@code order-status} events the saga would publish for it:
 * {@code order("o-1").customer("c-1").createdAt("2026-11-05T10:00:00Z").line("SKU-1", 2, 1250).confirmed()}.
 */
public final class TestOrder {

    private final String orderId;
    private String customerId = "c-1";
    private Instant createdAt = Instant.parse("2026-11-05T10:00:00Z");
    private String currency = "EUR";
    private final List<LineItem> lines = new ArrayList<>();

    private TestOrder(final String orderId) {
        this.orderId = orderId;
    }

    public static TestOrder order(final String orderId) {
        return new TestOrder(orderId);
    }

    public TestOrder customer(final String customerId) {
        this.customerId = customerId;
        return this;
    }

    public TestOrder createdAt(final String instant) {
        this.createdAt = Instant.parse(instant);
        return this;
    }

    public TestOrder currency(final String currency) {
        this.currency = currency;
        return this;
    }

    public TestOrder line(final String sku, final int quantity, final long unitPriceMinor) {
        lines.add(new LineItem(sku, quantity, unitPriceMinor));
        return this;
    }

    public String id() {
        return orderId;
    }

    public String customerId() {
        return customerId;
    }

    /** A change to {@code status} at position {@code sequence} of the history, one minute per step after creation. */
    public OrderStatusChanged change(final int sequence, final OrderStatus status, final OrderStatus previous) {
        return change(sequence, status, previous, null, null);
    }

    public OrderStatusChanged change(final int sequence, final OrderStatus status, final OrderStatus previous,
                                     final String reasonCode, final String reasonMessage) {
        final List<LineItem> items = lines.isEmpty() ? List.of(new LineItem("SKU-1", 1, 100L)) : List.copyOf(lines);
        long total = 0;
        for (final LineItem item : items) {
            total += item.getQuantity() * item.getUnitPriceMinor();
        }
        return OrderStatusChanged.newBuilder()
                .setOrderId(orderId).setCustomerId(customerId).setStatus(status).setPreviousStatus(previous)
                .setSequence(sequence).setReasonCode(reasonCode).setReasonMessage(reasonMessage)
                .setChangedAt(createdAt.plus(Duration.ofMinutes(sequence))).setOrderCreatedAt(createdAt)
                .setCurrency(currency).setTotalMinor(total).setItems(items)
                .build();
    }

    public OrderStatusChanged pending() {
        return change(0, OrderStatus.PENDING, null);
    }

    /** The happy path's decision: PENDING, STOCK_RESERVED, PAYMENT_AUTHORIZED, then this CONFIRMED (sequence 3). */
    public OrderStatusChanged confirmed() {
        return change(3, OrderStatus.CONFIRMED, OrderStatus.PAYMENT_AUTHORIZED);
    }

    /** The whole happy path, in order. */
    public List<OrderStatusChanged> confirmedHistory() {
        return List.of(pending(), change(1, OrderStatus.STOCK_RESERVED, OrderStatus.PENDING),
                change(2, OrderStatus.PAYMENT_AUTHORIZED, OrderStatus.STOCK_RESERVED), confirmed());
    }

    /** A reversal of a confirmed order (sequence 4). */
    public OrderStatusChanged reversed() {
        return change(4, OrderStatus.CANCELLED, OrderStatus.CONFIRMED, "CANCELLED_BY_CUSTOMER", "Cancelled after confirmation");
    }

    public OrderStatusChanged rejected(final String reasonCode, final String reasonMessage) {
        return change(1, OrderStatus.REJECTED, OrderStatus.PENDING, reasonCode, reasonMessage);
    }
}
