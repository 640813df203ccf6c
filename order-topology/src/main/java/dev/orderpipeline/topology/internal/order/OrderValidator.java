package dev.orderpipeline.topology.internal.order;

import dev.orderpipeline.schemas.avro.LineItem;
import dev.orderpipeline.schemas.avro.OrderPlaced;
import dev.orderpipeline.topology.ReasonCode;
import dev.orderpipeline.topology.SagaSettings;
import java.util.List;
import java.util.Optional;

/**
 * The saga's own validation of an {@code OrderPlaced}, applied to every order whichever path it came by (ingest
 * validates too, but direct producers bypass it). Reports the first rule broken, checking in a fixed order: required
 * fields, items, quantities, prices, currency, total.
 */
public final class OrderValidator {

    private final SagaSettings settings;

    public OrderValidator(final SagaSettings settings) {
        this.settings = settings;
    }

    /**
     * @param orderId the id the saga knows the order by (the record key when the value's id is blank)
     * @return the rule broken, or empty when the order is valid
     */
    public Optional<Rejection> validate(final String orderId, final OrderPlaced order) {
        if (blank(order.getOrderId())) {
            return reject(ReasonCode.MISSING_FIELD, "orderId is required (the order was keyed " + orderId + ")");
        }
        if (blank(order.getCustomerId())) {
            return reject(ReasonCode.MISSING_FIELD, "customerId is required");
        }
        if (blank(order.getCurrency())) {
            return reject(ReasonCode.MISSING_FIELD, "currency is required");
        }
        final List<LineItem> items = order.getItems();
        if (items == null || items.isEmpty()) {
            return reject(ReasonCode.NO_ITEMS, "an order needs at least one line item");
        }
        if (items.size() > settings.maxLineItems()) {
            return reject(ReasonCode.TOO_MANY_ITEMS, "an order may have at most " + settings.maxLineItems()
                    + " line items, this one has " + items.size());
        }
        for (int i = 0; i < items.size(); i++) {
            final LineItem item = items.get(i);
            if (item == null || blank(item.getSku())) {
                return reject(ReasonCode.MISSING_FIELD, "items[" + i + "].sku is required");
            }
            if (item.getQuantity() < 1) {
                return reject(ReasonCode.INVALID_QUANTITY, "items[" + i + "] (" + item.getSku()
                        + ") has quantity " + item.getQuantity() + "; it must be at least 1");
            }
            if (item.getUnitPriceMinor() < 0) {
                return reject(ReasonCode.NEGATIVE_PRICE, "items[" + i + "] (" + item.getSku()
                        + ") has unit price " + item.getUnitPriceMinor() + "; it must not be negative");
            }
        }
        if (!settings.acceptedCurrencies().contains(order.getCurrency())) {
            return reject(ReasonCode.UNKNOWN_CURRENCY, "currency '" + order.getCurrency() + "' is not accepted");
        }
        final long total = totalMinor(items);
        if (total > settings.maxOrderTotalMinor()) {
            return reject(ReasonCode.TOTAL_TOO_LARGE, "order total "
                    + (total == Long.MAX_VALUE ? "overflows" : Long.toString(total))
                    + " exceeds the limit of " + settings.maxOrderTotalMinor() + " minor units");
        }
        return Optional.empty();
    }

    /** Sum of quantity x unit price, saturating at {@link Long#MAX_VALUE} instead of overflowing. */
    public static long totalMinor(final List<LineItem> items) {
        long total = 0;
        for (final LineItem item : items) {
            if (item == null) {
                continue;
            }
            try {
                total = Math.addExact(total, Math.multiplyExact((long) item.getQuantity(), item.getUnitPriceMinor()));
            } catch (final ArithmeticException overflow) {
                return Long.MAX_VALUE;
            }
        }
        return total;
    }

    private static Optional<Rejection> reject(final ReasonCode code, final String message) {
        return Optional.of(new Rejection(code, message));
    }

    private static boolean blank(final String value) {
        return value == null || value.isBlank();
    }
}
