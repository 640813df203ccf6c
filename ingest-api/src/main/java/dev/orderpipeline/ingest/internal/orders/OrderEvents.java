package dev.orderpipeline.ingest.internal.orders;

import dev.orderpipeline.schemas.avro.AccountAdjustment;
import dev.orderpipeline.schemas.avro.InventoryAdjustment;
import dev.orderpipeline.schemas.avro.LineItem;
import dev.orderpipeline.schemas.avro.OrderCancelled;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.schemas.avro.OrderSource;
import java.time.Instant;

/** Turns valid requests into the Avro events of the pipeline's contract. */
public final class OrderEvents {

    private OrderEvents() {
    }

    /** The event of a valid order (every field checked by {@link OrderValidator}). */
    public static OrderPlaced placed(final OrderRequest request, final String orderId, final Instant createdAt,
                                     final OrderSource source) {
        return OrderPlaced.newBuilder()
                .setOrderId(orderId)
                .setCustomerId(request.customerId())
                .setCurrency(request.currency())
                .setItems(request.items().stream()
                        .map(i -> new LineItem(i.sku(), Math.toIntExact(i.quantity()), i.unitPriceMinor()))
                        .toList())
                .setCreatedAt(createdAt)
                .setSource(source)
                .setClientOrderId(request.clientOrderId())
                .build();
    }

    /**
     * The event of a cancellation request.
     *
     * @param requestedByCustomerId the customer the caller is bound to, or null for a caller that may cancel any
     *                              order; when set, the saga refuses to cancel an order of another customer
     */
    public static OrderCancelled cancelled(final String orderId, final String requestedBy, final String reason,
                                           final Instant requestedAt, final String requestedByCustomerId) {
        return new OrderCancelled(orderId, requestedBy, reason, requestedAt, requestedByCustomerId);
    }

    public static InventoryAdjustment inventory(final InventoryCommand command, final Instant at) {
        return new InventoryAdjustment(command.sku(), command.kind(), command.quantity(), at);
    }

    public static AccountAdjustment account(final AccountCommand command, final Instant at) {
        return new AccountAdjustment(command.customerId(), command.currency(), command.kind(), command.amountMinor(), at);
    }
}
