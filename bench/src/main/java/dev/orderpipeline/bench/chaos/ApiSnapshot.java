package dev.orderpipeline.bench.chaos;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the query API answered at the end of a run.
 *
 * @param monthlySales  per month ({@code yyyy-MM}), per projections instance: the sales figures it answered
 * @param orderStatuses per order id: the {@code status} {@code GET /orders/{id}} answered (or {@code HTTP <code>})
 */
record ApiSnapshot(Map<String, Map<String, SalesFigures>> monthlySales, Map<String, String> orderStatuses) {

    ApiSnapshot {
        monthlySales = Map.copyOf(monthlySales);
        orderStatuses = Map.copyOf(orderStatuses);
    }

    /**
     * One month's confirmed sales, net of reversals, as {@code /sales/monthly/{month}} reports them.
     *
     * @param orders           confirmed orders
     * @param units            their units
     * @param revenueMinor     revenue per currency, minor units
     * @param ordersByCurrency confirmed orders per currency
     */
    record SalesFigures(long orders, long units, Map<String, Long> revenueMinor, Map<String, Long> ordersByCurrency) {

        SalesFigures {
            revenueMinor = Map.copyOf(withoutZeros(revenueMinor));
            ordersByCurrency = Map.copyOf(withoutZeros(ordersByCurrency));
        }

        static SalesFigures none() {
            return new SalesFigures(0, 0, Map.of(), Map.of());
        }

        private static Map<String, Long> withoutZeros(final Map<String, Long> amounts) {
            final Map<String, Long> copy = new TreeMap<>(amounts);
            copy.values().removeIf(v -> v == 0);
            return copy;
        }
    }
}
