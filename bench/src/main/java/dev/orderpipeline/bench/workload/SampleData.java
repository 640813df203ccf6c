package dev.orderpipeline.bench.workload;

import dev.orderpipeline.schemas.avro.LineItem;
import dev.orderpipeline.schemas.avro.NotificationKind;
import dev.orderpipeline.schemas.avro.NotificationRequested;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderSource;
import dev.orderpipeline.schemas.avro.OrderStatus;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Deterministic sample orders that the demo catalogue confirms (SKU-1..100 in stock, customers c-1..1000 with funds):
 * order {@code i} has two lines, so both HTTP and direct orders carry the same, realistic payload.
 */
public final class SampleData {

    private SampleData() {
    }

    public static String customer(final long i) {
        return "c-" + (i % 1000 + 1);
    }

    public static List<LineItem> lines(final long i) {
        return List.of(new LineItem("SKU-" + (i % 100 + 1), (int) (i % 3 + 1), 1250L),
                new LineItem("SKU-" + ((i + 37) % 100 + 1), 1, 990L));
    }

    public static long total(final long i) {
        return lines(i).stream().mapToLong(l -> l.getQuantity() * l.getUnitPriceMinor()).sum();
    }

    /** The {@code POST /orders} body of order {@code i}. */
    public static String orderJson(final long i) {
        final List<LineItem> lines = lines(i);
        return String.format(Locale.ROOT, "{\"customerId\":\"%s\",\"currency\":\"EUR\",\"items\":["
                        + "{\"sku\":\"%s\",\"quantity\":%d,\"unitPriceMinor\":%d},"
                        + "{\"sku\":\"%s\",\"quantity\":%d,\"unitPriceMinor\":%d}]}",
                customer(i), lines.get(0).getSku(), lines.get(0).getQuantity(), lines.get(0).getUnitPriceMinor(),
                lines.get(1).getSku(), lines.get(1).getQuantity(), lines.get(1).getUnitPriceMinor());
    }

    /** Order {@code i} as an event, as ingest or a direct producer writes it. */
    public static OrderPlaced orderPlaced(final String orderId, final long i, final Instant createdAt,
                                          final OrderSource source) {
        return new OrderPlaced(orderId, customer(i), lines(i), "EUR", createdAt, source, null);
    }

    /** The status history the saga writes for a confirmed order: PENDING, STOCK_RESERVED, PAYMENT_AUTHORIZED, CONFIRMED. */
    public static List<OrderStatusChanged> confirmedHistory(final String orderId, final long i, final Instant createdAt) {
        return List.of(status(orderId, i, createdAt, OrderStatus.PENDING, null, 0),
                status(orderId, i, createdAt, OrderStatus.STOCK_RESERVED, OrderStatus.PENDING, 1),
                status(orderId, i, createdAt, OrderStatus.PAYMENT_AUTHORIZED, OrderStatus.STOCK_RESERVED, 2),
                status(orderId, i, createdAt, OrderStatus.CONFIRMED, OrderStatus.PAYMENT_AUTHORIZED, 3));
    }

    private static OrderStatusChanged status(final String orderId, final long i, final Instant createdAt,
                                             final OrderStatus status, final OrderStatus previous, final int sequence) {
        return OrderStatusChanged.newBuilder().setOrderId(orderId).setCustomerId(customer(i)).setStatus(status)
                .setPreviousStatus(previous).setSequence(sequence).setReasonCode(null).setReasonMessage(null)
                .setChangedAt(createdAt.plusMillis(sequence * 40L)).setOrderCreatedAt(createdAt).setCurrency("EUR")
                .setTotalMinor(total(i)).setItems(lines(i)).build();
    }

    /** A confirmation notification for order {@code i}. */
    public static NotificationRequested notification(final String eventId, final long i, final Instant at) {
        return new NotificationRequested(eventId, "order-" + i, customer(i), NotificationKind.ORDER_CONFIRMED, null,
                null, "EUR", total(i), at);
    }

    /** Whether a status change is an order's decision (not a later reversal of a confirmation). */
    public static boolean isDecision(final OrderStatusChanged change) {
        return switch (change.getStatus()) {
            case CONFIRMED, REJECTED -> true;
            case CANCELLED -> change.getPreviousStatus() != OrderStatus.CONFIRMED;
            default -> false;
        };
    }
}
