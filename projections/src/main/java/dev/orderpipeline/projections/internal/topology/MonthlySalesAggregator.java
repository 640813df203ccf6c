package dev.orderpipeline.projections.internal.topology;

import dev.orderpipeline.projections.avro.MonthlySales;
import dev.orderpipeline.schemas.avro.LineItem;
import dev.orderpipeline.schemas.avro.OrderStatus;
import dev.orderpipeline.schemas.avro.OrderStatusChanged;
import java.util.HashMap;
import java.util.Map;

/**
 * Adds confirmed orders to their creation month and takes reversed ones (CANCELLED after CONFIRMED) out again. The
 * month of a reversal is the order's creation month too, whenever the cancellation happens, so a month's figures
 * always equal the sum over the orders created in it that are confirmed and not reversed.
 */
public final class MonthlySalesAggregator {

    private MonthlySalesAggregator() {
    }

    /** Whether the change adds to (CONFIRMED) or subtracts from (reversal) sales. */
    public static boolean movesMoney(final OrderStatusChanged change) {
        return change.getStatus() == OrderStatus.CONFIRMED || isReversal(change);
    }

    /** +1 for a confirmation, -1 for a reversal. */
    static int sign(final OrderStatusChanged change) {
        return isReversal(change) ? -1 : 1;
    }

    private static boolean isReversal(final OrderStatusChanged change) {
        return change.getStatus() == OrderStatus.CANCELLED && change.getPreviousStatus() == OrderStatus.CONFIRMED;
    }

    public static MonthlySales empty() {
        return MonthlySales.newBuilder().setMonth("").setOrders(0).setUnits(0)
                .setRevenueMinor(new HashMap<>()).setOrdersByCurrency(new HashMap<>()).build();
    }

    public static MonthlySales apply(final String month, final OrderStatusChanged change, final MonthlySales current) {
        final int sign = sign(change);
        long units = 0;
        for (final LineItem item : change.getItems()) {
            units = Math.addExact(units, item.getQuantity());
        }
        final String currency = change.getCurrency();
        final Map<String, Long> revenue = new HashMap<>(current.getRevenueMinor());
        final Map<String, Long> orders = new HashMap<>(current.getOrdersByCurrency());
        revenue.merge(currency, Math.multiplyExact(sign, change.getTotalMinor()), Math::addExact);
        orders.merge(currency, (long) sign, Math::addExact);
        if (orders.get(currency) == 0 && revenue.get(currency) == 0) {
            orders.remove(currency);
            revenue.remove(currency);
        }
        return MonthlySales.newBuilder()
                .setMonth(month)
                .setOrders(Math.addExact(current.getOrders(), sign))
                .setUnits(Math.addExact(current.getUnits(), Math.multiplyExact(sign, units)))
                .setRevenueMinor(revenue)
                .setOrdersByCurrency(orders)
                .build();
    }
}
